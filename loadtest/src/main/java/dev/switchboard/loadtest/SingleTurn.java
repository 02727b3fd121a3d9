package dev.switchboard.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * The same one-message prompt every time. Built once: the driver must spend its CPU on reading streams, not on
 * writing bodies.
 */
final class SingleTurn implements Workload {

    private final Turn turn;

    SingleTurn(Options options) {
        Buffer body = Workload.body(new JsonFactory(), options.model(), options.maxTokens(),
                List.of(new Message("user", Text.of(options.promptTokens(), options.seed()))));
        this.turn = new Turn(body, options.tenant(), null);
    }

    @Override
    public Turn next() {
        return turn;
    }

    @Override
    public void finished(Turn turn, boolean ok, String reply) {
    }

    @Override
    public boolean keepsReplies() {
        return false;
    }
}
