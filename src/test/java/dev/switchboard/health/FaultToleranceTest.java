package dev.switchboard.health;

import dev.switchboard.simulator.Faults;
import dev.switchboard.testing.Simulators;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faulty upstreams, made so with the simulator's fault knobs, over real HTTP: callers do not notice. */
@QuarkusTest
class FaultToleranceTest {

    @TestHTTPResource("/")
    URL router;

    @BeforeEach
    @AfterEach
    void reset() {
        Simulators.reset();
        await().atMost(Duration.ofSeconds(5)).until(() -> "ready".equals(state("sim-faulty/qwen")));
    }

    private static Response ask(String group) {
        return given().contentType(ContentType.JSON)
                .body("{\"model\":\"" + group + "\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions");
    }

    private static String state(String target) {
        return TestTokens.admin().when().get("/admin/targets").then().statusCode(200).extract()
                .path("find { it.target == '" + target + "' }.state");
    }

    @Test
    void movesTrafficOffATargetAnswering503WithoutACallerError() {
        Simulators.server("sim-a").faults(Faults.failing(503, 1.0));

        for (int i = 0; i < 20; i++) {
            ask("chat").then().statusCode(200).header("X-Switchboard-Target", "sim-b/qwen");
        }

        // three failures in a row eject sim-a; after that it is not tried at all
        assertEquals(3, Simulators.completions("sim-a").size());
        assertEquals("ejected", state("sim-a/qwen"));
        TestTokens.admin().when().get("/admin/targets").then()
                .body("find { it.target == 'sim-a/qwen' }.ejections", equalTo(1))
                .body("find { it.target == 'sim-a/qwen' }.reason", containsString("upstream_5xx"));
    }

    @Test
    void servesEveryRequestWithinTwoAttemptsWhenATargetFailsHalfTheTime() {
        Simulators.server("sim-a").faults(Faults.failing(500, 0.5));
        int retried = 0;

        for (int i = 0; i < 20; i++) {
            Response response = ask("chat");
            response.then().statusCode(200);
            int attempts = Integer.parseInt(response.header("X-Switchboard-Attempts"));
            assertTrue(attempts <= 2, "attempts " + attempts);
            retried += attempts - 1;
        }

        assertTrue(retried > 0, "sim-a's failures must have been retried on sim-b");
    }

    @Test
    void restsATargetForItsRetryAfterWhenItAnswers429() {
        Simulators.server("sim-a").faults(Faults.failing(429, 1.0).withRetryAfterSeconds(2));

        ask("chat").then().statusCode(200).header("X-Switchboard-Target", "sim-b/qwen")
                .header("X-Switchboard-Attempts", "2");
        Simulators.server("sim-a").faults(Faults.NONE);
        for (int i = 0; i < 6; i++) {
            ask("chat").then().statusCode(200).header("X-Switchboard-Target", "sim-b/qwen");
        }
        assertEquals("cooling", state("sim-a/qwen"));
        assertEquals(1, inferenceRequests("sim-a"));

        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                .until(() -> "sim-a/qwen".equals(ask("chat").header("X-Switchboard-Target")));
        assertTrue(inferenceRequests("sim-a") >= 2);
    }

    @Test
    void passesAllRetryAfterOnWhenEveryTargetSheds() {
        Simulators.server("sim-a").faults(Faults.failing(429, 1.0).withRetryAfterSeconds(3));
        Simulators.server("sim-b").faults(Faults.failing(429, 1.0).withRetryAfterSeconds(7));

        ask("chat").then().statusCode(429)
                .header("Retry-After", "3")
                .header("X-Switchboard-Attempts", "2")
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.message", containsString("model group 'chat'"));
    }

    @Test
    void fallsBackFromAHangingTargetAfterTheFirstByteTimeout() {
        Simulators.server("sim-faulty").faults(Faults.hanging());
        long start = System.nanoTime();

        ask("hang-fallback").then().statusCode(200)
                .header("X-Switchboard-Target", "sim-b/qwen")
                .header("X-Switchboard-Attempts", "2");

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 400 && millis < 3000, "took " + millis + " ms");
        await().atMost(Duration.ofSeconds(2)).until(() -> Simulators.server("sim-faulty").running() == 0);
    }

    @Test
    void answers503NamingTheGroupWhenEveryTargetIsDownThenReadmitsOneThatComesBack() {
        Simulators.server("sim-faulty").faults(Faults.unhealthyOnly());
        await().atMost(Duration.ofSeconds(5)).until(() -> "down".equals(state("sim-faulty/qwen")));

        ask("faulty").then().statusCode(503)
                .body("error.code", equalTo("no_eligible_target"))
                .body("error.message", containsString("model group 'faulty'"));
        given().when().get("/q/health/ready").then().statusCode(503);
        given().when().get("/readyz").then().statusCode(503).body("checks.find { it.name == 'model-groups' }.data.faulty", containsString("0/1"));
        assertEquals(0, inferenceRequests("sim-faulty"));

        Simulators.server("sim-faulty").faults(Faults.NONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> "ready".equals(state("sim-faulty/qwen")));
        ask("faulty").then().statusCode(200);
        given().when().get("/readyz").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void neverChoosesATargetWhoseModelTheUpstreamDoesNotList() {
        await().atMost(Duration.ofSeconds(5)).until(() -> "down".equals(state("sim-c/retired")));

        for (int i = 0; i < 6; i++) {
            ask("mixed").then().statusCode(200).header("X-Switchboard-Target", "sim-c/llama");
        }
        TestTokens.admin().when().get("/admin/targets").then()
                .body("find { it.target == 'sim-c/retired' }.reason", containsString("'retired-upstream' is not listed"));
    }

    @Test
    void cancelsTheUpstreamAtOnceWhenTheClientDisconnects() throws Exception {
        String body = "{\"model\":\"faulty\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Socket socket = new Socket(router.getHost(), router.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = new byte[256];
            assertTrue(in.read(first) > 0);
            assertEquals(1, Simulators.server("sim-faulty").running());
        }

        // sim-faulty streams 50 tokens 20 ms apart: a second of work that must stop now, not run out
        await().atMost(Duration.ofMillis(400)).until(() -> Simulators.server("sim-faulty").running() == 0);
        given().baseUri("http://127.0.0.1:" + Simulators.server("sim-faulty").port()).when().get("/metrics").then().statusCode(200)
                .body(containsString("vllm:num_requests_running{model_name=\"qwen-upstream\"} 0"));
    }

    private static long inferenceRequests(String server) {
        return Simulators.completions(server).size();
    }
}
