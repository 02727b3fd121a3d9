package dev.switchboard.upstream;

import dev.switchboard.dialect.Bytes;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.routing.Target;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code switchboard.stream_stats} event a Chat Completions caller asks for with
 * {@code X-Switchboard-Stream-Stats: true}: time to first token, tokens per second, the target and attempts, and the
 * prompt's cached and novel tokens, sent just before {@code [DONE]}. Its data is also a valid chunk with no choices
 * (as a usage chunk is), because OpenAI SDKs parse every event of a chat stream as a chunk whatever its name. Off by
 * default, so unmodified clients see the stream they expect.
 */
final class StreamStats {

    /** The request header that asks for the event. */
    static final String HEADER = "X-Switchboard-Stream-Stats";

    private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);

    private StreamStats() {
    }

    /** Whether the caller asked for the event (Chat Completions streams only: the others have no {@code [DONE]}). */
    static boolean requested(Exchange exchange) {
        return exchange.dialect() == Dialect.OPENAI_CHAT && "true".equalsIgnoreCase(exchange.request().getHeader(HEADER));
    }

    /** Whether the event goes just before {@code event}. */
    static boolean before(Buffer event) {
        return Bytes.startsWith(event, DONE);
    }

    /** The event for {@code exchange}, as it stands now. */
    static Buffer event(Exchange exchange, Target current) {
        long now = System.nanoTime();
        TokenUsage usage = exchange.usage();
        long first = exchange.firstTokenNanos();
        double ttftMs = first == 0 ? -1 : (first - exchange.startNanos()) / 1e6;
        double generatingSeconds = first == 0 ? 0 : (now - first) / 1e9;
        double tokensPerSecond = generatingSeconds > 0 ? usage.completionTokens() / generatingSeconds : 0;
        long cached = Math.min(usage.cachedTokens(), usage.promptTokens());
        String json = String.format(Locale.ROOT, "{\"id\":%s,\"object\":\"chat.completion.chunk\",\"created\":%d,"
                        + "\"model\":%s,\"choices\":[],\"switchboard_stream_stats\":{\"request_id\":%s,"
                        + "\"target\":%s,\"attempts\":%d,\"ttft_ms\":%.3f,\"tokens_per_second\":%.1f,"
                        + "\"prompt_tokens\":%d,\"cached_tokens\":%d,\"novel_tokens\":%d,\"completion_tokens\":%d,"
                        + "\"tokens_estimated\":%b}}",
                quote(exchange.requestId()), exchange.startedAtMillis() / 1000, quote(current.modelRef().upstreamModel()),
                quote(exchange.requestId()), quote(current.id()), exchange.attempts().size() + 1, ttftMs,
                tokensPerSecond, usage.promptTokens(), cached, usage.promptTokens() - cached,
                usage.completionTokens(), !usage.reported());
        return Buffer.buffer("event: switchboard.stream_stats\ndata: " + json + "\n\n");
    }

    private static String quote(String value) {
        return new String(JsonBody.quote(value), StandardCharsets.UTF_8);
    }
}
