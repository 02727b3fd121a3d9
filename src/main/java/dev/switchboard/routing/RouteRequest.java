package dev.switchboard.routing;

import dev.switchboard.dialect.Dialect;

/**
 * What routing needs to know of a request.
 *
 * @param carriesTools     whether the request offers tools to the model
 * @param prompt           the request's prompt prefix, worked out only if a strategy (or the caller) asks for it
 * @param dialect          the dialect the caller speaks; a target must speak it or one it can be translated to
 * @param imageCount       images in the request; any needs a target whose model takes {@code image} input
 * @param structuredOutput whether the request asks for output following a JSON schema (or JSON at all)
 * @param ownDialectOnly   what in the request only a target speaking the caller's own dialect can serve (a hosted
 *                         tool, a stored conversation), or null when translation may carry all of it
 */
public record RouteRequest(boolean carriesTools, PromptPrefix prompt, Dialect dialect, int imageCount,
                           boolean structuredOutput, String ownDialectOnly) {

    /** A Chat Completions request, with or without tools, that needs nothing else of a target. */
    public RouteRequest(boolean carriesTools, PromptPrefix prompt) {
        this(carriesTools, prompt, Dialect.OPENAI_CHAT, 0, false, null);
    }

    /** A Chat Completions request whose prompt routing never looks at. */
    public RouteRequest(boolean carriesTools) {
        this(carriesTools, PromptPrefix.NONE);
    }
}
