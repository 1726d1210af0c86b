package io.vprop.memory.longterm;

import io.vprop.memory.DecisionRecord;
import io.vprop.memory.TradeRecord;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The complete, durable record of every trade and decision. A call that returns has committed: the
 * record survives a crash of the process (kill -9) from then on.
 */
public interface LongTermMemory extends AutoCloseable {

    /** Inserts one trade; a duplicate id is rejected with an IllegalArgumentException naming it. */
    void insertTrade(TradeRecord trade);

    /** Inserts the trades in one transaction: all or none. */
    void insertTrades(Collection<TradeRecord> trades);

    void insertDecision(DecisionRecord decision);

    Optional<TradeRecord> trade(long id);

    /** The trades with these ids that exist, in the order of {@code ids}. */
    List<TradeRecord> trades(long[] ids);

    long tradeCount();

    /** Streams every trade in id order (index rebuilds, exports) without loading all into memory. */
    void forEachTrade(Consumer<TradeRecord> consumer);

    /** Streams the trades of one account by exit time (then id): what a restarted strategy learns again. */
    void forEachTradeOf(String account, Consumer<TradeRecord> consumer);

    /**
     * Fingerprint of the set of trades with an entry feature vector of {@code dimension} components;
     * a persisted similarity index built from a different set is stale.
     */
    String featureFingerprint(int dimension);

    /**
     * Training rows for the models, ordered by entry time, containing only trades whose outcome was
     * known at {@code asOfMs} (exit time &lt;= asOfMs): no lookahead when training "as of" a moment.
     */
    TrainingSet trainingSet(long fromEntryMs, long asOfMs);

    List<DecisionRecord> decisions(String account, long fromMs, long toMs);

    /** Schema version of the open database (after migrations). */
    int schemaVersion();

    @Override
    void close();
}
