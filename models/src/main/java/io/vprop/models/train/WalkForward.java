package io.vprop.models.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Time-ordered, purged walk-forward splits (expanding window). The rows are cut into {@code folds + 1} equal
 * blocks by position; fold k trains on blocks 0..k and tests on block k+1. A training row is purged when its label
 * was not yet known {@code embargoMs} before the test block starts (exitMs ≥ testStart − embargo): no training
 * label may overlap the test period, and the embargo leaves a gap for serial correlation.
 */
public final class WalkForward {
    public record Split(int[] train, int[] test, long testStartMs, long testEndMs) {
    }

    private WalkForward() {
    }

    public static List<Split> splits(long[] entryMs, long[] exitMs, int folds, long embargoMs) {
        if (folds < 1) throw new IllegalArgumentException("folds must be >= 1, got " + folds);
        if (embargoMs < 0) throw new IllegalArgumentException("embargoMs must be >= 0, got " + embargoMs);
        int n = entryMs.length;
        if (n < 2 * (folds + 1)) throw new IllegalArgumentException("too few rows (" + n + ") for " + folds + " folds");
        List<Split> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            int testFrom = (int) ((long) n * (k + 1) / (folds + 1));
            int testTo = (int) ((long) n * (k + 2) / (folds + 1));
            long testStart = entryMs[testFrom];
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < testFrom; i++) {
                if (exitMs[i] < testStart - embargoMs) train.add(i);
            }
            int[] tr = train.stream().mapToInt(Integer::intValue).toArray();
            int[] te = new int[testTo - testFrom];
            for (int i = 0; i < te.length; i++) te[i] = testFrom + i;
            out.add(new Split(tr, te, testStart, entryMs[testTo - 1]));
        }
        return out;
    }
}
