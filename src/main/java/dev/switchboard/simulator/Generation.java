package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One inference request from admission to its last byte: waits for a slot, pays the time to first token (shortened
 * by cached prefix blocks), then produces one piece per inter-token tick on a single periodic Vert.x timer. The
 * client closing the connection stops it at once and frees its slot. Runs on the server's event loop only.
 */
final class Generation implements ReplyWriter.EventSink {

    private enum State { QUEUED, RUNNING, STALLED, DONE }

    private final Engine engine;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final InferenceCall call;
    private final boolean hang;
    private final int cutAfterEvents;
    private final int stallAfterEvents;
    private State state = State.QUEUED;
    private long timer = -1;
    private int nextPiece;
    private int events;
    private int heldBlocks;
    private Usage usage;

    Generation(Engine engine, HttpServerRequest request, InferenceCall call, Faults faults) {
        this.engine = engine;
        this.request = request;
        this.response = request.response();
        this.call = call;
        this.hang = faults.hang();
        this.cutAfterEvents = faults.cutAfterChunks();
        this.stallAfterEvents = faults.stallAfterChunks();
        response.closeHandler(v -> clientLeft());
    }

    /** Called by the {@link Scheduler} once a slot is free. */
    void start() {
        state = State.RUNNING;
        int promptTokens = PromptText.tokens(call.prompt());
        int cached = engine.admitPrompt(call.prompt(), promptTokens);
        usage = new Usage(promptTokens, cached, call.reply().pieces());
        heldBlocks = engine.holdBlocks(usage.totalTokens());
        if (hang) {
            return; // holds its slot until the client gives up
        }
        long ttft = Math.max(1, engine.timeToFirstToken(promptTokens - cached));
        long interToken = engine.settings().interTokenMillis();
        if (call.stream()) {
            timer = engine.vertx().setPeriodic(ttft, Math.max(1, interToken), this::tick);
        } else {
            long total = ttft + interToken * (usage.completionTokens() - 1);
            timer = engine.vertx().setTimer(total, id -> answerWhole());
        }
    }

    @Override
    public void event(Buffer frame) {
        if (state != State.RUNNING) {
            return;
        }
        response.write(frame, null);
        events++;
        if (cutAfterEvents > 0 && events >= cutAfterEvents) {
            release();
            request.connection().close(); // abrupt: no [DONE], no chunked terminator
        } else if (stallAfterEvents > 0 && events >= stallAfterEvents) {
            state = State.STALLED; // silent from here on, its slot held until the client leaves
            engine.vertx().cancelTimer(timer);
        }
    }

    private void tick(long id) {
        if (state != State.RUNNING || (nextPiece > 0 && response.writeQueueFull())) {
            return; // a slow reader slows generation instead of piling up buffers
        }
        ReplyWriter writer = call.writer();
        if (nextPiece == 0) {
            writer.opening(this, usage);
        }
        boolean allAtOnce = engine.settings().interTokenMillis() == 0;
        do {
            boolean last = nextPiece == usage.completionTokens() - 1;
            writer.piece(this, nextPiece++, last, usage);
            engine.metrics().generated(1);
            if (last && state == State.RUNNING) {
                writer.closing(this, usage);
                if (state == State.RUNNING) {
                    response.end();
                    engine.metrics().succeeded();
                    release();
                }
            }
        } while (allAtOnce && state == State.RUNNING);
    }

    private void answerWhole() {
        if (state != State.RUNNING) {
            return;
        }
        engine.metrics().generated(usage.completionTokens());
        response.putHeader("content-type", "application/json");
        response.end(call.writer().whole(usage), null);
        engine.metrics().succeeded();
        release();
    }

    private void clientLeft() {
        switch (state) {
            case QUEUED -> {
                state = State.DONE;
                engine.scheduler().abandon(this);
            }
            case RUNNING, STALLED -> release();
            case DONE -> { }
        }
    }

    private void release() {
        state = State.DONE;
        if (timer >= 0) {
            engine.vertx().cancelTimer(timer);
        }
        engine.releaseBlocks(heldBlocks);
        engine.scheduler().finished();
    }
}
