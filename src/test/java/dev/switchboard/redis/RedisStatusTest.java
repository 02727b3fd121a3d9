package dev.switchboard.redis;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One warning when an outage starts, one line when it ends, nothing per failed call in between. */
class RedisStatusTest {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final ExtHandler handler = new ExtHandler() {
        @Override
        protected void doPublish(ExtLogRecord record) {
            records.add(record);
        }
    };
    private final Logger logger = Logger.getLogger(RedisStatus.class.getName());

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(handler);
    }

    @Test
    void warnsOncePerOutageAndSaysWhenItEnds() {
        RedisStatus status = new RedisStatus(true, 0);
        assertNull(status.outage());

        for (int i = 0; i < 50; i++) {
            status.failed(new IOException("Connection refused"), "limits");
        }
        assertNotNull(status.outage());
        assertTrue(status.outage().reason().contains("Connection refused"));
        assertEquals(1, records.stream().filter(r -> r.getLevel() == org.jboss.logmanager.Level.WARN).count());

        status.succeeded();
        status.succeeded();
        assertNull(status.outage());
        assertEquals(1, records.stream().filter(r -> r.getLevel() == org.jboss.logmanager.Level.INFO).count());

        status.failed(new IOException("Connection refused"), "limits");
        assertEquals(2, records.stream().filter(r -> r.getLevel() == org.jboss.logmanager.Level.WARN).count());
    }

    @Test
    void keepsToLocalStateForTheRetryPeriodAfterAFailure() {
        RedisStatus status = new RedisStatus(true, 60_000_000_000L);
        assertTrue(status.useRedis());
        status.failed(new IOException("Connection refused"), "limits");
        assertFalse(status.useRedis());
        status.succeeded();
        assertTrue(status.useRedis());
        assertFalse(new RedisStatus(false, 0).useRedis());
    }
}
