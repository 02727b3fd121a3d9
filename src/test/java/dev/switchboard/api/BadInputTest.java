package dev.switchboard.api;

import dev.switchboard.testing.Simulators;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input of every kind gets a clean error, sends nothing upstream, and leaves the router serving. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/")
    URL router;

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    @AfterEach
    void nothingWentUpstreamAndTheRouterStillServes() {
        assertTrue(Simulators.completions("sim-a").isEmpty() && Simulators.completions("sim-b").isEmpty());
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"llama\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413BeforeReadingIt() throws IOException {
        String response = raw("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 9000000\r\n\r\n{\"model\":\"chat\"", socket -> { });

        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("\"code\":\"request_too_large\"") && response.contains("max_body_bytes"), response);
    }

    @Test
    void answers413ToAClientThatWritesItsWholeBodyBeforeReading() throws IOException {
        // given a client that writes a body over the limit completely before it reads (many HTTP clients do)
        byte[] body = ("{\"model\":\"chat\",\"x\":\"" + "y".repeat(9_000_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        for (int i = 0; i < 20; i++) {
            try (Socket socket = new Socket(router.getHost(), router.getPort())) {
                socket.setSoTimeout(10_000);
                // when it sends it all (a write failing here is the broken pipe this guards against)
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                // then it still reads the 413 in the caller's dialect
                String answer = new String(socket.getInputStream().readNBytes(300), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 413"), "try " + i + ": " + answer);
            }
        }
    }

    @Test
    void refusesAChunkedBodyThatGrowsOverTheLimit() throws IOException {
        String response = raw("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", socket -> {
            byte[] chunk = ("100000\r\n" + "y".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 9; i++) {
                socket.getOutputStream().write(chunk);
            }
        });

        assertTrue(response.startsWith("HTTP/1.1 413"), response);
    }

    @Test
    void refusesAnInvalidTenantHeaderWith400() {
        given().contentType(ContentType.JSON).header("X-Tenant-ID", "a tenant with spaces")
                .body("{\"model\":\"chat\",\"messages\":[]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.code", equalTo("invalid_header"))
                .body("error.message", containsString("X-Tenant-ID"));
    }

    @Test
    void refusesAHeaderWithControlCharacters() throws IOException {
        String body = "{\"model\":\"chat\",\"messages\":[]}";
        String response = raw("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-Tenant-ID: ab\u0001cd\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, socket -> { });

        assertTrue(response.startsWith("HTTP/1.1 400"), response);
    }

    @Test
    void answers408ToABodyThatStopsArriving() throws IOException {
        long start = System.nanoTime();
        String response = raw("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"model\":\"chat\",", socket -> { });

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(response.startsWith("HTTP/1.1 408"), response);
        assertTrue(response.contains("request_timeout"), response);
        assertTrue(millis >= 400 && millis < 5000, "took " + millis + " ms");
    }

    /** Sends {@code head} over a raw socket, then whatever {@code more} writes, and reads the whole answer. */
    private String raw(String head, SocketAction more) throws IOException {
        try (Socket socket = new Socket(router.getHost(), router.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                more.run(socket);
            } catch (IOException e) {
                // the router may close while we still write an oversized body; its answer is what counts
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.ISO_8859_1).contains("}}")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // connection reset after the answer: keep what arrived
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private interface SocketAction {
        void run(Socket socket) throws IOException;
    }
}
