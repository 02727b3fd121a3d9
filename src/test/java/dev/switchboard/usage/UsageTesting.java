package dev.switchboard.usage;

import dev.switchboard.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What the usage tests share: requests through the router, and reading rows back over {@code /admin/usage}. */
final class UsageTesting {

    private UsageTesting() {
    }

    /**
     * A request to the operator surface ({@code /admin/*}, metrics). The one place to add the admin credentials
     * once {@code /admin/*} requires them.
     */
    static RequestSpecification admin() {
        return TestTokens.admin();
    }

    /** The Prometheus scrape, wherever {@code quarkus.micrometer.export.prometheus.path} puts it. */
    static String metrics() {
        String path = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.micrometer.export.prometheus.path", String.class).orElse("metrics");
        return admin().when().get(path.startsWith("/") ? path : "/q/" + path).then().statusCode(200)
                .extract().asString();
    }

    /** A request id no other test (or earlier run) uses. */
    static String requestId(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String chat(String group, boolean stream) {
        return "{\"model\":\"" + group + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
                + "\"stream\":" + stream + "}";
    }

    /** Sends a chat completion with the given request id; returns the status. */
    static int send(String group, boolean stream, String requestId) {
        return given().contentType(ContentType.JSON).header("X-Request-Id", requestId).body(chat(group, stream))
                .when().post("/v1/chat/completions")
                .then().extract().statusCode();
    }

    /** Waits for the one row of {@code requestId} and returns it as JSON. */
    static Map<String, Object> rowOf(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> rows("request_id=" + requestId), rows -> rows.size() == 1).get(0);
    }

    /** The rows {@code GET /admin/usage?query} answers. */
    static List<Map<String, Object>> rows(String query) {
        JsonPath json = admin().when().get("/admin/usage?" + query).then().statusCode(200).extract().jsonPath();
        return json.getList("rows");
    }

    /**
     * Starts a streamed request over a raw socket, reads until the first generated token arrives, and closes the connection:
     * a caller walking away mid-stream.
     */
    static void startStreamAndHangUp(int port, String group, String requestId) throws IOException {
        byte[] body = chat(group, true).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Request-Id: " + requestId + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            // the role-only opening event carries no token; leave only once a generated token was relayed
            while (!seen.toString().matches("(?s).*\"content\":\"[^\"].*")) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the stream ended before its first token: " + seen);
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
