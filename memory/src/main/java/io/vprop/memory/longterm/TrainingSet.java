package io.vprop.memory.longterm;

import java.util.List;

/**
 * Features and labels for model training, time-ordered by entry.
 *
 * @param asOfMs every label was known at this instant (exit time &lt;= asOfMs)
 */
record TrainingSet(long asOfMs, List<Row> rows) {

    public TrainingSet {
        rows = List.copyOf(rows);
    }

    /**
     * One example: what was known at entry (features, context) and what happened (labels).
     *
     * @param won       label: pnl &gt; 0
     * @param rMultiple label: realised R multiple
     */
    public record Row(long tradeId, long entryTimeMs, long exitTimeMs, String symbol, String alpha, String regime,
                      float[] features, boolean won, double rMultiple) {}
}
