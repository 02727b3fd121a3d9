package dev.switchboard.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.CallerConfig;
import dev.switchboard.config.ModelGroupConfig;
import dev.switchboard.config.ModelRefConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SwitchboardConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code GET /admin/config}: the configuration the router runs with, as it understood it (defaults filled in), with
 * every secret masked: token hashes show as {@code ****}, upstream keys by the name of their variable only.
 */
@Path("/admin/config")
public class EffectiveConfigResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASK = "****";

    private final SwitchboardConfig config;

    public EffectiveConfigResource(SwitchboardConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String effective() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode providers = root.putObject("providers");
        new TreeMap<>(config.providers()).forEach((name, provider) -> provider(providers.putObject(name), provider));
        ObjectNode groups = root.putObject("model_groups");
        new TreeMap<>(config.modelGroups()).forEach((name, group) -> group(groups.putObject(name), group));
        ObjectNode callers = root.putObject("callers");
        new TreeMap<>(config.callers()).forEach((name, caller) -> caller(callers.putObject(name), caller));
        root.putObject("access").put("anonymous", config.access().anonymous())
                .put("hide_forbidden_groups", config.access().hideForbiddenGroups())
                .putPOJO("trusted_proxies", config.access().trustedProxies().orElse(java.util.List.of()));
        root.putObject("admin").put("token_sha256", config.admin().tokenSha256().map(h -> MASK).orElse(null))
                .put("open", config.admin().open());
        root.putObject("requests").put("max_body_bytes", config.requests().maxBodyBytes())
                .put("body_idle_timeout", config.requests().bodyIdleTimeout().toString())
                .put("deadline", config.requests().deadline().toString())
                .put("max_attempts", config.requests().maxAttempts());
        root.putObject("health").put("probe_interval", config.health().probeInterval().toString())
                .put("probe_timeout", config.health().probeTimeout().toString())
                .put("probe_failures", config.health().probeFailures())
                .put("consecutive_failures", config.health().consecutiveFailures())
                .put("base_ejection", config.health().baseEjection().toString())
                .put("max_ejection", config.health().maxEjection().toString())
                .put("max_ejected_percent", config.health().maxEjectedPercent())
                .put("default_cooldown", config.health().defaultCooldown().toString());
        return root.toPrettyString();
    }

    private static void provider(ObjectNode out, ProviderConfig provider) {
        out.put("base_url", provider.baseUrl())
                .put("dialect", provider.dialect().wireName())
                .put("auth_scheme", provider.authScheme().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("api_key_env", provider.apiKeyEnv().orElse(null))
                .put("api_key", provider.apiKeyEnv().isPresent() ? MASK : null)
                .put("max_connections", provider.maxConnections());
        out.putObject("timeouts").put("connect", provider.timeouts().connect().toString())
                .put("first_byte", provider.timeouts().firstByte().toString())
                .put("idle", provider.timeouts().idle().toString())
                .put("total", provider.timeouts().total().toString());
        out.putObject("probe").put("enabled", provider.probe().enabled())
                .put("health_path", provider.probe().healthPath())
                .put("check_models", provider.probe().checkModels());
        ObjectNode models = out.putObject("models");
        new TreeMap<>(provider.models()).forEach((ref, model) -> model(models.putObject(ref), model));
    }

    private static void model(ObjectNode out, ModelRefConfig model) {
        out.put("model", model.model())
                .put("input_price_per_million_usd", model.inputPricePerMillionUsd())
                .put("output_price_per_million_usd", model.outputPricePerMillionUsd());
        model.cachedInputPricePerMillionUsd().ifPresent(p -> out.put("cached_input_price_per_million_usd", p));
        model.imageInputPricePerImageUsd().ifPresent(p -> out.put("image_input_price_per_image_usd", p));
        model.imageInputPricePerMillionTokensUsd().ifPresent(p -> out.put("image_input_price_per_million_tokens_usd", p));
        out.putPOJO("input_modalities", model.inputModalities());
        out.putPOJO("output_modalities", model.outputModalities());
        out.putPOJO("tool_support", new TreeMap<>(model.toolSupport()));
    }

    private static void group(ObjectNode out, ModelGroupConfig group) {
        out.put("strategy", group.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        var targets = out.putArray("targets");
        for (ModelGroupConfig.TargetConfig target : group.targets()) {
            targets.addObject().put("provider", target.provider()).put("model_ref", target.modelRef())
                    .put("weight", target.weight()).put("tool_only", target.toolOnly());
        }
    }

    private static void caller(ObjectNode out, CallerConfig caller) {
        out.put("token_sha256", MASK)
                .put("tenant", caller.tenant().orElse(null))
                .put("project", caller.project().orElse(null))
                .putPOJO("model_groups", caller.modelGroups());
        ObjectNode limits = out.putObject("limits");
        caller.limits().maxConcurrent().ifPresent(n -> limits.put("max_concurrent", n));
        caller.limits().requestsPerMinute().ifPresent(n -> limits.put("requests_per_minute", n));
        caller.limits().tokensPerMinute().ifPresent(n -> limits.put("tokens_per_minute", n));
    }
}
