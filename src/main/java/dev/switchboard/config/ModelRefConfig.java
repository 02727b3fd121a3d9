package dev.switchboard.config;

import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One model a provider serves: {@code switchboard.providers.<name>.models.<ref>}. */
public interface ModelRefConfig {

    /** The id the upstream's {@code /v1/models} reports; the router writes it into the forwarded body. */
    String model();

    /** Price of one million input (prompt) tokens, in USD. */
    @WithDefault("0")
    double inputPricePerMillionUsd();

    /** Price of one million output (completion) tokens, in USD. */
    @WithDefault("0")
    double outputPricePerMillionUsd();

    /** Price of one million input tokens served from the upstream's prompt cache; the input price when unset. */
    Optional<Double> cachedInputPricePerMillionUsd();

    /** Fixed price per input image, in USD. */
    Optional<Double> imageInputPricePerImageUsd();

    /** Price of one million upstream-reported image tokens, in USD. */
    Optional<Double> imageInputPricePerMillionTokensUsd();

    /** What the model accepts: {@code text}, {@code image}, {@code audio}, {@code video}. */
    @WithDefault("text")
    List<String> inputModalities();

    /** What the model produces. */
    @WithDefault("text")
    List<String> outputModalities();

    /**
     * Capabilities verified per dialect the model is called in, keyed {@code openai_chat}, {@code openai_responses},
     * {@code anthropic}; values among {@code tools}, {@code tool_choice}, {@code structured_outputs}.
     */
    Map<String, List<String>> toolSupport();
}
