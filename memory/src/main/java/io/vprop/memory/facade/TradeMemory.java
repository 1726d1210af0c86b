package io.vprop.memory.facade;

import io.vprop.memory.DecisionRecord;
import io.vprop.memory.TradeRecord;
import io.vprop.memory.index.IndexFiles;
import io.vprop.memory.index.VectorIndex;
import io.vprop.memory.longterm.LongTermMemory;
import io.vprop.memory.longterm.SqliteLongTermMemory;
import io.vprop.memory.shortterm.RingShortTermMemory;
import io.vprop.memory.shortterm.ShortTermMemory;
import io.vprop.memory.similar.IndexLoader;
import io.vprop.memory.similar.SimilarOutcomes;
import io.vprop.memory.similar.SimilarTrades;

/**
 * The one entry point the sidecar wires: records each closed trade into the long-term store (durable
 * first), the similarity index and the short-term ring, and answers the signal engine and the panel.
 */
public final class TradeMemory implements AutoCloseable {

    private final MemoryConfig config;
    private final LongTermMemory longTerm;
    private final ShortTermMemory shortTerm;
    private final VectorIndex index;
    private final IndexFiles indexFiles;
    private final SimilarTrades similar;
    private final IndexLoader.Opened opened;

    private TradeMemory(MemoryConfig config, LongTermMemory longTerm, ShortTermMemory shortTerm, IndexLoader.Opened opened,
                        IndexFiles indexFiles) {
        this.config = config;
        this.longTerm = longTerm;
        this.shortTerm = shortTerm;
        this.opened = opened;
        this.index = opened.index();
        this.indexFiles = indexFiles;
        this.similar = new SimilarTrades(index, longTerm);
    }

    /** Opens the SQLite store (migrating it), the short-term store and the index (loaded or rebuilt). */
    public static TradeMemory open(MemoryConfig config) {
        LongTermMemory lt = SqliteLongTermMemory.open(config.dataDir().resolve("trades.sqlite"));
        ShortTermMemory st = null;
        try {
            st = config.redisHost() == null
                    ? RingShortTermMemory.inProcess(config.capacity())
                    : RingShortTermMemory.redis(config.redisHost(), config.redisPort(), config.capacity());
            IndexFiles files = new IndexFiles(config.dataDir(), "similarity-" + config.index().kind());
            IndexLoader.Opened opened = IndexLoader.open(config.index(), files, lt);
            return new TradeMemory(config, lt, st, opened, files);
        } catch (RuntimeException e) {
            if (st != null) {
                st.close();
            }
            lt.close();
            throw e;
        }
    }

    /**
     * Records a closed trade. The feature vector must have the index dimension (checked before anything
     * is written). Durable once this returns: the SQLite insert commits first.
     */
    public synchronized void recordTrade(TradeRecord trade) {
        VectorIndex.checkVector("features of trade " + trade.id(), trade.features(), index.dimension());
        longTerm.insertTrade(trade);
        index.add(trade.id(), trade.features());
        shortTerm.recordTrade(trade);
    }

    public void recordDecision(DecisionRecord decision) {
        longTerm.insertDecision(decision);
        shortTerm.recordDecision(decision);
    }

    /** For the signal engine's quality score Q* and the panel's learning page. */
    public SimilarOutcomes similarTo(float[] features, int k) {
        return similar.similarTo(features, k);
    }

    /** Persists the index with its header (also done at close); a crash before just means a rebuild at start. */
    public synchronized void saveIndex() {
        indexFiles.save(index, longTerm.featureFingerprint(index.dimension()));
    }

    public ShortTermMemory shortTerm() {
        return shortTerm;
    }

    public LongTermMemory longTerm() {
        return longTerm;
    }

    public VectorIndex index() {
        return index;
    }

    /** Whether the index was rebuilt at open and why (or where it was loaded from). */
    public IndexLoader.Opened indexOpenResult() {
        return opened;
    }

    public MemoryConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        try {
            saveIndex();
        } finally {
            index.close();
            shortTerm.close();
            longTerm.close();
        }
    }
}
