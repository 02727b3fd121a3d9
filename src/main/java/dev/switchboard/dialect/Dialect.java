package dev.switchboard.dialect;

/** A wire format callers and upstreams speak. */
public enum Dialect {
    /** OpenAI Chat Completions: {@code /v1/chat/completions}. */
    OPENAI_CHAT("openai-chat", "openai_chat", "/chat/completions"),
    /** OpenAI Responses: {@code /v1/responses}. */
    OPENAI_RESPONSES("openai-responses", "openai_responses", "/responses"),
    /** Anthropic Messages: {@code /v1/messages}. */
    ANTHROPIC("anthropic", "anthropic", "/messages");

    private final String wireName;
    private final String configKey;
    private final String path;

    Dialect(String wireName, String configKey, String path) {
        this.wireName = wireName;
        this.configKey = configKey;
        this.path = path;
    }

    /** Where a server speaking this dialect takes inference requests, below its API root: {@code /chat/completions}. */
    public String path() {
        return path;
    }

    /** The name used in configuration values, metrics and usage rows, e.g. {@code openai-chat}. */
    public String wireName() {
        return wireName;
    }

    /** The key used under {@code tool_support}, e.g. {@code openai_chat}. */
    public String configKey() {
        return configKey;
    }
}
