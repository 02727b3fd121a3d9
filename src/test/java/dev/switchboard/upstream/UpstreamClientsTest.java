package dev.switchboard.upstream;

import dev.switchboard.routing.Provider;
import dev.switchboard.routing.Routing;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each event loop relays on its own connections: the client a request gets is the one of the loop it runs on. */
@QuarkusTest
class UpstreamClientsTest {

    @Inject
    UpstreamClients clients;

    @Inject
    Routing routing;

    @Inject
    Vertx vertx;

    @Test
    void givesEachEventLoopItsOwnClientAndTheSameOneEveryTime() throws Exception {
        Provider provider = routing.providers().get("sim-a");
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : ((VertxInternal) vertx).getEventLoopGroup()) {
            loops.add((EventLoop) executor);
        }
        assertTrue(loops.size() > 1, "the test needs more than one event loop, has " + loops.size());

        Map<HttpClient, EventLoop> owners = new IdentityHashMap<>();
        for (EventLoop loop : loops) {
            HttpClient first = clientOn(loop, provider);
            assertSame(first, clientOn(loop, provider), "a loop keeps its client");
            owners.put(first, loop);
        }
        assertEquals(loops.size(), owners.size(), "no two loops share a client");
    }

    @Test
    void sharesMaxConnectionsAmongTheLoopsRoundingUp() {
        assertEquals(50, UpstreamClients.perLoop(100, 2));
        assertEquals(3, UpstreamClients.perLoop(5, 2), "the loops together hold at least max_connections");
        assertEquals(1, UpstreamClients.perLoop(2, 4), "every loop can open a connection");
    }

    private HttpClient clientOn(EventLoop loop, Provider provider) throws Exception {
        ContextInternal context = ((VertxInternal) vertx).createEventLoopContext(loop, null,
                Thread.currentThread().getContextClassLoader());
        CompletableFuture<HttpClient> client = new CompletableFuture<>();
        context.runOnContext(v -> client.complete(clients.client(provider)));
        return client.get(5, TimeUnit.SECONDS);
    }
}
