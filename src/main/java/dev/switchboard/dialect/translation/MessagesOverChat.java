package dev.switchboard.dialect.translation;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenUsage;

/** An Anthropic Messages caller served by an OpenAI Chat Completions provider. */
final class MessagesOverChat implements Translation {

    static final MessagesOverChat INSTANCE = new MessagesOverChat();

    private MessagesOverChat() {
    }

    @Override
    public boolean passThrough() {
        return false;
    }

    @Override
    public byte[] request(CallerRequest request, String upstreamModel, boolean upstreamStream) {
        return Trees.bytes(MessagesToChatRequest.convert(request.tree(), upstreamModel, upstreamStream));
    }

    @Override
    public Answer answer(CallerRequest request, byte[] upstreamBody) {
        var completion = Trees.parseObject(upstreamBody);
        return new Answer(Trees.bytes(ChatToMessagesAnswer.convert(completion, request)),
                TokenUsage.fromOpenAi(completion.get("usage")));
    }

    @Override
    public byte[] error(CallerRequest request, int status, byte[] upstreamBody) {
        return UpstreamErrors.reshape(Dialect.ANTHROPIC, status, upstreamBody);
    }

    @Override
    public StreamTranslator stream(CallerRequest request, StreamSink sink) {
        return new ChatToMessagesStream(request, sink);
    }
}
