package io.vprop.strategy;

import io.vprop.memory.facade.TradeMemory;
import io.vprop.memory.similar.SimilarOutcomes;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * The signal engine's "how did setups like this one end?" answered by trade memory: the k nearest past entries
 * (FAISS or the Java index) over {@link EntryFeatures}. The engine is set after construction because the vector
 * is read from the engine's own features.
 */
final class MemoryOutcomes implements SimilarTradeOutcomes {
    private static final int K = 20;
    private final TradeMemory memory;
    private SignalEngine engine;
    private SimilarOutcomes last;

    public MemoryOutcomes(TradeMemory memory) { this.memory = memory; }

    void attach(SignalEngine engine) { this.engine = engine; }

    /** The neighbours behind the latest answer, for the decision's record and the learning page. */
    SimilarOutcomes last() { return last; }

    @Override
    public Stats similar(String symbol, AlphaId alpha, Regime regime, int direction) {
        if (engine == null) return Stats.NONE;
        last = memory.similarTo(EntryFeatures.of(engine, symbol, direction), K);
        return last.n() == 0 ? Stats.NONE : new Stats(last.n(), last.winRate(), last.meanR());
    }
}
