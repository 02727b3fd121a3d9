package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Limit counters in Redis, shared by every replica: each decision is one Lua script run atomically on the server,
 * so two replicas never both take the last slot. Concurrency slots are held under the replica's lease
 * ({@code switchboard.redis.slot_lease}), renewed while it runs, so a replica that dies mid-request does not keep its
 * slots. Calls that take longer than {@code switchboard.redis.timeout} fail and the caller falls back to local
 * counters. The scripts name keys they are not given (leases), so Redis must be a single server, not a cluster.
 */
@ApplicationScoped
public class RedisLimitState implements LimitState {

    private static final String TAKE = script("take.lua");
    private static final String GIVE = script("give.lua");

    private final RedisAPI redis;
    private final Vertx vertx;
    private final String prefix;
    private final long timeoutMillis;
    /** This replica's lease: the key whose life vouches for the slots it holds. */
    private final String leaseKey;
    private final long leaseMillis;

    @Inject
    public RedisLimitState(RedisAPI redis, Vertx vertx, SwitchboardConfig config) {
        this(redis, vertx, config, config.redis().slotLease().toMillis());
    }

    /** With a lease of its own length, e.g. a second replica in a test. */
    RedisLimitState(RedisAPI redis, Vertx vertx, SwitchboardConfig config, long leaseMillis) {
        this.redis = redis;
        this.vertx = vertx;
        this.prefix = config.redis().keyPrefix() + "limits:";
        this.timeoutMillis = config.redis().timeout().toMillis();
        this.leaseKey = config.redis().keyPrefix() + "lease:" + UUID.randomUUID();
        this.leaseMillis = leaseMillis;
    }

    /** How often the lease must be renewed to stay alive. */
    long renewEveryMillis() {
        return Math.max(1, leaseMillis / 3);
    }

    /** Renews this replica's lease (every take does too; this keeps it alive through long streams). */
    Future<Void> renewLease() {
        return bounded(redis.set(List.of(leaseKey, "1", "PX", Long.toString(leaseMillis)))).mapEmpty();
    }

    @Override
    public Future<Refusal> take(List<LimitScope> scopes, long tokens) {
        List<String> args = new ArrayList<>(4 + scopes.size() * 4);
        args.add(TAKE);
        args.add(Integer.toString(scopes.size()));
        scopes.forEach(scope -> args.add(prefix + scope.key()));
        args.add(Long.toString(tokens));
        args.add(leaseKey);
        args.add(Long.toString(leaseMillis));
        for (LimitScope scope : scopes) {
            args.add(Integer.toString(scope.maxConcurrent()));
            args.add(Integer.toString(scope.requestsPerMinute()));
            args.add(Integer.toString(scope.tokensPerMinute()));
        }
        return bounded(redis.eval(args)).map(answer -> answer.get(0).toInteger() == 0 ? null
                : new Refusal(scopes.get(answer.get(1).toInteger() - 1), answer.get(2).toString(),
                        answer.get(3).toLong()));
    }

    @Override
    public Future<Void> give(List<LimitScope> scopes, long tokenCorrection) {
        List<String> args = new ArrayList<>(4 + scopes.size() * 2);
        args.add(GIVE);
        args.add(Integer.toString(scopes.size()));
        scopes.forEach(scope -> args.add(prefix + scope.key()));
        args.add(Long.toString(tokenCorrection));
        args.add(leaseKey);
        scopes.forEach(scope -> args.add(Integer.toString(scope.tokensPerMinute())));
        return bounded(redis.eval(args)).mapEmpty();
    }

    private Future<Response> bounded(Future<Response> call) {
        Promise<Response> result = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> result.tryFail(new TimeoutException(
                "Redis did not answer within " + timeoutMillis + " ms")));
        call.onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
                result.tryComplete(done.result());
            } else {
                result.tryFail(done.cause());
            }
        });
        return result.future();
    }

    private static String script(String name) {
        try (InputStream in = RedisLimitState.class.getResourceAsStream("/redis/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
