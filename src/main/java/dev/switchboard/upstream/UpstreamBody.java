package dev.switchboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.routing.Target;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** The body sent to a target, and the token counts read back from a whole answer. */
final class UpstreamBody {

    private static final byte[] INCLUDE_USAGE = "{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);

    private UpstreamBody() {
    }

    /**
     * The caller's body with {@code model} set to the target's upstream id. A stream also asks the upstream for its
     * usage chunk, which the relay removes again when the caller did not ask for it; every other byte is the caller's.
     */
    static byte[] of(Exchange exchange, Target target) {
        JsonBody body = exchange.body();
        JsonBody.Edit edit = body.edit().set("model", JsonBody.quote(target.modelRef().upstreamModel()));
        if (exchange.stream() && !exchange.callerWantsUsage()) {
            JsonNode options = body.tree("stream_options");
            if (options instanceof ObjectNode object) {
                object.put("include_usage", true);
                edit.set("stream_options", object.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                edit.set("stream_options", INCLUDE_USAGE);
            }
        }
        return edit.bytes();
    }

    /** The upstream-reported usage of a non-streamed answer, or null when it reported none. */
    static TokenUsage usageOf(Buffer answer) {
        try {
            return TokenUsage.fromOpenAi(JsonBody.parse(answer.getBytes()).tree("usage"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
