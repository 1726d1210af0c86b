package io.vprop.research.report;

import io.vprop.research.BacktestTrade;

import java.util.List;

/**
 * Trades counted by R in bins of equal width: 0.25 R, doubled until at most 60 bins cover the range. Bins are
 * [from, from + width); trades without R (no stop) are left out and counted apart.
 */
record RHistogram(double widthR, double fromR, int[] counts, int withoutR) {

    static RHistogram of(List<BacktestTrade> trades) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int without = 0;
        for (BacktestTrade t : trades) {
            double r = t.r();
            if (!Double.isFinite(r)) {
                without++;
                continue;
            }
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        if (min > max) return new RHistogram(0.25, 0, new int[0], without);
        double width = 0.25;
        while ((Math.floor(max / width) - Math.floor(min / width) + 1) > 60) width *= 2;
        double from = Math.floor(min / width) * width;
        int[] counts = new int[(int) (Math.floor(max / width) - Math.floor(min / width)) + 1];
        for (BacktestTrade t : trades) {
            double r = t.r();
            if (!Double.isFinite(r)) continue;
            int k = (int) (Math.floor(r / width) - Math.floor(min / width));
            counts[k]++;
        }
        return new RHistogram(width, from, counts, without);
    }
}
