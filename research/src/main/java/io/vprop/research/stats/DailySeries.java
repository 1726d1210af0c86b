package io.vprop.research.stats;

import io.vprop.research.EquityCurve;
import io.vprop.research.EquityPoint;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Equity at the UTC day ends of Monday to Friday, the series every per-day statistic is computed on. A Monday's
 * value is the equity at Monday 24:00 UTC (a sample stamped exactly 24:00 belongs to the day it closes), so the
 * Sunday-evening open of the FX week falls into Monday; weekends are never a day of their own (they would add zero
 * returns and distort skewness and kurtosis).
 *
 * @see #fromEquity
 */
public final class DailySeries {
    public static final long DAY_MS = 86_400_000L;

    private final int[] days;
    private final double[] equity;
    private final double startEquity;

    /**
     * @param days        UTC epoch days (Monday to Friday), strictly increasing
     * @param equity      account equity at the end of each day, account currency
     * @param startEquity equity before the first day
     */
    public DailySeries(int[] days, double[] equity, double startEquity) {
        if (days.length != equity.length) {
            throw new IllegalArgumentException("days and equity differ in length: " + days.length + " vs " + equity.length);
        }
        for (int i = 0; i < days.length; i++) {
            if (!isWeekday(days[i])) throw new IllegalArgumentException("epoch day " + days[i] + " is a weekend day");
            if (i > 0 && days[i] <= days[i - 1]) throw new IllegalArgumentException("days not increasing at index " + i);
        }
        this.days = days.clone();
        this.equity = equity.clone();
        this.startEquity = startEquity;
    }

    /**
     * The day ends of the weekdays in [fromMs, toMs) from an equity curve: each day's value is the last sample at or
     * before the day's end (24:00 UTC, inclusive), {@code startEquity} before the first sample. Samples must be in
     * time order.
     */
    public static DailySeries fromEquity(List<EquityPoint> points, double startEquity, long fromMs, long toMs) {
        if (toMs <= fromMs) throw new IllegalArgumentException("empty window [" + fromMs + ", " + toMs + ")");
        int first = (int) Math.floorDiv(fromMs, DAY_MS), last = (int) Math.floorDiv(toMs - 1, DAY_MS);
        if (points instanceof EquityCurve c) return fromEquity(c, startEquity, first, last);
        int[] d = new int[last - first + 1];
        double[] e = new double[d.length];
        int n = 0, p = 0;
        double current = startEquity;
        long previousTime = Long.MIN_VALUE;
        for (int day = first; day <= last; day++) {
            long end = (day + 1L) * DAY_MS;
            while (p < points.size() && points.get(p).timeMs() <= end) {
                EquityPoint point = points.get(p++);
                if (point.timeMs() < previousTime) {
                    throw new IllegalArgumentException("equity samples out of time order at index " + (p - 1));
                }
                previousTime = point.timeMs();
                current = point.equity();
            }
            if (!isWeekday(day)) continue;
            d[n] = day;
            e[n++] = current;
        }
        return new DailySeries(Arrays.copyOf(d, n), Arrays.copyOf(e, n), startEquity);
    }

    /** The same over a backtest's own curve, read from its arrays (no point made per sample). */
    private static DailySeries fromEquity(EquityCurve points, double startEquity, int first, int last) {
        int[] d = new int[last - first + 1];
        double[] e = new double[d.length];
        int n = 0, p = 0, size = points.size();
        double current = startEquity;
        long previousTime = Long.MIN_VALUE;
        for (int day = first; day <= last; day++) {
            long end = (day + 1L) * DAY_MS;
            while (p < size && points.timeMs(p) <= end) {
                long time = points.timeMs(p);
                if (time < previousTime) throw new IllegalArgumentException("equity samples out of time order at index " + p);
                previousTime = time;
                current = points.equity(p++);
            }
            if (!isWeekday(day)) continue;
            d[n] = day;
            e[n++] = current;
        }
        return new DailySeries(Arrays.copyOf(d, n), Arrays.copyOf(e, n), startEquity);
    }

    /**
     * Several series on one account: each day's profit is the sum of the series' profits that day (a series without
     * the day adds nothing), on top of {@code startEquity}. Summing folds that follow each other stitches them.
     */
    public static DailySeries sum(List<DailySeries> parts, double startEquity) {
        TreeMap<Integer, Double> pnl = new TreeMap<>();
        for (DailySeries s : parts) {
            double[] p = s.pnl();
            for (int i = 0; i < p.length; i++) pnl.merge(s.days[i], p[i], Double::sum);
        }
        int[] d = new int[pnl.size()];
        double[] e = new double[pnl.size()];
        int i = 0;
        double eq = startEquity;
        for (var entry : pnl.entrySet()) {
            eq += entry.getValue();
            d[i] = entry.getKey();
            e[i++] = eq;
        }
        return new DailySeries(d, e, startEquity);
    }

    /** Monday (0) to Friday (4); 1970-01-01, epoch day 0, was a Thursday. */
    public static boolean isWeekday(long epochDay) {
        return Math.floorMod(epochDay + 3, 7L) < 5;
    }

    public int size() { return days.length; }

    public int day(int i) { return days[i]; }

    public double equity(int i) { return equity[i]; }

    public double startEquity() { return startEquity; }

    public double endEquity() { return days.length == 0 ? startEquity : equity[days.length - 1]; }

    public int[] days() { return days.clone(); }

    public double[] equity() { return equity.clone(); }

    /** Profit of each day, account currency. */
    public double[] pnl() {
        double[] p = new double[days.length];
        double prev = startEquity;
        for (int i = 0; i < p.length; i++) {
            p[i] = equity[i] - prev;
            prev = equity[i];
        }
        return p;
    }

    /**
     * Simple return of each day on the previous day-end equity: E_d / E_{d−1} − 1; NaN once the equity before a day
     * is not positive (a blown account has no return), which makes every ratio built on them NaN.
     */
    public double[] returns() {
        double[] r = new double[days.length];
        double prev = startEquity;
        for (int i = 0; i < r.length; i++) {
            r[i] = prev > 0 ? equity[i] / prev - 1 : Double.NaN;
            prev = equity[i];
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailySeries d && Arrays.equals(days, d.days) && Arrays.equals(equity, d.equity)
                && Double.compare(startEquity, d.startEquity) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(days) + Arrays.hashCode(equity);
    }

    @Override
    public String toString() {
        return "DailySeries[" + days.length + " days, " + startEquity + " -> " + endEquity() + "]";
    }
}
