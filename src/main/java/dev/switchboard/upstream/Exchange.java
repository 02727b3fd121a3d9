package dev.switchboard.upstream;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
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

    /**
     * @param stream whether the caller asked for a streamed answer
     */
    public Exchange(HttpServerRequest request, Dialect dialect, String requestId, ModelGroup group, JsonBody body,
                    RouteRequest route, boolean stream, long startNanos) {
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
        return true;
    }

    boolean finished() {
        return finished;
    }
}
