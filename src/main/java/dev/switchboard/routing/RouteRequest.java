package dev.switchboard.routing;

/**
 * What routing needs to know of a request.
 *
 * @param carriesTools whether the request offers tools to the model
 */
public record RouteRequest(boolean carriesTools) { }
