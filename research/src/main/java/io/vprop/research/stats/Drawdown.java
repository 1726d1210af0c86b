package io.vprop.research.stats;

/**
 * Drawdown of a day-end equity series: the largest fall from a running peak, in money and in percent of that peak
 * (each its own maximum: they may come from different days), and the time under water: a spell starts on the day
 * of a peak, lasts while the equity is below it and ends on the first day it is back at or above it; its length is
 * in calendar days (a spell still open at the end runs to the last day). The start equity is the first peak, dated
 * the day before the first day.
 */
record Drawdown(double maxUsd, double maxPct, int longestUnderwaterDays, int totalUnderwaterDays,
                boolean underwaterAtEnd) {

    static Drawdown of(DailySeries s) {
        double peak = s.startEquity();
        int peakDay = s.size() == 0 ? 0 : s.day(0) - 1;
        double maxUsd = 0, maxPct = 0;
        int longest = 0, total = 0;
        boolean under = false;
        for (int i = 0; i < s.size(); i++) {
            double e = s.equity(i);
            if (e >= peak) {
                if (under) {
                    int spell = s.day(i) - peakDay;
                    longest = Math.max(longest, spell);
                    total += spell;
                    under = false;
                }
                peak = e;
                peakDay = s.day(i);
            } else {
                under = true;
                maxUsd = Math.max(maxUsd, peak - e);
                if (peak > 0) maxPct = Math.max(maxPct, (peak - e) / peak * 100);
            }
        }
        if (under) {
            int spell = s.day(s.size() - 1) - peakDay;
            longest = Math.max(longest, spell);
            total += spell;
        }
        return new Drawdown(maxUsd, maxPct, longest, total, under);
    }
}
