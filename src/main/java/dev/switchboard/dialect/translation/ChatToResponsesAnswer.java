package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Chat Completions answer as an OpenAI Responses response: the text as one message item, each tool call as a
 * {@code function_call} item; {@code length} makes the response {@code incomplete} (max_output_tokens).
 */
final class ChatToResponsesAnswer {

    private ChatToResponsesAnswer() {
    }

    static ObjectNode convert(JsonNode completion, CallerRequest request) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        String id = Trees.text(completion.get("id"));
        ArrayNode output = Trees.array();
        String text = Trees.contentText(message.get("content"), "");
        JsonNode calls = message.path("tool_calls");
        if (!text.isEmpty() || calls.isEmpty()) {
            output.add(ResponsesEvents.messageItem("msg_" + id, text, true));
        }
        for (JsonNode call : calls) {
            String callId = Trees.text(call.get("id"));
            output.add(ResponsesEvents.functionCallItem("fc_" + callId, callId,
                    Trees.text(call.path("function").get("name")), Trees.text(call.path("function").get("arguments")),
                    true));
        }
        String finishReason = Trees.text(choice.get("finish_reason"));
        return ResponsesEvents.response(request.tree(), "resp_" + id, completion.path("created").asLong(Trees.now()),
                Trees.text(completion.get("model")), ResponsesEvents.status(finishReason),
                ResponsesEvents.incompleteReason(finishReason), output, ResponsesEvents.usage(completion.get("usage")));
    }
}
