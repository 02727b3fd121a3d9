package dev.switchboard.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two hundred connections trickling their request heads do not starve a caller who sends a whole request. */
@QuarkusTest
class TricklingClientsTest {

    @TestHTTPResource("/")
    URL router;

    @Test
    void aNormalCallerIsServedWhileTwoHundredClientsTrickleTheirHeaders() throws Exception {
        List<Socket> tricklers = new ArrayList<>();
        try {
            // given 200 connections that each sent the start of a request head and then one more byte
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket(router.getHost(), router.getPort());
                socket.getOutputStream().write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                tricklers.add(socket);
            }
            for (Socket socket : tricklers) {
                socket.getOutputStream().write('a');
            }
            // when a normal caller asks, three times
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                given().contentType(ContentType.JSON)
                        .body("{\"model\":\"llama\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                        .when().post("/v1/chat/completions").then().statusCode(200);
                // then it is answered as fast as ever (the simulator takes some 10 ms)
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 2_000, "took " + millis + " ms");
            }
        } finally {
            for (Socket socket : tricklers) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is all that is left
                }
            }
        }
    }
}
