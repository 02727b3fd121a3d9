package dev.switchboard.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds what is wrong with a configuration, each problem naming its key. Start-up fails with all of them in one
 * message, so an operator fixes a broken file in one pass instead of one restart per mistake.
 */
public final class ConfigProblems {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> DIALECT_KEYS = Set.of("openai_chat", "openai_responses", "anthropic");
    private static final Set<String> CAPABILITIES = Set.of("tools", "tool_choice", "structured_outputs");
    private static final Set<String> MODALITIES = Set.of("text", "image", "audio", "video");
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private final List<String> problems = new ArrayList<>();
    private final Function<String, String> env;

    private ConfigProblems(Function<String, String> env) {
        this.env = env;
    }

    /**
     * Lists the problems of {@code config}; empty when it is sound.
     *
     * @param env looks up environment variables (upstream keys must be present at start-up)
     */
    public static List<String> of(SwitchboardConfig config, Function<String, String> env) {
        ConfigProblems check = new ConfigProblems(env);
        check.providers(config.providers());
        check.groups(config.modelGroups(), config.providers());
        check.callers(config);
        if (config.requests().maxAttempts() < 1) {
            check.add("switchboard.requests.max_attempts", "must be at least 1, got " + config.requests().maxAttempts());
        }
        if (config.health().consecutiveFailures() < 1) {
            check.add("switchboard.health.consecutive_failures", "must be at least 1, got "
                    + config.health().consecutiveFailures());
        }
        if (config.health().probeFailures() < 1) {
            check.add("switchboard.health.probe_failures", "must be at least 1, got " + config.health().probeFailures());
        }
        if (config.health().maxEjectedPercent() < 0 || config.health().maxEjectedPercent() > 100) {
            check.add("switchboard.health.max_ejected_percent", "must be within 0..100, got "
                    + config.health().maxEjectedPercent());
        }
        config.images().allowedHosts().ifPresent(hosts -> hosts.stream()
                .filter(host -> !HOST.matcher(host.strip()).matches())
                .forEach(host -> check.add("switchboard.images.allowed_hosts", "'" + host + "' is not a host name;"
                        + " give names such as cdn.example.com, or *.example.com for its subdomains")));
        check.positive("switchboard.health.probe_interval", config.health().probeInterval());
        check.positive("switchboard.health.probe_timeout", config.health().probeTimeout());
        check.positive("switchboard.health.base_ejection", config.health().baseEjection());
        check.routing(config.routing());
        if (config.requests().maxBodyBytes() < 1024) {
            check.add("switchboard.requests.max_body_bytes", "must be at least 1024, got " + config.requests().maxBodyBytes());
        }
        return List.copyOf(check.problems);
    }

    /** One message listing every problem, for the exception that stops start-up. */
    public static String message(List<String> problems) {
        return "Switchboard configuration is invalid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems);
    }

    private void providers(Map<String, ProviderConfig> providers) {
        if (providers.isEmpty()) {
            add("switchboard.providers", "no provider is configured; define at least one upstream");
        }
        providers.forEach((name, provider) -> {
            String key = "switchboard.providers." + name;
            name(key, name);
            baseUrl(key + ".base_url", provider.baseUrl());
            switch (provider.authScheme()) {
                case NONE -> { }
                case BEARER, X_API_KEY -> apiKeyEnv(key + ".api_key_env", provider);
            }
            if (provider.maxConnections() < 1) {
                add(key + ".max_connections", "must be at least 1, got " + provider.maxConnections());
            }
            positive(key + ".timeouts.connect", provider.timeouts().connect());
            positive(key + ".timeouts.first_byte", provider.timeouts().firstByte());
            positive(key + ".timeouts.idle", provider.timeouts().idle());
            positive(key + ".timeouts.total", provider.timeouts().total());
            if (provider.models().isEmpty()) {
                add(key + ".models", "no model is listed; name at least one with its upstream id under models");
            }
            provider.models().forEach((ref, model) -> model(key + ".models." + ref, ref, model));
        });
    }

    private void model(String key, String ref, ModelRefConfig model) {
        name(key, ref);
        if (model.model().isBlank()) {
            add(key + ".model", "must be the upstream's model id, as its /v1/models lists it");
        }
        nonNegative(key + ".input_price_per_million_usd", model.inputPricePerMillionUsd());
        nonNegative(key + ".output_price_per_million_usd", model.outputPricePerMillionUsd());
        model.cachedInputPricePerMillionUsd().ifPresent(p -> nonNegative(key + ".cached_input_price_per_million_usd", p));
        model.imageInputPricePerImageUsd().ifPresent(p -> nonNegative(key + ".image_input_price_per_image_usd", p));
        model.imageInputPricePerMillionTokensUsd()
                .ifPresent(p -> nonNegative(key + ".image_input_price_per_million_tokens_usd", p));
        for (String modality : model.inputModalities()) {
            if (!MODALITIES.contains(modality)) {
                add(key + ".input_modalities", "unknown modality '" + modality + "' (known: " + sorted(MODALITIES) + ")");
            }
        }
        model.toolSupport().forEach((dialect, capabilities) -> {
            if (!DIALECT_KEYS.contains(dialect)) {
                add(key + ".tool_support." + dialect, "unknown dialect (known: " + sorted(DIALECT_KEYS) + ")");
            }
            for (String capability : capabilities) {
                if (!CAPABILITIES.contains(capability)) {
                    add(key + ".tool_support." + dialect,
                            "unknown capability '" + capability + "' (known: " + sorted(CAPABILITIES) + ")");
                }
            }
        });
    }

    private void groups(Map<String, ModelGroupConfig> groups, Map<String, ProviderConfig> providers) {
        if (groups.isEmpty()) {
            add("switchboard.model_groups", "no model group is configured; callers would have nothing to ask for");
        }
        groups.forEach((name, group) -> {
            String key = "switchboard.model_groups." + name;
            name(key, name);
            if (group.targets().isEmpty()) {
                add(key + ".targets", "the group is empty; list at least one target");
            }
            for (int i = 0; i < group.targets().size(); i++) {
                ModelGroupConfig.TargetConfig target = group.targets().get(i);
                String targetKey = key + ".targets[" + i + "]";
                ProviderConfig provider = providers.get(target.provider());
                if (provider == null) {
                    add(targetKey + ".provider", "unknown provider '" + target.provider() + "' (known: "
                            + sorted(providers.keySet()) + ")");
                } else if (!provider.models().containsKey(target.modelRef())) {
                    add(targetKey + ".model_ref", "provider '" + target.provider() + "' has no model '"
                            + target.modelRef() + "' (known: " + sorted(provider.models().keySet()) + ")");
                }
                if (target.weight() < 1) {
                    add(targetKey + ".weight", "must be at least 1, got " + target.weight()
                            + "; remove the target to take it out of the group");
                }
            }
        });
    }

    private void routing(RoutingConfig routing) {
        if (routing.prefixWindowChars() < 0) {
            add("switchboard.routing.prefix_window_chars", "must not be negative, got " + routing.prefixWindowChars());
        }
        if (routing.blockChars() < 4) {
            add("switchboard.routing.block_chars", "must be at least 4, got " + routing.blockChars());
        }
        atLeastOne("switchboard.routing.max_prefix_blocks", routing.maxPrefixBlocks());
        if (routing.indexSlots() < 1 || routing.indexSlots() > 1 << 24) {
            add("switchboard.routing.index_slots", "must be within 1..16777216 (8 bytes each), got "
                    + routing.indexSlots());
        }
        if (!(routing.overloadFactor() >= 1.0)) {
            add("switchboard.routing.overload_factor", "must be at least 1.0, got " + routing.overloadFactor());
        }
    }

    private void callers(SwitchboardConfig config) {
        if (config.callers().isEmpty() && !config.access().anonymous()) {
            add("switchboard.callers", "no caller is configured; add callers with token hashes, or set"
                    + " switchboard.access.anonymous=true to run without tokens");
        }
        Map<String, String> byHash = new java.util.HashMap<>();
        config.callers().forEach((name, caller) -> {
            String key = "switchboard.callers." + name;
            name(key, name);
            if (sha256Hex(key + ".token_sha256", caller.tokenSha256())) {
                String other = byHash.putIfAbsent(caller.tokenSha256().toLowerCase(), name);
                if (other != null) {
                    add(key + ".token_sha256", "the same token as caller '" + other + "'; give each caller its own");
                }
            }
            if (caller.modelGroups().isEmpty()) {
                add(key + ".model_groups", "lists no group; name the groups the caller may use, or \"*\" for all");
            }
            for (String group : caller.modelGroups()) {
                if (!group.equals("*") && !config.modelGroups().containsKey(group)) {
                    add(key + ".model_groups", "unknown model group '" + group + "' (known: "
                            + sorted(config.modelGroups().keySet()) + ")");
                }
            }
            caller.limits().maxConcurrent().ifPresent(n -> atLeastOne(key + ".limits.max_concurrent", n));
            caller.limits().requestsPerMinute().ifPresent(n -> atLeastOne(key + ".limits.requests_per_minute", n));
            caller.limits().tokensPerMinute().ifPresent(n -> atLeastOne(key + ".limits.tokens_per_minute", n));
        });
        config.admin().tokenSha256().ifPresent(hash -> sha256Hex("switchboard.admin.token_sha256", hash));
    }

    private boolean sha256Hex(String key, String value) {
        if (!SHA256_HEX.matcher(value).matches()) {
            add(key, "must be the SHA-256 of the token as 64 hex characters (printf %s \"$TOKEN\" | sha256sum)");
            return false;
        }
        return true;
    }

    private void atLeastOne(String key, int value) {
        if (value < 1) {
            add(key, "must be at least 1, got " + value);
        }
    }

    private void baseUrl(String key, String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            add(key, "is not a URL: " + e.getMessage());
            return;
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            add(key, "must start with http:// or https://, got '" + value + "'");
        } else if (uri.getHost() == null) {
            add(key, "has no host: '" + value + "'");
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            add(key, "must not carry a query or fragment: '" + value + "'");
        } else if (uri.getPath() != null && uri.getPath().replaceAll("/+$", "").endsWith("/v1/v1")) {
            add(key, "ends in /v1/v1; give the API root once, e.g. http://host:8000/v1");
        }
    }

    private void apiKeyEnv(String key, ProviderConfig provider) {
        String scheme = provider.authScheme().name().toLowerCase().replace('_', '-');
        if (provider.apiKeyEnv().isEmpty()) {
            add(key, "auth_scheme " + scheme + " needs the name of the environment variable holding the key");
            return;
        }
        String variable = provider.apiKeyEnv().get();
        if (!ENV_NAME.matcher(variable).matches()) {
            add(key, "'" + variable + "' is not an environment variable name");
        } else if (env.apply(variable) == null || env.apply(variable).isBlank()) {
            add(key, "environment variable " + variable + " is not set");
        }
    }

    private void name(String key, String name) {
        if (!NAME.matcher(name).matches()) {
            add(key, "the name '" + name + "' may hold only letters, digits and . _ : / @ - (at most 128)");
        }
    }

    private void positive(String key, java.time.Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            add(key, "must be positive, got " + duration);
        }
    }

    private void nonNegative(String key, double value) {
        if (value < 0 || Double.isNaN(value)) {
            add(key, "must not be negative, got " + value);
        }
    }

    private void add(String key, String problem) {
        problems.add(key + ": " + problem);
    }

    private static String sorted(Set<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }
}
