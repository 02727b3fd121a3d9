package dev.switchboard.simulator;

import java.util.List;

/**
 * How one {@link SimulatedServer} behaves.
 *
 * @param name                     shown in logs and the start-up line, e.g. {@code sim-1}
 * @param host                     address to bind; keep it loopback
 * @param port                     port to bind; 0 picks a free one ({@link SimulatedServer#port()} tells which)
 * @param models                   model ids served; the first one labels {@code /metrics}
 * @param ttftMillis               time to first token once a request runs, before any prefill cost
 * @param prefillMillisPer1kTokens extra time to first token per 1000 prompt tokens not found in the prefix cache
 * @param interTokenMillis         delay between streamed tokens; 0 writes all tokens at once
 * @param outputTokens             tokens in every text answer, unless {@code max_tokens} asks for fewer
 * @param maxRunning               requests generating at once; the rest wait in arrival order
 * @param prefixCache              whether the prefix KV-cache model is on (off: cached tokens are always 0)
 * @param blockTokens              tokens per KV-cache block
 * @param cacheBlocks              KV-cache capacity in blocks (least recently used blocks are evicted)
 * @param faults                   failures injected at start; see {@link Faults}
 */
public record SimulatorSettings(String name, String host, int port, List<String> models, long ttftMillis,
        double prefillMillisPer1kTokens, long interTokenMillis, int outputTokens, int maxRunning, boolean prefixCache,
        int blockTokens, int cacheBlocks, Faults faults) {

    public SimulatorSettings {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("simulator " + name + " must serve at least one model");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("simulator " + name + ": port must be 0..65535, got " + port);
        }
        if (ttftMillis < 0 || interTokenMillis < 0 || !(prefillMillisPer1kTokens >= 0)) {
            throw new IllegalArgumentException("simulator " + name + ": delays must not be negative");
        }
        if (outputTokens < 1 || maxRunning < 1 || blockTokens < 1 || cacheBlocks < 1) {
            throw new IllegalArgumentException(
                    "simulator " + name + ": output tokens, max running, block tokens and cache blocks must be >= 1");
        }
        if (faults == null) {
            faults = Faults.NONE;
        }
    }

    /** A fast, healthy server on 127.0.0.1 serving {@code demo-model}. */
    public static SimulatorSettings defaults(String name, int port) {
        return new SimulatorSettings(name, "127.0.0.1", port, List.of("demo-model"), 20, 0, 5, 32, 256, true, 16,
                8192, Faults.NONE);
    }

    public SimulatorSettings withName(String value) {
        return new SimulatorSettings(value, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withHost(String value) {
        return new SimulatorSettings(name, value, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withPort(int value) {
        return new SimulatorSettings(name, host, value, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withModels(List<String> value) {
        return new SimulatorSettings(name, host, port, value, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withModels(String... value) {
        return withModels(List.of(value));
    }

    public SimulatorSettings withTtftMillis(long value) {
        return new SimulatorSettings(name, host, port, models, value, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withPrefillMillisPer1kTokens(double value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, value,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withInterTokenMillis(long value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                value, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withOutputTokens(int value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, value, maxRunning, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withMaxRunning(int value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, value, prefixCache, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withPrefixCache(boolean value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, value, blockTokens, cacheBlocks, faults);
    }

    public SimulatorSettings withBlockTokens(int value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, value, cacheBlocks, faults);
    }

    public SimulatorSettings withCacheBlocks(int value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, value, faults);
    }

    public SimulatorSettings withFaults(Faults value) {
        return new SimulatorSettings(name, host, port, models, ttftMillis, prefillMillisPer1kTokens,
                interTokenMillis, outputTokens, maxRunning, prefixCache, blockTokens, cacheBlocks, value);
    }
}
