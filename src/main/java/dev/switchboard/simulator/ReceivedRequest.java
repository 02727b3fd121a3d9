package dev.switchboard.simulator;

import java.util.Map;

/**
 * One request as a {@link SimulatedServer} received it, kept so tests can check what the router sent upstream.
 *
 * @param method  HTTP method, upper case
 * @param path    request path without the query string
 * @param headers header names in lower case; repeated headers joined with {@code ", "}
 * @param body    the body as UTF-8 text, empty when there was none
 */
public record ReceivedRequest(String method, String path, Map<String, String> headers, String body) {

    public ReceivedRequest {
        headers = Map.copyOf(headers);
    }
}
