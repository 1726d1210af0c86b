package io.vprop.research.walkforward;

/**
 * One walk-forward fold: parameters are chosen on [trainFromMs, testFromMs) and traded on [testFromMs, testToMs).
 * Times are UTC epoch ms at 00:00.
 *
 * @param index      0-based, in time order
 * @param embargoMs  training trades whose lifetime reaches into [testFromMs − embargoMs, testToMs + embargoMs)
 *                   are dropped from the selection (see {@link TrainWindow})
 */
public record Fold(int index, long trainFromMs, long testFromMs, long testToMs, long embargoMs)
        implements java.io.Serializable {
    public Fold {
        if (!(trainFromMs < testFromMs && testFromMs < testToMs)) {
            throw new IllegalArgumentException("fold " + index + ": need train start < test start < test end, got "
                    + trainFromMs + ", " + testFromMs + ", " + testToMs);
        }
        if (embargoMs < 0) throw new IllegalArgumentException("embargo cannot be negative: " + embargoMs);
    }

    public String label() {
        return String.format("f%02d", index);
    }
}
