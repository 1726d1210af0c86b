package io.vprop.memory.shortterm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Redis ring store that survives Redis going away.
 *
 * <p>Every write goes to an in-process mirror first, then to Redis. If Redis fails, the store logs a
 * warning and switches to the mirror (reads and writes keep working, writes are buffered there). A
 * background task pings Redis; once it answers, every ring this process knows is rewritten in Redis
 * from the mirror (MULTI/EXEC) — or, for a ring first touched during the outage, appended to what Redis
 * still holds — then Redis is used again. Rewriting whole rings rather than replaying a
 * queue also covers a Redis that restarted empty (no persistence) and a pipeline that failed half way.
 *
 * <p>Assumption: one sidecar process owns an account's rings (the rings are this process's memory,
 * Redis makes them survive a sidecar restart and visible to other readers). A second writer to the
 * same account during an outage would be overwritten by the resync.
 */
final class ResilientRedisRingStore implements RingStore {

    private static final Logger log = LoggerFactory.getLogger(ResilientRedisRingStore.class);

    private final RedisRingStore redis;
    private final InProcessRingStore mirror;
    private final Set<String> seeded = new HashSet<>();
    private final Set<String> dirtyDuringOutage = new HashSet<>();
    private final ScheduledExecutorService reconnector;
    private boolean redisUp = true;

    ResilientRedisRingStore(RedisRingStore redis, long reconnectEveryMs) {
        this.redis = redis;
        this.mirror = new InProcessRingStore(redis.capacity());
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vprop-redis-reconnect");
            t.setDaemon(true);
            return t;
        });
        reconnector.scheduleWithFixedDelay(this::tryResync, reconnectEveryMs, reconnectEveryMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void append(Map<String, List<String>> entriesByKey) {
        entriesByKey.keySet().forEach(this::seedFromRedis);
        mirror.append(entriesByKey);
        if (redisUp) {
            try {
                redis.append(entriesByKey);
                return;
            } catch (JedisException e) {
                markDown(e);
            }
        }
        dirtyDuringOutage.addAll(entriesByKey.keySet());
    }

    @Override
    public synchronized List<String> range(String key) {
        seedFromRedis(key);
        return mirror.range(key);
    }

    /** True while Redis is being used; false while writes are buffered in the mirror. */
    synchronized boolean redisAvailable() {
        return redisUp;
    }

    /** Rings written while Redis was down and not yet resynced. */
    synchronized int pendingRings() {
        return dirtyDuringOutage.size();
    }

    /**
     * The mirror holds everything this process wrote, but a ring written by an earlier process exists
     * only in Redis: load it once, on first touch, so reads and resyncs see the whole ring.
     */
    private void seedFromRedis(String key) {
        if (seeded.contains(key) || !redisUp) {
            return;
        }
        try {
            mirror.replace(key, redis.range(key));
            seeded.add(key);
        } catch (JedisException e) {
            markDown(e);
        }
    }

    private void markDown(JedisException e) {
        redisUp = false;
        log.warn("Redis unavailable ({}); short-term memory continues in-process, writes are buffered and will be resynced",
                e.getMessage());
    }

    /** Runs on the reconnect thread; public for tests that want to force an attempt. */
    synchronized void tryResync() {
        if (redisUp || !redis.ping()) {
            return;
        }
        try {
            List<String> keys = mirror.keys();
            for (String key : keys) {
                if (seeded.contains(key)) {
                    redis.replace(key, mirror.range(key)); // the mirror holds the whole ring
                } else {
                    // First touched during the outage: the mirror holds only what was written since, while
                    // Redis may still hold older entries (a hung, not restarted, server). Append, then adopt.
                    redis.append(Map.of(key, mirror.range(key)));
                    mirror.replace(key, redis.range(key));
                    seeded.add(key);
                }
            }
            log.warn("Redis is back; resynced {} ring(s) ({} written during the outage)", keys.size(), dirtyDuringOutage.size());
            dirtyDuringOutage.clear();
            redisUp = true;
        } catch (JedisException e) {
            log.warn("Redis resync failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public int capacity() {
        return redis.capacity();
    }

    @Override
    public synchronized void close() {
        reconnector.shutdownNow();
        if (!redisUp) {
            tryResyncOnce();
        }
        redis.close();
        mirror.close();
    }

    private void tryResyncOnce() {
        if (redis.ping()) {
            tryResync();
        }
        if (!redisUp) {
            log.warn("closing with {} ring(s) not resynced to Redis (Redis still down)", dirtyDuringOutage.size());
        }
    }
}
