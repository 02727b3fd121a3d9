package dev.switchboard.simulator;

/**
 * vLLM's Prometheus metrics, the ones a router scrapes to judge load and cache use. Counters change on the server's
 * event loop only; {@code /metrics} is rendered there too.
 */
final class SimulatorMetrics {

    private long promptTokens;
    private long generationTokens;
    private long prefixQueries;
    private long prefixHits;
    private long successes;

    void admitted(int prompt, int cached) {
        promptTokens += prompt;
        prefixQueries += prompt;
        prefixHits += cached;
    }

    void generated(int tokens) {
        generationTokens += tokens;
    }

    void succeeded() {
        successes++;
    }

    /** The Prometheus text exposition (format 0.0.4), as vLLM's python client writes it. */
    String render(String modelName, int running, int waiting, double cacheUsage) {
        String labels = "{model_name=\"" + escape(modelName) + "\"}";
        StringBuilder out = new StringBuilder(2048);
        gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", labels, running);
        gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", labels, waiting);
        gauge(out, "vllm:gpu_cache_usage_perc", "GPU KV-cache usage. 1 means 100 percent usage.", labels,
                cacheUsage);
        gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", labels, cacheUsage);
        counter(out, "vllm:prefix_cache_queries_total",
                "Prefix cache queries, in terms of number of queried tokens.", labels, prefixQueries);
        counter(out, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.",
                labels, prefixHits);
        counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", labels, promptTokens);
        counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.", labels,
                generationTokens);
        counter(out, "vllm:request_success_total", "Count of successfully processed requests.", labels, successes);
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, double value) {
        family(out, name, help, "gauge", labels).append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, String labels, long value) {
        family(out, name, help, "counter", labels).append((double) value).append('\n');
    }

    private static StringBuilder family(StringBuilder out, String name, String help, String type, String labels) {
        return out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(labels).append(' ');
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
