package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.TokenUsage;

import java.nio.charset.StandardCharsets;

/**
 * Caller and provider speak the same dialect: the body goes up with only {@code model} rewritten by splicing bytes
 * (every other byte is the caller's, unknown fields included), and the answer comes back as the upstream sent it,
 * its usage read on the way.
 */
final class PassThrough implements Translation {

    private static final PassThrough CHAT = new PassThrough(Dialect.OPENAI_CHAT);
    private static final PassThrough RESPONSES = new PassThrough(Dialect.OPENAI_RESPONSES);
    private static final PassThrough ANTHROPIC = new PassThrough(Dialect.ANTHROPIC);
    private static final byte[] INCLUDE_USAGE = "{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

    private final Dialect dialect;

    private PassThrough(Dialect dialect) {
        this.dialect = dialect;
    }

    static PassThrough of(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> CHAT;
            case OPENAI_RESPONSES -> RESPONSES;
            case ANTHROPIC -> ANTHROPIC;
        };
    }

    @Override
    public boolean passThrough() {
        return true;
    }

    /**
     * A Chat Completions stream also asks the upstream for its usage chunk, which the relay removes again when the
     * caller did not ask for it. A stream synthesised from a whole answer asks for no stream at all.
     */
    @Override
    public byte[] request(CallerRequest request, String upstreamModel, boolean upstreamStream) {
        JsonBody body = request.body();
        JsonBody.Edit edit = body.edit().set("model", JsonBody.quote(upstreamModel));
        if (request.stream() && !upstreamStream) {
            edit.set("stream", FALSE);
            if (body.has("stream_options")) {
                edit.set("stream_options", NULL); // servers refuse stream_options without a stream
            }
        } else if (dialect == Dialect.OPENAI_CHAT && request.stream() && !request.wantsUsage()) {
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

    @Override
    public Answer answer(CallerRequest request, byte[] upstreamBody) {
        TokenUsage usage;
        try {
            usage = TokenUsage.of(dialect, JsonBody.parse(upstreamBody).tree("usage"));
        } catch (RuntimeException e) {
            usage = null; // relayed untouched all the same; the tokens are estimated
        }
        return new Answer(upstreamBody, usage);
    }

    @Override
    public byte[] error(CallerRequest request, int status, byte[] upstreamBody) {
        return upstreamBody;
    }

    @Override
    public StreamTranslator stream(CallerRequest request, StreamSink sink) {
        return switch (dialect) {
            case OPENAI_CHAT -> new ChatPassThroughStream(sink, request.wantsUsage());
            case OPENAI_RESPONSES -> new ResponsesPassThroughStream(sink);
            case ANTHROPIC -> new AnthropicPassThroughStream(sink);
        };
    }
}
