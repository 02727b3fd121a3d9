package dev.switchboard.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real services some tests use (Redis, PostgreSQL on 127.0.0.1). Where one is unreachable the test is skipped,
 * unless {@code CI=true} or {@code SWITCHBOARD_REQUIRE_SERVICES=1}: then it fails, so CI cannot pass by skipping.
 */
public final class Services {

    private Services() {
    }

    public static void require(String name, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            String message = name + " is not reachable on 127.0.0.1:" + port;
            if ("true".equals(System.getenv("CI")) || "1".equals(System.getenv("SWITCHBOARD_REQUIRE_SERVICES"))) {
                fail(message + ", and CI / SWITCHBOARD_REQUIRE_SERVICES requires it");
            }
            Assumptions.abort(message + "; skipped (set SWITCHBOARD_REQUIRE_SERVICES=1 to make this a failure)");
        }
    }
}
