package dev.switchboard.routing;

import dev.switchboard.config.ConfigProblems;
import dev.switchboard.config.ModelGroupConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The routing table: model groups by name, built once from configuration. Construction validates the whole
 * configuration first, so a wrong file stops start-up with every problem named rather than half-starting.
 */
@Startup
@ApplicationScoped
public class Routing {

    private final Map<String, ModelGroup> groups;
    private final Map<String, Provider> providers;
    private final Map<String, Endpoint> endpoints;
    private final Map<Endpoint, PrefixIndex> prefixIndexes;
    private final PromptPrefix.Settings prefixSettings;

    /**
     * @param ownership where prefix-affinity groups look up prefixes no local index knows
     * @param registry  for the prefix-affinity outcome counters and index size gauges
     */
    @Inject
    public Routing(SwitchboardConfig config, PrefixOwnership ownership, MeterRegistry registry) {
        this(config, System::getenv, ownership, registry);
    }

    Routing(SwitchboardConfig config, Function<String, String> env, PrefixOwnership ownership,
            MeterRegistry registry) {
        List<String> problems = ConfigProblems.of(config, env);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(ConfigProblems.message(problems));
        }
        Map<String, Provider> providers = new LinkedHashMap<>();
        config.providers().forEach((name, provider) -> providers.put(name, Provider.from(name, provider, env)));
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        Map<String, ModelGroup> groups = new LinkedHashMap<>();
        Map<Endpoint, PrefixIndex> prefixIndexes = new LinkedHashMap<>();
        int slots = config.routing().indexSlots();
        config.modelGroups().forEach((name, group) -> {
            List<Target> targets = new ArrayList<>();
            for (ModelGroupConfig.TargetConfig target : group.targets()) {
                Provider provider = providers.get(target.provider());
                Endpoint endpoint = endpoints.computeIfAbsent(target.provider() + "/" + target.modelRef(),
                        id -> new Endpoint(provider, ModelRef.from(target.modelRef(),
                                config.providers().get(target.provider()).models().get(target.modelRef()))));
                targets.add(new Target(targets.size(), endpoint, target.weight(), target.toolOnly()));
            }
            Strategy strategy = switch (group.strategy()) {
                case WEIGHTED -> new WeightedStrategy(targets.size());
                case LEAST_LOADED -> new LeastLoadedStrategy();
                case PREFIX_AFFINITY -> new PrefixAffinityStrategy(name, targets, targets.stream()
                        .map(t -> prefixIndexes.computeIfAbsent(t.endpoint(), e -> new PrefixIndex(slots)))
                        .toArray(PrefixIndex[]::new), config.routing().overloadFactor(), ownership, registry);
            };
            groups.put(name, new ModelGroup(name, strategy, targets));
        });
        this.providers = Map.copyOf(providers);
        this.endpoints = new HashMap<>(endpoints);
        this.groups = groups;
        this.prefixIndexes = Map.copyOf(prefixIndexes);
        this.prefixSettings = new PromptPrefix.Settings(config.routing().prefixWindowChars(),
                config.routing().blockChars(), config.routing().maxPrefixBlocks());
        prefixIndexes.forEach((endpoint, index) -> Gauge.builder("switchboard.prefix.index.bytes", index,
                        PrefixIndex::bytes)
                .description("Memory of the target's prefix index (fixed: index_slots x 8 bytes)")
                .baseUnit("bytes").tag("target", endpoint.id()).register(registry));
    }

    /**
     * The prompt prefix of a request to {@code group}, worked out lazily: nothing is read from the body until a
     * strategy or the caller asks for its key or blocks.
     *
     * @param tenant the tenant the request is accounted to; part of the prefix key, so tenants never share one
     */
    public PromptPrefix prompt(JsonBody body, Dialect dialect, String tenant, ModelGroup group) {
        return new PromptPrefix(body, dialect, tenant, group.name(), prefixSettings);
    }

    /**
     * Memory held by the endpoint's prefix index in bytes (fixed at start-up), or 0 when no prefix-affinity group
     * targets it.
     */
    public long prefixIndexBytes(Endpoint endpoint) {
        PrefixIndex index = prefixIndexes.get(endpoint);
        return index == null ? 0 : index.bytes();
    }

    /** The group callers name {@code name}, or null. */
    public ModelGroup group(String name) {
        return groups.get(name);
    }

    /** Every group, in configuration order. */
    public Collection<ModelGroup> groups() {
        return groups.values();
    }

    /** Every provider by name. */
    public Map<String, Provider> providers() {
        return providers;
    }

    /** Every endpoint some group targets. */
    public Collection<Endpoint> endpoints() {
        return endpoints.values();
    }
}
