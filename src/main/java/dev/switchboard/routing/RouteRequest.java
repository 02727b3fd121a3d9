package dev.switchboard.routing;

/**
 * What routing needs to know of a request.
 *
 * @param carriesTools whether the request offers tools to the model
 * @param prompt       the request's prompt prefix, worked out only if a strategy (or the caller) asks for it
 */
public record RouteRequest(boolean carriesTools, PromptPrefix prompt) {

    /** A request whose prompt routing never looks at. */
    public RouteRequest(boolean carriesTools) {
        this(carriesTools, PromptPrefix.NONE);
    }
}
