package dev.switchboard.config;

import io.smallrye.config.WithDefault;

import java.util.List;

/** A caller-facing model name: {@code switchboard.model_groups.<group>}. */
public interface ModelGroupConfig {

    /** How a target is chosen among the eligible ones: {@code weighted}, {@code least-loaded} or {@code prefix-affinity}. */
    @WithDefault("weighted")
    StrategyKind strategy();

    /** The (provider, model ref) pairs that may serve this group, tried in the strategy's order. */
    List<TargetConfig> targets();

    /** Routing strategies. */
    enum StrategyKind {
        /** Smooth weighted round-robin. */
        WEIGHTED,
        /** Fewest requests in flight, ties broken by weight. */
        LEAST_LOADED,
        /** The target that already holds the longest part of the prompt's prefix, unless it is overloaded. */
        PREFIX_AFFINITY
    }

    /** One entry of {@code targets}. */
    interface TargetConfig {
        /** Name of a provider under {@code switchboard.providers}. */
        String provider();

        /** Name of a model under that provider's {@code models}. */
        String modelRef();

        /** Share of traffic relative to the group's other targets; must be at least 1. */
        @WithDefault("100")
        int weight();

        /** When true, the target serves only requests that carry tools. */
        @WithDefault("false")
        boolean toolOnly();
    }
}
