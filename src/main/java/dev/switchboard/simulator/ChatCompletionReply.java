package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * An answer in OpenAI Chat Completions shape, as vLLM writes it. Streamed chunks are assembled from a per-request
 * head and pre-encoded constant parts, so a token costs one buffer and no JSON serialisation.
 */
final class ChatCompletionReply implements ReplyWriter {

    private static final byte[] ROLE = bytes(
            "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final byte[] CONTENT = bytes("{\"index\":0,\"delta\":{\"content\":\"");
    private static final byte[] CONTENT_MORE = bytes("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final byte[] CONTENT_STOP = bytes("\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
    private static final byte[] CONTENT_LENGTH = bytes("\"},\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n");
    private static final byte[] ARGUMENTS = bytes(
            "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":");
    private static final byte[] ARGUMENTS_MORE = bytes("}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final byte[] ARGUMENTS_LAST = bytes(
            "}}]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n");
    private static final byte[] DONE = bytes("data: [DONE]\n\n");

    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;
    private final Reply reply;
    private final byte[] head;

    ChatCompletionReply(String id, long created, String model, boolean includeUsage, Reply reply) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
        this.reply = reply;
        this.head = bytes("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + Json.encode(model) + ",\"choices\":[");
    }

    @Override
    public Buffer whole(Usage usage) {
        JsonObject message = new JsonObject().put("role", "assistant");
        String finishReason;
        switch (reply) {
            case Reply.Text text -> {
                message.put("content", SimulatedText.text(text.tokens())).put("tool_calls", new JsonArray());
                finishReason = text.truncated() ? "length" : "stop";
            }
            case Reply.ToolCall call -> {
                message.putNull("content").put("tool_calls", new JsonArray().add(new JsonObject()
                        .put("id", call.id())
                        .put("type", "function")
                        .put("function", new JsonObject().put("name", call.name())
                                .put("arguments", call.arguments()))));
                finishReason = "tool_calls";
            }
        }
        JsonObject completion = new JsonObject()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model)
                .put("choices", new JsonArray().add(new JsonObject()
                        .put("index", 0)
                        .put("message", message)
                        .putNull("logprobs")
                        .put("finish_reason", finishReason)))
                .put("usage", usageJson(usage));
        return completion.toBuffer();
    }

    @Override
    public void opening(EventSink sink, Usage usage) {
        sink.event(frame(ROLE));
        if (reply instanceof Reply.ToolCall call) {
            JsonObject start = new JsonObject().put("index", 0).put("id", call.id()).put("type", "function")
                    .put("function", new JsonObject().put("name", call.name()).put("arguments", ""));
            sink.event(frame(bytes("{\"index\":0,\"delta\":{\"tool_calls\":[" + start.encode()
                    + "]},\"logprobs\":null,\"finish_reason\":null}]}\n\n")));
        }
    }

    @Override
    public void piece(EventSink sink, int index, boolean last, Usage usage) {
        switch (reply) {
            case Reply.Text text -> {
                byte[] token = SimulatedText.tokenBytes(index);
                byte[] end = !last ? CONTENT_MORE : text.truncated() ? CONTENT_LENGTH : CONTENT_STOP;
                sink.event(Buffer.buffer(head.length + CONTENT.length + token.length + end.length)
                        .appendBytes(head).appendBytes(CONTENT).appendBytes(token).appendBytes(end));
            }
            case Reply.ToolCall call -> {
                byte[] fragment = bytes(Json.encode(call.fragment(index)));
                byte[] end = last ? ARGUMENTS_LAST : ARGUMENTS_MORE;
                sink.event(Buffer.buffer(head.length + ARGUMENTS.length + fragment.length + end.length)
                        .appendBytes(head).appendBytes(ARGUMENTS).appendBytes(fragment).appendBytes(end));
            }
        }
    }

    @Override
    public void closing(EventSink sink, Usage usage) {
        if (includeUsage) {
            // the usage chunk has an empty choices list: head ends with "choices":[
            sink.event(frame(bytes("],\"usage\":" + usageJson(usage).encode() + "}\n\n")));
        }
        sink.event(Buffer.buffer(DONE));
    }

    private Buffer frame(byte[] tail) {
        return Buffer.buffer(head.length + tail.length).appendBytes(head).appendBytes(tail);
    }

    private static JsonObject usageJson(Usage usage) {
        return new JsonObject()
                .put("prompt_tokens", usage.promptTokens())
                .put("total_tokens", usage.totalTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("prompt_tokens_details", new JsonObject().put("cached_tokens", usage.cachedTokens()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
