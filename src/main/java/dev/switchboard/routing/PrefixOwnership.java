package dev.switchboard.routing;

import java.util.Optional;

/**
 * Which target a prefix key was last sent to, so that replicas of the router can agree where a conversation lives.
 * {@code prefix-affinity} consults it only when no target's local {@link PrefixIndex} knows the request's prefix (a
 * conversation another replica started, or one this replica's index has forgotten), and tells it every pick.
 *
 * <p>Both methods run on the event loop in the middle of a routing decision: they must answer from memory and never
 * block. A shared implementation (Redis) keeps a local near-cache that {@link #owner} reads, fills it asynchronously
 * (a miss may start a fetch whose answer serves the next request), and writes {@link #record}s behind, skipping those
 * that change nothing. The default, {@link InMemoryPrefixOwnership}, keeps a bounded table in this process.
 */
public interface PrefixOwnership {

    /**
     * The target ({@code provider/model_ref}, as {@link Target#id()}) that last served {@code prefixKey} in
     * {@code group}, if known. Routing uses it only when it is still eligible and not overloaded.
     */
    Optional<String> owner(String group, String prefixKey);

    /** Notes that {@code group} just sent {@code prefixKey} to {@code targetId}. */
    void record(String group, String prefixKey, String targetId);
}
