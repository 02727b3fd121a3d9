package dev.switchboard.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 that a test can cut and restore: {@link #stop()} closes the listening socket and every
 * live connection, as a database going away would; {@link #start()} listens again on the same port.
 */
final class TcpProxy {

    private final int targetPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private int port;

    TcpProxy(int targetPort) {
        this.targetPort = targetPort;
    }

    synchronized int port() {
        return port;
    }

    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = socket.getLocalPort();
        server = socket;
        Thread.ofVirtual().name("tcp-proxy-accept").start(() -> accept(socket));
    }

    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : live) {
            close(socket);
        }
        live.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                live.add(client);
                live.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // closed by stop(), or the target refused: the client sees its connection close
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
            live.remove(from);
            live.remove(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
