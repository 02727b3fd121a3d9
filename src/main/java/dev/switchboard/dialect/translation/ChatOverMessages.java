package dev.switchboard.dialect.translation;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenUsage;

/** An OpenAI Chat Completions caller served by an Anthropic Messages provider. */
final class ChatOverMessages implements Translation {

    static final ChatOverMessages INSTANCE = new ChatOverMessages();

    private ChatOverMessages() {
    }

    @Override
    public boolean passThrough() {
        return false;
    }

    @Override
    public byte[] request(CallerRequest request, String upstreamModel, boolean upstreamStream) {
        return Trees.bytes(ChatToMessagesRequest.convert(request.tree(), upstreamModel, upstreamStream));
    }

    @Override
    public Answer answer(CallerRequest request, byte[] upstreamBody) {
        var message = Trees.parseObject(upstreamBody);
        return new Answer(Trees.bytes(MessagesToChatAnswer.convert(message)),
                TokenUsage.fromAnthropic(message.get("usage")));
    }

    @Override
    public byte[] error(CallerRequest request, int status, byte[] upstreamBody) {
        return UpstreamErrors.reshape(Dialect.OPENAI_CHAT, status, upstreamBody);
    }

    @Override
    public StreamTranslator stream(CallerRequest request, StreamSink sink) {
        return new MessagesToChatStream(request, sink);
    }
}
