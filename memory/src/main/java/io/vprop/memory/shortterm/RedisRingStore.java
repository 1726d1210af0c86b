package io.vprop.memory.shortterm;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.Pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ring store on a Redis server: one Redis list per key, appended with RPUSH and trimmed with LTRIM in
 * a single pipeline (one round trip per batch). Failures surface as Jedis exceptions; the fallback
 * policy lives in {@link ResilientRedisRingStore}, not here.
 */
final class RedisRingStore implements RingStore {

    private final int capacity;
    private final JedisPool pool;

    RedisRingStore(String host, int port, int capacity, Duration timeout) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("redis port must be in 1..65535, was " + port);
        }
        this.capacity = capacity;
        JedisPoolConfig cfg = new JedisPoolConfig();
        cfg.setMaxTotal(4);
        cfg.setTestOnBorrow(false);
        cfg.setMaxWait(timeout);
        int ms = (int) timeout.toMillis();
        this.pool = new JedisPool(cfg, host, port, ms, ms, null, 0, "vprop-memory");
    }

    @Override
    public void append(Map<String, List<String>> entriesByKey) {
        try (Jedis jedis = pool.getResource()) {
            Pipeline p = jedis.pipelined();
            entriesByKey.forEach((key, entries) -> {
                if (!entries.isEmpty()) {
                    p.rpush(key, entries.toArray(String[]::new));
                    p.ltrim(key, -capacity, -1);
                }
            });
            p.sync();
        }
    }

    /** Atomically replaces the ring's content (MULTI/EXEC): used to resync after an outage. */
    void replace(String key, List<String> entries) {
        try (Jedis jedis = pool.getResource()) {
            var tx = jedis.multi();
            tx.del(key);
            if (!entries.isEmpty()) {
                tx.rpush(key, entries.toArray(String[]::new));
                tx.ltrim(key, -capacity, -1);
            }
            tx.exec();
        }
    }

    @Override
    public List<String> range(String key) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.lrange(key, 0, -1);
        }
    }

    /** True if the server answers PING now. */
    boolean ping() {
        try (Jedis jedis = pool.getResource()) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        pool.close();
    }
}
