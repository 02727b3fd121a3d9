package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.RedisStatus;
import dev.switchboard.testing.Services;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits shared through the real Redis on 127.0.0.1:6379: the running router and a second replica (its own Redis
 * client and limit state, as another router process would have) count against the same counters; and a Redis that
 * cannot be reached leaves requests served on local counters.
 */
@QuarkusTest
@TestProfile(RedisSharedLimitsTest.WithRedis.class)
class RedisSharedLimitsTest {

    /** The test profile with Redis shared state on, under a key prefix of its own for this run. */
    public static class WithRedis implements QuarkusTestProfile {
        static final String PREFIX = "switchboard-test-" + UUID.randomUUID() + ":";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.redis.enabled", "true", "switchboard.redis.key_prefix", PREFIX,
                    "quarkus.redis.hosts", "redis://127.0.0.1:6379", "switchboard.redis.slot_lease", "3s");
        }
    }

    @Inject
    SwitchboardConfig config;

    @Inject
    Vertx vertx;

    private Redis client;
    private RedisAPI api;

    @BeforeEach
    void connect() {
        Services.require("Redis", 6379);
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:6379"));
        api = RedisAPI.api(client);
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static int ask(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body("{\"model\":\"llama\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().extract().statusCode();
    }

    @Test
    void aSecondReplicaSeesTheRequestsTheRouterCountedInRedis() throws Exception {
        RedisLimitState otherReplica = new RedisLimitState(api, vertx, config);
        LimitScope rpm = new LimitScope("caller", "rpm-limited", 0, 3, 0);

        assertEquals(200, ask(TestTokens.RPM_LIMITED));
        assertEquals(200, ask(TestTokens.RPM_LIMITED));
        assertNull(otherReplica.take(List.of(rpm), 1).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS),
                "the other replica takes the third request of the minute");

        assertEquals(429, ask(TestTokens.RPM_LIMITED), "the router must see the other replica's request");
        String stored = api.hget(WithRedis.PREFIX + "limits:caller:rpm-limited", "req")
                .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).toString();
        assertTrue(Double.parseDouble(stored) < 1, stored);
    }

    @Test
    void sharesPrefixOwnershipWithAnotherReplica() throws Exception {
        String prompt = "You are the assistant of tenant " + UUID.randomUUID() + ". ".repeat(40);
        String key = given().contentType(ContentType.JSON).header("X-Switchboard-Prefix-Key", "true")
                .body("{\"model\":\"sticky\",\"max_tokens\":1,\"messages\":[{\"role\":\"system\",\"content\":\""
                        + prompt + "\"},{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200).extract().header("X-Switchboard-Prefix-Key");
        String target = given().contentType(ContentType.JSON)
                .body("{\"model\":\"sticky\",\"max_tokens\":1,\"messages\":[{\"role\":\"system\",\"content\":\""
                        + prompt + "\"},{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200).extract().header("X-Switchboard-Target");

        dev.switchboard.routing.SharedPrefixOwnership otherReplica = new dev.switchboard.routing.SharedPrefixOwnership(
                api, new RedisStatus(true, 5_000_000_000L), WithRedis.PREFIX);
        assertTrue(otherReplica.owner("sticky", key).isEmpty(), "a replica's first look is local only");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
                .until(() -> otherReplica.owner("sticky", key).isPresent());
        assertEquals(target, otherReplica.owner("sticky", key).orElseThrow());
    }

    @Test
    void twoReplicasNeverBothTakeTheLastSlot() throws Exception {
        RedisLimitState a = new RedisLimitState(api, vertx, config);
        Redis otherClient = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:6379"));
        RedisLimitState b = new RedisLimitState(RedisAPI.api(otherClient), vertx, config);
        LimitScope single = new LimitScope("caller", "single-" + UUID.randomUUID(), 1, 0, 0);
        try {
            Refusal first = a.take(List.of(single), 1).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            Refusal second = b.take(List.of(single), 1).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertNull(first);
            assertEquals("max_concurrent", second.limit());

            a.give(List.of(single), 0).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertNull(b.take(List.of(single), 1).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS));
        } finally {
            otherClient.close();
        }
    }

    @Test
    void slotsOfAReplicaThatStoppedRenewingFreeThemselves() throws Exception {
        // given another replica, with a one-second lease, that holds the only slot of caller one-at-a-time
        LimitScope single = new LimitScope("caller", "one-at-a-time", 1, 0, 0);
        RedisLimitState dying = new RedisLimitState(api, vertx, config, 1_000);
        assertNull(dying.take(List.of(single), 1).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS));
        assertEquals(429, ask(TestTokens.ONE_AT_A_TIME), "the other replica's slot counts while its lease lives");

        // when that replica stops renewing (it died mid-request, its slot never given back)
        long start = System.nanoTime();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> ask(TestTokens.ONE_AT_A_TIME) == 200);

        // then the caller is served again within seconds, not the key's ten minutes
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3_000, "took " + millis + " ms");
    }

    @Test
    void servesOnLocalCountersWhenRedisIsDown() throws Exception {
        Redis nowhere = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
        RedisLimitState down = new RedisLimitState(RedisAPI.api(nowhere), vertx, config);
        SharedLimitState shared = new SharedLimitState(down, new RedisStatus(true, 5_000_000_000L), vertx);
        LimitScope scope = new LimitScope("caller", "fallback-" + UUID.randomUUID(), 1, 0, 0);
        try {
            assertNull(shared.take(List.of(scope), 1).toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS));
            assertEquals(1, shared.localInFlight(scope), "the slot was taken on local counters");
            assertEquals("max_concurrent", shared.take(List.of(scope), 1).toCompletionStage().toCompletableFuture()
                    .get(3, TimeUnit.SECONDS).limit());
        } finally {
            nowhere.close();
        }
    }
}
