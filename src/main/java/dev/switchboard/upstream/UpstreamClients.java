package dev.switchboard.upstream;

import dev.switchboard.routing.Provider;
import dev.switchboard.routing.Routing;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pooled keep-alive Vert.x {@link HttpClient}s per provider, on Quarkus's own Vert.x: one per event loop, so that a
 * request read on a loop is sent, and its answer relayed, on connections of that same loop. With one shared client a
 * connection opened by one loop serves requests of the others, and every upstream chunk and every flow-control signal
 * then crosses threads (measured: about three context switches per relayed event at low load). The provider's
 * {@code max_connections} is shared evenly among the loops. The data path uses the raw client rather than a typed REST
 * client so that bytes are relayed as they arrive, never bound and re-serialised.
 */
@ApplicationScoped
public class UpstreamClients {

    private final EventLoop[] loops;
    private final Map<String, HttpClient[]> clients = new HashMap<>();
    private final Map<String, UpstreamAddress> addresses = new HashMap<>();

    public UpstreamClients(Vertx vertx, Routing routing) {
        List<EventLoop> found = new ArrayList<>();
        for (EventExecutor executor : ((VertxInternal) vertx).getEventLoopGroup()) {
            found.add((EventLoop) executor);
        }
        this.loops = found.toArray(EventLoop[]::new);
        for (Provider provider : routing.providers().values()) {
            HttpClientOptions options = new HttpClientOptions()
                    .setKeepAlive(true)
                    .setKeepAliveTimeout(60)
                    .setTcpNoDelay(true)
                    .setTryUseCompression(false) // relay the upstream's bytes as they are
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, provider.connectTimeout().toMillis()))
                    .setMaxInitialLineLength(16 * 1024)
                    .setMaxHeaderSize(64 * 1024)
                    .setName("switchboard-" + provider.name());
            if (provider.baseUrl().startsWith("https:")) {
                options.setSsl(true).setUseAlpn(true);
            }
            int perLoop = perLoop(provider.maxConnections(), loops.length);
            HttpClient[] perLoopClients = new HttpClient[loops.length];
            for (int i = 0; i < loops.length; i++) {
                // eventLoopSize 0 (the default): a connection lives on the loop of the request that opened it
                perLoopClients[i] = vertx.createHttpClient(options,
                        new PoolOptions().setHttp1MaxSize(perLoop).setMaxWaitQueueSize(-1));
            }
            clients.put(provider.name(), perLoopClients);
            addresses.put(provider.name(), UpstreamAddress.of(provider));
        }
    }

    /** Each loop's share of {@code maxConnections}, rounded up so the loops together hold at least that many. */
    static int perLoop(int maxConnections, int loops) {
        return Math.max(1, (maxConnections + loops - 1) / loops);
    }

    /** The client for {@code provider} that belongs to the calling event loop (the first one off the loops). */
    public HttpClient client(Provider provider) {
        return clients.get(provider.name())[loopIndex()];
    }

    /** Where {@code provider} listens. */
    UpstreamAddress address(Provider provider) {
        return addresses.get(provider.name());
    }

    private int loopIndex() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && context.isEventLoopContext()) {
            EventLoop loop = internal.nettyEventLoop();
            for (int i = 0; i < loops.length; i++) {
                if (loops[i] == loop) {
                    return i;
                }
            }
        }
        return 0;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(perLoop -> {
            for (HttpClient client : perLoop) {
                client.close();
            }
        });
    }
}
