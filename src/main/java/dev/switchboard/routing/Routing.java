package dev.switchboard.routing;

import dev.switchboard.config.ConfigProblems;
import dev.switchboard.config.ModelGroupConfig;
import dev.switchboard.config.SwitchboardConfig;
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

    @Inject
    public Routing(SwitchboardConfig config) {
        this(config, System::getenv);
    }

    Routing(SwitchboardConfig config, Function<String, String> env) {
        List<String> problems = ConfigProblems.of(config, env);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(ConfigProblems.message(problems));
        }
        Map<String, Provider> providers = new LinkedHashMap<>();
        config.providers().forEach((name, provider) -> providers.put(name, Provider.from(name, provider, env)));
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        Map<String, ModelGroup> groups = new LinkedHashMap<>();
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
            };
            groups.put(name, new ModelGroup(name, strategy, targets));
        });
        this.providers = Map.copyOf(providers);
        this.endpoints = new HashMap<>(endpoints);
        this.groups = groups;
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
