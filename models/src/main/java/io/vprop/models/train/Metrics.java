package io.vprop.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Out-of-sample scores for probabilities: ROC AUC (rank form, ties averaged), Brier, log loss, reliability table. */
public final class Metrics {
    private Metrics() {
    }

    /** One reliability bin: predictions in [lo, hi), their mean, and the observed positive rate. */
    public record Bin(double lo, double hi, int count, double meanPredicted, double observedRate) {
    }

    public record Report(int rows, double positiveRate, double auc, double brier, double logLoss,
                         double baselineBrier, List<Bin> reliability) {
    }

    public static Report report(double[] p, int[] y) {
        check(p, y);
        double rate = Arrays.stream(y).average().orElse(Double.NaN);
        double base = 0;
        for (int v : y) base += (v - rate) * (v - rate);
        return new Report(y.length, rate, auc(p, y), brier(p, y), logLoss(p, y), base / y.length, reliability(p, y, 10));
    }

    public static double auc(double[] p, int[] y) {
        check(p, y);
        int n = p.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[idx[j + 1]] == p[idx[i]]) j++;
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[idx[k]] == 1) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    public static double brier(double[] p, int[] y) {
        check(p, y);
        double s = 0;
        for (int i = 0; i < p.length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return s / p.length;
    }

    public static double logLoss(double[] p, int[] y) {
        check(p, y);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
            s -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return s / p.length;
    }

    public static List<Bin> reliability(double[] p, int[] y, int bins) {
        check(p, y);
        int[] c = new int[bins];
        double[] sp = new double[bins], sy = new double[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, (int) (p[i] * bins));
            c[b]++;
            sp[b] += p[i];
            sy[b] += y[i];
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, c[b],
                    c[b] == 0 ? Double.NaN : sp[b] / c[b], c[b] == 0 ? Double.NaN : sy[b] / c[b]));
        }
        return out;
    }

    private static void check(double[] p, int[] y) {
        if (p.length != y.length || p.length == 0) {
            throw new IllegalArgumentException("need equal, non-zero lengths: p=" + p.length + " y=" + y.length);
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) throw new IllegalArgumentException("probability " + i + " is " + p[i]);
            if (y[i] != 0 && y[i] != 1) throw new IllegalArgumentException("label " + i + " is " + y[i]);
        }
    }
}
