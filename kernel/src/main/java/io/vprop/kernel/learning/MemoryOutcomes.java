package io.vprop.kernel.learning;

import io.vprop.memory.facade.TradeMemory;
import io.vprop.memory.similar.SimilarOutcomes;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

import java.util.function.Supplier;

/**
 * The signal engine's "how did setups like this one end?" answered by trade memory: the k nearest past entries
 * (FAISS or the Java index) over {@link EntryFeatures}. The engine comes through a supplier because the vector is
 * read from the engine's own features and the engine is built with this port.
 */
final class MemoryOutcomes implements SimilarTradeOutcomes {
    private static final int K = 20;
    private final TradeMemory memory;
    private final Supplier<SignalEngine> engine;
    private SimilarOutcomes last;

    MemoryOutcomes(TradeMemory memory, Supplier<SignalEngine> engine) {
        this.memory = memory;
        this.engine = engine;
    }

    /** The neighbours behind the latest answer, for the decision's record and the learning page. */
    SimilarOutcomes last() { return last; }

    @Override
    public Stats similar(String symbol, AlphaId alpha, Regime regime, int direction) {
        SignalEngine e = engine.get();
        if (e == null) return Stats.NONE;
        last = memory.similarTo(EntryFeatures.of(e, symbol, direction), K);
        return last.n() == 0 ? Stats.NONE : new Stats(last.n(), last.winRate(), last.meanR());
    }
}
