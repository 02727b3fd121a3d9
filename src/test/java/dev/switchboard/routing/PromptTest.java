package dev.switchboard.routing;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The prompt text prefix routing reads from each dialect's body shape. */
class PromptTest {

    private static Prompt prompt(Dialect dialect, String json) {
        return Prompt.of(JsonBody.parse(json.getBytes(StandardCharsets.UTF_8)), dialect);
    }

    @Test
    void readsChatSystemAndDeveloperMessagesAsTheSystemPromptAndTheRestAsTheConversation() {
        Prompt prompt = prompt(Dialect.OPENAI_CHAT, """
                {"model":"m","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"hello"},
                  {"content":[{"type":"text","text":"Use tools."}],"role":"developer"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function"}]},
                  {"role":"user","content":[{"type":"text","text":"look "},{"type":"image_url","image_url":{"url":"x"}},
                                            {"text":"here","type":"text"}]}
                ]}""");

        assertEquals("Be brief.\n\nUse tools.", prompt.system());
        assertEquals("user\nhello\n\nassistant\n\n\nuser\nlook here\n\n", prompt.conversation());
        assertEquals("system\nBe brief.\n\nUse tools.\n\nuser\nhello\n\nassistant\n\n\nuser\nlook here\n\n",
                new String(prompt.canonical(1000)));
        assertEquals("system\nBe", new String(prompt.canonical(9)));
    }

    @Test
    void readsResponsesInstructionsAndInputItemsSkippingItemsWithoutARole() {
        Prompt prompt = prompt(Dialect.OPENAI_RESPONSES, """
                {"model":"m","instructions":"Be brief.","input":[
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"hello"},
                                                             {"type":"input_image","image_url":"x"}]},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi"}]},
                  {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
                  {"role":"user","content":"more"}
                ]}""");

        assertEquals("Be brief.", prompt.system());
        assertEquals("user\nhello\n\nassistant\nhi\n\nuser\nmore\n\n", prompt.conversation());
    }

    @Test
    void readsAResponsesInputStringAsOneUserMessage() {
        Prompt prompt = prompt(Dialect.OPENAI_RESPONSES, "{\"model\":\"m\",\"input\":\"hello\"}");

        assertEquals("", prompt.system());
        assertEquals("user\nhello\n\n", prompt.conversation());
        assertEquals("user\nhello\n\n", new String(prompt.canonical(1000)));
        assertEquals("us", new String(prompt.canonical(2)));
    }

    @Test
    void readsAnthropicSystemBlocksAndTextBlocksOnly() {
        Prompt prompt = prompt(Dialect.ANTHROPIC, """
                {"model":"m","max_tokens":5,
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"hello"},
                                            {"type":"image","source":{"type":"base64","data":"AAAA"}}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":{"a":"b"}}]},
                  {"role":"user","content":"more"}
                ]}""");

        assertEquals("Be brief.", prompt.system());
        assertEquals("user\nhello\n\nassistant\n\n\nuser\nmore\n\n", prompt.conversation());
    }

    @Test
    void readsTheSameConversationAlikeInEveryDialect() {
        Prompt chat = prompt(Dialect.OPENAI_CHAT, """
                {"messages":[{"role":"system","content":"S"},{"role":"user","content":"U"},
                             {"role":"assistant","content":"A"}]}""");
        Prompt responses = prompt(Dialect.OPENAI_RESPONSES, """
                {"instructions":"S","input":[{"role":"user","content":[{"type":"input_text","text":"U"}]},
                                            {"role":"assistant","content":[{"type":"output_text","text":"A"}]}]}""");
        Prompt anthropic = prompt(Dialect.ANTHROPIC, """
                {"system":"S","messages":[{"role":"user","content":[{"type":"text","text":"U"}]},
                                          {"role":"assistant","content":"A"}]}""");

        assertEquals(chat, responses);
        assertEquals(chat, anthropic);
    }

    @Test
    void treatsMissingOrOddlyShapedFieldsAsEmpty() {
        assertEquals(Prompt.EMPTY, prompt(Dialect.OPENAI_CHAT, "{\"model\":\"m\"}"));
        assertEquals(Prompt.EMPTY, prompt(Dialect.OPENAI_CHAT, "{\"messages\":{\"role\":\"user\"}}"));
        assertEquals(Prompt.EMPTY, prompt(Dialect.ANTHROPIC, "{\"system\":42,\"messages\":[1,\"x\",null]}"));
    }
}
