package dev.switchboard.training;

import io.quarkus.runtime.Quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * {@code java -XX:AOTCacheOutput=target/switchboard.aot -jar target/switchboard.jar train}: the training run of the
 * JDK's ahead-of-time cache (JEP 483/514/515, JDK 25+). It starts the router as production runs it, with the routing file
 * {@code training.yaml} (free ports, two embedded simulators behind it), sends it the requests production sends ({@link TrainingRun}), and
 * exits; the JVM then writes the classes it loaded and linked, and the methods' profiles, into the cache. A router
 * started with {@code -XX:AOTCache=...} skips that work and is fast from its first request. The build runs this on
 * JDK 25 and newer (Maven profile {@code aot}).
 */
public final class TrainingMain {

    private TrainingMain() {
    }

    /** Starts the router, trains it, stops it; exits with 0 when every training request was answered as expected. */
    public static void main(String[] args) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("switchboard-training");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dataDir)));
        String callerToken = randomToken();
        String adminToken = randomToken();
        System.setProperty("quarkus.config.locations", "training.yaml"); // on the class path, inside the jar
        System.setProperty("training.data-dir", dataDir.toString());
        System.setProperty("training.router-port", Integer.toString(freePort()));
        System.setProperty("training.sim-port-1", Integer.toString(freePort()));
        System.setProperty("training.sim-port-2", Integer.toString(freePort()));
        System.setProperty("training.caller-token", callerToken);
        System.setProperty("training.admin-token", adminToken);
        System.setProperty("switchboard.callers.trainer.token_sha256", sha256(callerToken));
        System.setProperty("switchboard.callers.trainer.model_groups", "*");
        System.setProperty("switchboard.admin.token_sha256", sha256(adminToken));
        Quarkus.run(TrainingRun.class, args);
    }

    /** A port free now on the loopback; the router binds it a moment later (a build step, not a server). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
