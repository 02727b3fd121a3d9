package dev.switchboard.dialect.translation;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenUsage;

/** An OpenAI Responses caller served by an OpenAI Chat Completions provider. */
final class ResponsesOverChat implements Translation {

    static final ResponsesOverChat INSTANCE = new ResponsesOverChat();

    private ResponsesOverChat() {
    }

    @Override
    public boolean passThrough() {
        return false;
    }

    @Override
    public byte[] request(CallerRequest request, String upstreamModel, boolean upstreamStream) {
        return Trees.bytes(ResponsesToChatRequest.convert(request.tree(), upstreamModel, upstreamStream));
    }

    @Override
    public Answer answer(CallerRequest request, byte[] upstreamBody) {
        var completion = Trees.parseObject(upstreamBody);
        return new Answer(Trees.bytes(ChatToResponsesAnswer.convert(completion, request)),
                TokenUsage.fromOpenAi(completion.get("usage")));
    }

    @Override
    public byte[] error(CallerRequest request, int status, byte[] upstreamBody) {
        return UpstreamErrors.reshape(Dialect.OPENAI_RESPONSES, status, upstreamBody);
    }

    @Override
    public StreamTranslator stream(CallerRequest request, StreamSink sink) {
        return new ChatToResponsesStream(request, sink);
    }
}
