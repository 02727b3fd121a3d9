package dev.switchboard.routing;

/**
 * One (provider, model ref) pair inside a model group.
 *
 * @param index    position in the group's target list, for strategies that keep per-target state
 * @param endpoint the served model this target sends to, shared by every group that names the same pair
 */
public record Target(int index, Endpoint endpoint, int weight, boolean toolOnly) {

    /** {@code provider/model_ref}: how headers, metrics and usage rows name the target. */
    public String id() {
        return endpoint.id();
    }

    public Provider provider() {
        return endpoint.provider();
    }

    public ModelRef modelRef() {
        return endpoint.modelRef();
    }
}
