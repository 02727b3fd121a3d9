package dev.switchboard.routing;

import dev.switchboard.redis.RedisStatus;
import dev.switchboard.config.SwitchboardConfig;
import io.vertx.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Prefix ownership shared by replicas: which target served a prefix key, kept in this process and, with
 * {@code switchboard.redis.enabled}, in Redis for an hour. Nothing waits on Redis: a local miss starts a fetch whose
 * answer serves the prefix's next request, and records are written behind. Without Redis, or while it is down, this
 * is the in-memory table alone.
 */
@ApplicationScoped
public class SharedPrefixOwnership implements PrefixOwnership {

    private static final String TTL_SECONDS = "3600";

    private final InMemoryPrefixOwnership local = new InMemoryPrefixOwnership();
    private final RedisAPI redis;
    private final RedisStatus outage;
    private final String prefix;

    @Inject
    public SharedPrefixOwnership(SwitchboardConfig config, Instance<RedisAPI> redis, RedisStatus outage) {
        this(config.redis().enabled() ? redis.get() : null, outage, config.redis().keyPrefix());
    }

    /**
     * @param redis     the shared store, or null to keep ownership in this process
     * @param keyPrefix {@code switchboard.redis.key_prefix}
     */
    public SharedPrefixOwnership(RedisAPI redis, RedisStatus outage, String keyPrefix) {
        this.redis = redis;
        this.outage = outage;
        this.prefix = keyPrefix + "prefix:";
    }

    @Override
    public Optional<String> owner(String group, String prefixKey) {
        Optional<String> known = local.owner(group, prefixKey);
        if (known.isEmpty() && redis != null && outage.useRedis()) {
            redis.get(key(group, prefixKey)).onSuccess(answer -> {
                outage.succeeded();
                if (answer != null) {
                    local.record(group, prefixKey, answer.toString());
                }
            }).onFailure(failure -> outage.failed(failure, "prefix ownership lookups"));
        }
        return known;
    }

    @Override
    public void record(String group, String prefixKey, String targetId) {
        boolean changed = !local.owner(group, prefixKey).map(targetId::equals).orElse(false);
        local.record(group, prefixKey, targetId);
        if (changed && redis != null && outage.useRedis()) {
            redis.set(List.of(key(group, prefixKey), targetId, "EX", TTL_SECONDS))
                    .onFailure(failure -> outage.failed(failure, "prefix ownership records"));
        }
    }

    private String key(String group, String prefixKey) {
        return prefix + group + ":" + prefixKey;
    }
}
