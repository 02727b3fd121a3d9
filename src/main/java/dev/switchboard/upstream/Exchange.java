package dev.switchboard.upstream;

import dev.switchboard.admission.Caller;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.dialect.translation.CallerRequest;
import dev.switchboard.routing.Endpoint;
import dev.switchboard.routing.ModelGroup;
import dev.switchboard.routing.RouteRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One caller request on its way through the router: what was asked, the attempts made, and how far the relay got.
 * Touched only from the event loop of the caller's connection, so it needs no locking.
 */
public final class Exchange {

    private final HttpServerRequest request;
    private final Dialect dialect;
    private final String requestId;
    private final ModelGroup group;
    private final JsonBody body;
    private final RouteRequest route;
    private final boolean stream;
    private final long startNanos;
    private final List<Attempt> attempts = new ArrayList<>(2);
    private final List<Endpoint> tried = new ArrayList<>(2);
    private boolean committed;
    private boolean finished;
    private long firstTokenNanos;
    private int status;
    private Forwarder.State state;
    private final boolean callerWantsUsage;
    private final long startedAtMillis = System.currentTimeMillis();
    private long endNanos;
    private TokenUsage usage;
    private long generatedEvents;
    private Caller caller = Caller.anonymous(null);
    private String prefixKey;
    private CallerRequest callerRequest;

    /**
     * @param stream whether the caller asked for a streamed answer
     */
    public Exchange(HttpServerRequest request, Dialect dialect, String requestId, ModelGroup group, JsonBody body,
                    RouteRequest route, boolean stream, long startNanos) {
        this.callerWantsUsage = stream && body.has("stream_options")
                && body.tree("stream_options").path("include_usage").asBoolean(false);
        this.request = request;
        this.dialect = dialect;
        this.requestId = requestId;
        this.group = group;
        this.body = body;
        this.route = route;
        this.stream = stream;
        this.startNanos = startNanos;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String requestId() {
        return requestId;
    }

    public ModelGroup group() {
        return group;
    }

    public JsonBody body() {
        return body;
    }

    public RouteRequest route() {
        return route;
    }

    public boolean stream() {
        return stream;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Who the request is for. */
    public Caller caller() {
        return caller;
    }

    public void caller(Caller caller) {
        this.caller = caller;
    }

    /** The request's prefix key (tenant, group, system prompt, prefix window), or null when none was computed. */
    public String prefixKey() {
        return prefixKey;
    }

    public void prefixKey(String prefixKey) {
        this.prefixKey = prefixKey;
    }

    /** When the request arrived, in epoch milliseconds. */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** When the exchange ended ({@link System#nanoTime()}), or 0 while it runs. */
    public long endNanos() {
        return endNanos;
    }

    /** Whether a streaming caller asked for the usage chunk itself ({@code stream_options.include_usage}). */
    public boolean callerWantsUsage() {
        return callerWantsUsage;
    }

    /** Images in the request (image parts or blocks, whatever their source), for the usage row and image pricing. */
    public int imageCount() {
        return route.imageCount();
    }

    /** Token counts: the upstream's when it reported them, else an estimate; never null once finished. */
    public TokenUsage usage() {
        return usage != null ? usage : TokenUsage.estimate(body.bytes().length, generatedEvents);
    }

    /** Attempts made so far, oldest first. */
    public List<Attempt> attempts() {
        return Collections.unmodifiableList(attempts);
    }

    /** Whether the first byte of the answer has gone to the caller; from then on no other target may be tried. */
    public boolean committed() {
        return committed;
    }

    /** When the first token reached the caller ({@link System#nanoTime()}), or 0. */
    public long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** The status sent to the caller, once committed. */
    public int status() {
        return status;
    }

    /** The request as translations see it; made once, so a tree parsed for one attempt serves the next. */
    CallerRequest callerRequest() {
        if (callerRequest == null) {
            callerRequest = new CallerRequest(dialect, body, stream, callerWantsUsage);
        }
        return callerRequest;
    }

    HttpServerRequest request() {
        return request;
    }

    HttpServerResponse response() {
        return request.response();
    }

    List<Endpoint> tried() {
        return tried;
    }

    void attach(Forwarder.State state) {
        this.state = state;
    }

    Forwarder.State state() {
        return state;
    }

    void record(Attempt attempt) {
        attempts.add(attempt);
    }

    void usage(TokenUsage usage) {
        this.usage = usage;
    }

    /** Counts a streamed event that carried generated output, for the estimate when no usage is reported. */
    void generated() {
        generatedEvents++;
    }

    void commit(int status) {
        this.committed = true;
        this.status = status;
    }

    void firstToken(long nanos) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = nanos;
        }
    }

    /** Marks the exchange ended; true the first time only, so completion work runs once. */
    boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        endNanos = System.nanoTime();
        return true;
    }

    boolean finished() {
        return finished;
    }
}
