package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.RequestFeatures;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which images may be sent: {@code switchboard.images}. */
class ImagePolicyTest {

    private static ImagePolicy policy(String images) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SwitchboardConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withValidateUnknown(false)
                .withSources(new YamlConfigSource("test.yaml", "switchboard:\n  images:\n" + images))
                .build();
        return new ImagePolicy(config.getConfigMapping(SwitchboardConfig.class));
    }

    private static RequestFeatures chat(String... urls) {
        StringBuilder parts = new StringBuilder("{\"type\":\"text\",\"text\":\"look\"}");
        for (String url : urls) {
            parts.append(",{\"type\":\"image_url\",\"image_url\":{\"url\":\"").append(url).append("\"}}");
        }
        return RequestFeatures.of(Dialect.OPENAI_CHAT, JsonBody.parse(("{\"model\":\"m\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":[" + parts + "]}]}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void allowsAnyHostWhenNoListIsSet() {
        assertNull(policy("    allow_data_urls: true\n").check(chat("http://10.0.0.1/x.png", "data:image/png;base64,AA==")));
    }

    @Test
    void allowsListedHostsAndSubdomainsOfAWildcardOnly() {
        ImagePolicy policy = policy("    allowed_hosts: [images.example.com, \"*.cdn.example.net\"]\n");

        assertNull(policy.check(chat("https://IMAGES.example.com/a.png", "https://eu.cdn.example.net/b.png")));
        ApiError refused = policy.check(chat("https://cdn.example.net.evil.org/c.png"));
        assertEquals(400, refused.status());
        assertTrue(refused.message().contains("image host 'cdn.example.net.evil.org' is not allowed"), refused.message());
        assertTrue(policy.check(chat("ftp://images.example.com/a.png")).message().contains("must be http(s)"));
    }

    @Test
    void refusesInlineImagesWhenDataUrlsAreOff() {
        ImagePolicy policy = policy("    allow_data_urls: false\n");

        ApiError refused = policy.check(chat("https://images.example.com/a.png", "data:image/png;base64,AA=="));
        assertTrue(refused.message().contains("data: URLs"), refused.message());
        assertNull(policy.check(chat("https://images.example.com/a.png")));
    }

    @Test
    void countsImagesOfEveryDialect() {
        String anthropic = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":"
                + "{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AA==\"}},{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"t\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":"
                + "\"https://a.example/x.png\"}}]}]}]}";
        String responses = "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"image_url\":\"https://a.example/y.png\"},{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}]}";

        RequestFeatures fromAnthropic = RequestFeatures.of(Dialect.ANTHROPIC, JsonBody.parse(anthropic.getBytes()));
        RequestFeatures fromResponses = RequestFeatures.of(Dialect.OPENAI_RESPONSES, JsonBody.parse(responses.getBytes()));

        assertEquals(java.util.List.of(RequestFeatures.INLINE, "https://a.example/x.png"), fromAnthropic.imageSources());
        assertEquals(java.util.List.of("https://a.example/y.png", RequestFeatures.STORED), fromResponses.imageSources());
        assertEquals(0, chat().imageCount());
    }
}
