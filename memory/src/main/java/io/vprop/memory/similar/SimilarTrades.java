package io.vprop.memory.similar;

import io.vprop.memory.TradeRecord;
import io.vprop.memory.index.Neighbor;
import io.vprop.memory.index.VectorIndex;
import io.vprop.memory.longterm.LongTermMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "How did setups like this one end?": the k nearest past entry feature vectors in the similarity
 * index, joined with their outcomes from the long-term store.
 */
public final class SimilarTrades {

    private final VectorIndex index;
    private final LongTermMemory store;

    public SimilarTrades(VectorIndex index, LongTermMemory store) {
        this.index = index;
        this.store = store;
    }

    /** Outcomes of the {@code k} past trades whose entry features are nearest to {@code features}. */
    public SimilarOutcomes similarTo(float[] features, int k) {
        List<Neighbor> hits = index.search(features, k);
        long[] ids = hits.stream().mapToLong(Neighbor::id).toArray();
        Map<Long, TradeRecord> byId = new HashMap<>();
        for (TradeRecord t : store.trades(ids)) {
            byId.put(t.id(), t);
        }
        List<SimilarOutcomes.SimilarTrade> out = new ArrayList<>(hits.size());
        for (Neighbor h : hits) {
            TradeRecord t = byId.get(h.id());
            if (t == null) {
                // The index is a cache of the store; an id it knows but the store lacks is a bug upstream.
                throw new IllegalStateException("similarity index returned trade id " + h.id() + " missing from the long-term store");
            }
            out.add(new SimilarOutcomes.SimilarTrade(t.id(), h.distance(), t.symbol(), t.alpha(), t.regime(), t.pnl(),
                    t.rMultiple(), t.exitReason(), t.entryTimeMs()));
        }
        return SimilarOutcomes.of(out);
    }
}
