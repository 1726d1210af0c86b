package io.vprop.memory.shortterm;

import io.vprop.memory.DecisionRecord;
import io.vprop.memory.TradeRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ShortTermMemory} over a {@link RingStore}: records are JSON entries in two rings per account
 * ({@code vprop:stm:<account>:trades} and {@code :decisions}); statistics are computed from the ring
 * on read, so every backend yields the same numbers.
 */
public final class RingShortTermMemory implements ShortTermMemory {

    private final RingStore store;

    RingShortTermMemory(RingStore store) {
        this.store = store;
    }

    /** The embedded default: in-process rings. */
    public static RingShortTermMemory inProcess(int capacity) {
        return new RingShortTermMemory(new InProcessRingStore(capacity));
    }

    /** Redis-backed rings with automatic in-process fallback, buffering and resync. */
    public static RingShortTermMemory redis(String host, int port, int capacity) {
        RedisRingStore redis = new RedisRingStore(host, port, capacity, Duration.ofMillis(500));
        return new RingShortTermMemory(new ResilientRedisRingStore(redis, 250));
    }

    RingStore store() {
        return store;
    }

    private static void requireAccount(String account) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("account must be non-blank, was " + (account == null ? "null" : "'" + account + "'"));
        }
    }

    static String tradesKey(String account) {
        return "vprop:stm:" + account + ":trades";
    }

    static String decisionsKey(String account) {
        return "vprop:stm:" + account + ":decisions";
    }

    @Override
    public void recordTrade(TradeRecord trade) {
        recordTrades(List.of(trade));
    }

    @Override
    public void recordTrades(List<TradeRecord> trades) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (TradeRecord t : trades) {
            byKey.computeIfAbsent(tradesKey(t.account()), k -> new ArrayList<>()).add(RecordCodec.encode(t));
        }
        store.append(byKey);
    }

    @Override
    public void recordDecision(DecisionRecord decision) {
        store.append(Map.of(decisionsKey(decision.account()), List.of(RecordCodec.encode(decision))));
    }

    @Override
    public List<TradeRecord> recentTrades(String account) {
        requireAccount(account);
        return store.range(tradesKey(account)).stream().map(s -> RecordCodec.decode(s, TradeRecord.class)).toList();
    }

    @Override
    public List<DecisionRecord> recentDecisions(String account) {
        requireAccount(account);
        return store.range(decisionsKey(account)).stream().map(s -> RecordCodec.decode(s, DecisionRecord.class)).toList();
    }

    @Override
    public Map<String, RollingStats> statsBy(String account, Dimension dimension) {
        Map<String, List<TradeRecord>> groups = new TreeMap<>();
        for (TradeRecord t : recentTrades(account)) {
            groups.computeIfAbsent(dimension.keyOf(t), k -> new ArrayList<>()).add(t);
        }
        Map<String, RollingStats> out = new TreeMap<>();
        groups.forEach((k, v) -> out.put(k, RollingStats.of(v)));
        return out;
    }

    @Override
    public RollingStats stats(String account, Dimension dimension, String value) {
        return statsBy(account, dimension).getOrDefault(value, RollingStats.EMPTY);
    }

    @Override
    public int capacity() {
        return store.capacity();
    }

    @Override
    public void close() {
        store.close();
    }
}
