package io.vprop.memory.shortterm;

import io.vprop.memory.DecisionRecord;
import io.vprop.memory.TradeRecord;

import java.util.List;
import java.util.Map;

/**
 * The last N trades and decisions per account, with rolling statistics over that window.
 * Feeds alpha selection. Implementations: {@link RingShortTermMemory} over an in-process
 * ({@link InProcessRingStore}) or Redis ({@link ResilientRedisRingStore}) ring.
 */
public interface ShortTermMemory extends AutoCloseable {

    /** Default ring length per account and kind. */
    int DEFAULT_CAPACITY = 1000;

    void recordTrade(TradeRecord trade);

    /** Records several trades in one round trip (pipelined on Redis). */
    void recordTrades(List<TradeRecord> trades);

    void recordDecision(DecisionRecord decision);

    /** The account's most recent trades, oldest first, at most {@link #capacity()}. */
    List<TradeRecord> recentTrades(String account);

    /** The account's most recent decisions, oldest first, at most {@link #capacity()}. */
    List<DecisionRecord> recentDecisions(String account);

    /** Rolling statistics of the account's window, one entry per value of the dimension (e.g. per alpha). */
    Map<String, RollingStats> statsBy(String account, Dimension dimension);

    /** Rolling statistics of the account's window restricted to one value (e.g. alpha "breakout"); EMPTY if none. */
    RollingStats stats(String account, Dimension dimension, String value);

    int capacity();

    @Override
    void close();
}
