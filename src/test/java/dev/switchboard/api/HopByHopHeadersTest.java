package dev.switchboard.api;

import dev.switchboard.simulator.ReceivedRequest;
import dev.switchboard.testing.Simulators;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) are served and never forwarded: Connection and the headers it names,
 * Keep-Alive, Proxy-Connection, Proxy-Authorization, TE, Trailer, Transfer-Encoding and Upgrade. A request carrying
 * {@code Upgrade: h2c} is an ordinary HTTP/1.1 request here, answered in full.
 */
@QuarkusTest
class HopByHopHeadersTest {

    private static final String BODY = "{\"model\":\"llama\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "te", "trailer", "upgrade", "x-named-by-connection");

    @TestHTTPResource("/")
    URL router;

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    @Test
    void servesAnUpgradeToH2cWithoutConnectionUpgradeAsHttp11() throws IOException {
        String answer = send("Upgrade: h2c\r\nContent-Length: " + BODY.length() + "\r\n", BODY);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"choices\""), answer);
        assertHopByHopNotForwarded();
    }

    @Test
    void forwardsNoneOfTheHopByHopHeaders() throws IOException {
        // given a request carrying every hop-by-hop header, and one that Connection names
        String headers = "Connection: keep-alive, X-Named-By-Connection\r\nX-Named-By-Connection: 1\r\n"
                + "Keep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nProxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                + "TE: trailers\r\nTrailer: X-Checksum\r\nUpgrade: websocket\r\nTransfer-Encoding: chunked\r\n";
        String chunked = Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n0\r\n\r\n";
        // when it is sent through the router
        String answer = send(headers, chunked);
        // then it is served, and the upstream saw none of them
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertHopByHopNotForwarded();
    }

    private void assertHopByHopNotForwarded() {
        List<ReceivedRequest> received = Simulators.completions("sim-c");
        assertEquals(1, received.size());
        Map<String, String> upstream = received.get(0).headers();
        for (String name : HOP_BY_HOP) {
            assertFalse(upstream.containsKey(name) && !name.equals("connection") || hasCallerValue(upstream, name),
                    name + " reached the upstream: " + upstream);
        }
    }

    /** Connection may be the router's own (its keep-alive to the upstream); the caller's values must not pass. */
    private static boolean hasCallerValue(Map<String, String> upstream, String name) {
        String value = upstream.get(name);
        return value != null && value.toLowerCase().contains("x-named-by-connection");
    }

    private String send(String headers, String body) throws IOException {
        try (Socket socket = new Socket(router.getHost(), router.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + headers + "\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                if (text.contains("\"usage\"") && text.endsWith("}")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
