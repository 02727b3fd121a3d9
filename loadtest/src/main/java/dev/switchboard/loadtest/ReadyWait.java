package dev.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code --wait-ready}: polls a health URL every 10 ms until it answers 200. Lets a suite start the driver beside a
 * server that is still starting, so the first request leaves as soon as the server is ready rather than after the
 * driver's own JVM has started. A plain socket and HTTP/1.0: no client threads, nothing to warm up.
 */
final class ReadyWait {

    private static final long POLL_MILLIS = 10;

    private ReadyWait() {
    }

    /** True once {@code url} answered 200; false when {@code timeout} passed first. */
    static boolean until(String url, Duration timeout) {
        URI uri = URI.create(url);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers200(uri)) {
                return true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean answers200(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + uri.getHost() + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return status != null && status.matches("HTTP/1\\.\\d 200( .*)?");
        } catch (IOException e) {
            return false;
        }
    }
}
