package io.vprop.memory.shortterm;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vprop.memory.TestTrades;
import io.vprop.memory.TradeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract suite against a real redis-server, plus the outage/resync behaviour. */
class RedisShortTermMemoryTest extends ShortTermMemoryContract {

    private static RedisServerProcess server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = new RedisServerProcess();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @Override
    protected ShortTermMemory create(int capacity) {
        return RingShortTermMemory.redis("127.0.0.1", server.port(), capacity);
    }

    @Test
    void ringsSurviveTheSidecarProcessBecauseTheyLiveInRedis() throws Exception {
        try (ShortTermMemory first = create(100)) {
            first.recordTrade(TestTrades.trade(1, "acc-persist", 5));
        }
        try (ShortTermMemory second = create(100)) {
            second.recordTrade(TestTrades.trade(2, "acc-persist", 6));
            assertThat(second.recentTrades("acc-persist")).extracting(TradeRecord::id).containsExactly(1L, 2L);
        }
    }

    @Test
    void redisKilledMidRunFallsBackBuffersAndResyncsEverything() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ResilientRedisRingStore.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (RedisServerProcess own = new RedisServerProcess()) {
            RingShortTermMemory m = RingShortTermMemory.redis("127.0.0.1", own.port(), 1000);
            ResilientRedisRingStore store = (ResilientRedisRingStore) m.store();
            for (long id = 1; id <= 60; id++) {
                m.recordTrade(TestTrades.trade(id, "acc-outage", id % 2 == 0 ? 10 : -5));
            }
            own.kill();
            for (long id = 61; id <= 120; id++) {
                m.recordTrade(TestTrades.trade(id, "acc-outage", 7)); // must not throw
            }
            assertThat(store.redisAvailable()).isFalse();
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Redis unavailable"));
            // Reads keep working from the in-process mirror while Redis is down.
            assertThat(m.recentTrades("acc-outage")).extracting(TradeRecord::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 120).boxed().toList());

            own.start(); // same port, empty: it had no persistence
            store.tryResync();
            assertThat(store.redisAvailable()).isTrue();
            m.recordTrade(TestTrades.trade(121, "acc-outage", 1));

            // A fresh client reads Redis itself: everything acknowledged before, during and after the outage.
            try (ShortTermMemory reader = RingShortTermMemory.redis("127.0.0.1", own.port(), 1000)) {
                assertThat(reader.recentTrades("acc-outage")).extracting(TradeRecord::id)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 121).boxed().toList());
            }
            m.close();
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void backgroundReconnectResyncsWithoutAnyFurtherWrite() throws Exception {
        try (RedisServerProcess own = new RedisServerProcess()) {
            RingShortTermMemory m = RingShortTermMemory.redis("127.0.0.1", own.port(), 1000);
            ResilientRedisRingStore store = (ResilientRedisRingStore) m.store();
            own.kill();
            m.recordTrade(TestTrades.trade(1, "acc-bg", 3));
            assertThat(store.redisAvailable()).isFalse();
            own.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!store.redisAvailable() && System.nanoTime() < deadline) {
                Thread.sleep(25);
            }
            assertThat(store.redisAvailable()).as("reconnected by the background task").isTrue();
            try (ShortTermMemory reader = RingShortTermMemory.redis("127.0.0.1", own.port(), 1000)) {
                assertThat(reader.recentTrades("acc-bg")).extracting(TradeRecord::id).containsExactly(1L);
            }
            m.close();
        }
    }

    @Test
    void hungRedisTimesOutFallsBackAndMergesWithWhatItStillHolds() throws Exception {
        try (RedisServerProcess own = new RedisServerProcess()) {
            try (ShortTermMemory earlier = RingShortTermMemory.redis("127.0.0.1", own.port(), 1000)) {
                earlier.recordTrade(TestTrades.trade(1, "acc-hung", 1));
                earlier.recordTrade(TestTrades.trade(2, "acc-hung", 1));
            }
            own.pause();
            RingShortTermMemory m = RingShortTermMemory.redis("127.0.0.1", own.port(), 1000);
            ResilientRedisRingStore store = (ResilientRedisRingStore) m.store();
            try {
                m.recordTrade(TestTrades.trade(3, "acc-hung", 1)); // times out (500 ms), falls back, buffered
                assertThat(store.redisAvailable()).isFalse();
                assertThat(m.recentTrades("acc-hung")).extracting(TradeRecord::id).containsExactly(3L);
            } finally {
                own.resume();
            }
            store.tryResync();
            assertThat(store.redisAvailable()).isTrue();
            assertThat(m.recentTrades("acc-hung")).extracting(TradeRecord::id).containsExactly(1L, 2L, 3L);
            try (ShortTermMemory reader = RingShortTermMemory.redis("127.0.0.1", own.port(), 1000)) {
                assertThat(reader.recentTrades("acc-hung")).extracting(TradeRecord::id).containsExactly(1L, 2L, 3L);
            }
            m.close();
        }
    }
}
