package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;

/**
 * An OpenAI Responses caller served by an Anthropic Messages provider: the two translations through Chat Completions
 * chained, Responses to Chat to Messages on the way up and back again on the way down.
 */
final class ResponsesOverMessages implements Translation {

    static final ResponsesOverMessages INSTANCE = new ResponsesOverMessages();

    private ResponsesOverMessages() {
    }

    @Override
    public boolean passThrough() {
        return false;
    }

    @Override
    public byte[] request(CallerRequest request, String upstreamModel, boolean upstreamStream) {
        return Trees.bytes(ChatToMessagesRequest.convert(chat(request, upstreamModel, upstreamStream).tree(),
                upstreamModel, upstreamStream));
    }

    @Override
    public Answer answer(CallerRequest request, byte[] upstreamBody) {
        ObjectNode message = Trees.parseObject(upstreamBody);
        return new Answer(Trees.bytes(ChatToResponsesAnswer.convert(MessagesToChatAnswer.convert(message), request)),
                TokenUsage.fromAnthropic(message.get("usage")));
    }

    @Override
    public byte[] error(CallerRequest request, int status, byte[] upstreamBody) {
        return UpstreamErrors.reshape(Dialect.OPENAI_RESPONSES, status, upstreamBody);
    }

    /** Messages events become chat chunks, which become Responses events; only the outer half reports to the sink. */
    @Override
    public StreamTranslator stream(CallerRequest request, StreamSink sink) {
        ChatToResponsesStream outer = new ChatToResponsesStream(request, sink);
        MessagesToChatStream inner = new MessagesToChatStream(chat(request, "", true), new StreamSink() {
            @Override
            public void write(Buffer event) {
                outer.event(event);
            }

            @Override
            public void token() {
            }

            @Override
            public void usage(TokenUsage usage) {
            }
        });
        return new StreamTranslator() {
            @Override
            public void event(Buffer event) {
                inner.event(event);
            }

            @Override
            public boolean finished() {
                return outer.finished();
            }
        };
    }

    /** The middle step: the request as a chat caller would have sent it, asking for the usage chunk. */
    private static CallerRequest chat(CallerRequest request, String model, boolean stream) {
        return new CallerRequest(Dialect.OPENAI_CHAT, ResponsesToChatRequest.convert(request.tree(), model, stream),
                stream, true);
    }
}
