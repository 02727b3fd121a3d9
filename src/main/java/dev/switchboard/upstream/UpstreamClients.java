package dev.switchboard.upstream;

import dev.switchboard.routing.Provider;
import dev.switchboard.routing.Routing;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * One pooled keep-alive Vert.x {@link HttpClient} per provider, on Quarkus's own Vert.x. The data path uses the raw
 * client rather than a typed REST client so that bytes are relayed as they arrive, never bound and re-serialised.
 */
@ApplicationScoped
public class UpstreamClients {

    private final Map<String, HttpClient> clients = new HashMap<>();
    private final Map<String, UpstreamAddress> addresses = new HashMap<>();

    public UpstreamClients(Vertx vertx, Routing routing) {
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
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(provider.maxConnections()).setMaxWaitQueueSize(-1);
            clients.put(provider.name(), vertx.createHttpClient(options, pool));
            addresses.put(provider.name(), UpstreamAddress.of(provider));
        }
    }

    /** The client for {@code provider}. */
    public HttpClient client(Provider provider) {
        return clients.get(provider.name());
    }

    /** Where {@code provider} listens. */
    UpstreamAddress address(Provider provider) {
        return addresses.get(provider.name());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
