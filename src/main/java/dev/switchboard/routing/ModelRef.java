package dev.switchboard.routing;

import dev.switchboard.config.ModelRefConfig;
import dev.switchboard.dialect.Dialect;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One model a provider serves.
 *
 * @param name          its key under the provider's {@code models}
 * @param upstreamModel the id written into forwarded bodies
 * @param toolSupport   capabilities verified per dialect ({@code tools}, {@code tool_choice}, {@code structured_outputs})
 */
public record ModelRef(String name, String upstreamModel, Prices prices, Set<String> inputModalities,
                       Map<Dialect, Set<String>> toolSupport) {

    static ModelRef from(String name, ModelRefConfig config) {
        Map<Dialect, Set<String>> support = new EnumMap<>(Dialect.class);
        for (Dialect dialect : Dialect.values()) {
            support.put(dialect, Set.copyOf(config.toolSupport().getOrDefault(dialect.configKey(), java.util.List.of())));
        }
        Prices prices = new Prices(config.inputPricePerMillionUsd(), config.outputPricePerMillionUsd(),
                config.cachedInputPricePerMillionUsd().orElse(config.inputPricePerMillionUsd()),
                config.imageInputPricePerImageUsd().orElse(0.0),
                config.imageInputPricePerMillionTokensUsd().orElse(0.0));
        return new ModelRef(name, config.model(), prices, Set.copyOf(config.inputModalities()), Map.copyOf(support));
    }

    /** Whether this model claims {@code capability} when called in {@code dialect}. */
    public boolean supports(Dialect dialect, String capability) {
        return toolSupport.get(dialect).contains(capability);
    }

    /** USD prices; per million tokens unless named per image. */
    public record Prices(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion,
                         double imagePerImage, double imageTokensPerMillion) { }
}
