package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;

import java.util.HashMap;
import java.util.Map;

/**
 * A Chat Completions stream as an Anthropic Messages stream: {@code message_start} at the first chunk; text deltas in
 * a text block and each tool call in a {@code tool_use} block with {@code input_json_delta}s, a block closed when the
 * next one opens; at {@code [DONE]}, {@code message_delta} with the stop reason and the usage (which Chat sends last)
 * and {@code message_stop}. An upstream error chunk becomes Anthropic's {@code error} event.
 */
final class ChatToMessagesStream extends FromChatStream {

    private final CallerRequest request;
    private final Map<Integer, Integer> toolBlocks = new HashMap<>(4); // Chat's tool-call index -> block index
    private int nextBlock;
    private int openBlock = -1;
    private boolean textOpen;
    private String finishReason = "";
    private String stopSequence;

    ChatToMessagesStream(CallerRequest request, StreamSink sink) {
        super(sink, Dialect.ANTHROPIC);
        this.request = request;
    }

    @Override
    protected void onStart(JsonNode chunk) {
        String id = Trees.text(chunk.get("id"));
        ObjectNode usage = Trees.object().put("input_tokens", 0).put("output_tokens", 0);
        sink.write(AnthropicEvents.messageStart(AnthropicEvents.message(id.isEmpty() ? Trees.id("msg_") : "msg_" + id,
                Trees.text(chunk.get("model")), Trees.array(), null, null, usage)));
    }

    @Override
    protected void onText(String text) {
        if (!textOpen) {
            close();
            openBlock = nextBlock++;
            textOpen = true;
            sink.write(AnthropicEvents.blockStart(openBlock, Trees.object().put("type", "text").put("text", "")));
        }
        sink.write(AnthropicEvents.textDelta(openBlock, text));
    }

    @Override
    protected void onToolCall(int index, JsonNode call) {
        Integer block = toolBlocks.get(index);
        if (block == null) {
            close();
            block = nextBlock++;
            toolBlocks.put(index, block);
            String id = Trees.text(call.get("id"));
            ObjectNode toolUse = Trees.object().put("type", "tool_use").put("id", id.isEmpty() ? Trees.id("toolu_") : id)
                    .put("name", Trees.text(call.path("function").get("name")));
            toolUse.putObject("input");
            sink.write(AnthropicEvents.blockStart(block, toolUse));
            openBlock = block;
        }
        String arguments = Trees.text(call.path("function").get("arguments"));
        if (!arguments.isEmpty()) {
            sink.write(AnthropicEvents.jsonDelta(block, arguments));
            sink.token();
        }
    }

    @Override
    protected void onFinishReason(JsonNode choice) {
        finishReason = Trees.text(choice.get("finish_reason"));
        stopSequence = ChatToMessagesAnswer.stopSequence(choice, request);
        close();
    }

    @Override
    protected void onEnd() {
        close();
        String stopReason = stopSequence != null ? "stop_sequence"
                : ChatToMessagesAnswer.stopReason(finishReason, !toolBlocks.isEmpty());
        sink.write(AnthropicEvents.messageDelta(stopReason, stopSequence, ChatToMessagesAnswer.usage(usage)));
        sink.write(AnthropicEvents.messageStop());
    }

    private void close() {
        if (openBlock >= 0) {
            sink.write(AnthropicEvents.blockStop(openBlock));
            openBlock = -1;
            textOpen = false;
        }
    }
}
