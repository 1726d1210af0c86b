package io.vprop.models.drift;

import java.util.Arrays;

/**
 * A reference histogram of one feature: interior bin edges at the reference sample's quantiles (duplicates removed,
 * so a discrete feature such as the side gets only the bins it can fill) and the smoothed reference probability of
 * each bin. A value {@code x} falls into bin {@code i} = the number of edges strictly below it, i.e. {@code x <= edge}
 * goes left — the same rule for reference and live values.
 *
 * <p>Smoothing: p_i = (c_i / n + ε) / (1 + k·ε) with ε = {@link #EPSILON}, so an empty bin (in the reference or in a
 * live window) has a small positive probability and PSI/KL stay finite; the probabilities still sum to 1.
 */
record FeatureHistogram(String feature, float[] edges, double[] probabilities) {
    public static final double EPSILON = 1e-4;

    public FeatureHistogram {
        edges = edges.clone();
        probabilities = probabilities.clone();
        if (probabilities.length != edges.length + 1) {
            throw new IllegalArgumentException(feature + ": " + edges.length + " edges need " + (edges.length + 1)
                    + " probabilities, got " + probabilities.length);
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) throw new IllegalArgumentException(feature + ": bin edges not increasing at " + i);
        }
        for (double p : probabilities) {
            if (!(p > 0) || p > 1) throw new IllegalArgumentException(feature + ": bin probability out of (0, 1]: " + p);
        }
    }

    /** Quantile edges (i/bins for i = 1..bins−1) of {@code values} and their smoothed probabilities. */
    public static FeatureHistogram of(String feature, float[] values, int bins) {
        if (bins < 2) throw new IllegalArgumentException("need at least 2 bins, got " + bins);
        if (values.length < bins) throw new IllegalArgumentException(feature + ": " + values.length + " values for " + bins + " bins");
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        if (!Float.isFinite(sorted[0]) || !Float.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException(feature + ": non-finite reference value");
        }
        float[] cut = new float[bins - 1];
        int k = 0;
        for (int i = 1; i < bins; i++) {
            float e = sorted[(int) ((long) i * sorted.length / bins)];
            if (k == 0 || e > cut[k - 1]) cut[k++] = e;
        }
        float[] edges = Arrays.copyOf(cut, k);
        long[] counts = new long[k + 1];
        for (float v : values) counts[bin(edges, v)]++;
        return new FeatureHistogram(feature, edges, smoothed(counts, values.length));
    }

    public int bins() {
        return probabilities.length;
    }

    public int bin(float x) {
        return bin(edges, x);
    }

    static int bin(float[] edges, float x) {
        int i = Arrays.binarySearch(edges, x);
        return i >= 0 ? i : -i - 1;
    }

    /** Smoothed probabilities of bin counts over {@code n} values (uniform when n = 0). */
    public static double[] smoothed(long[] counts, long n) {
        double[] p = new double[counts.length];
        double norm = 1 + counts.length * EPSILON;
        for (int i = 0; i < p.length; i++) p[i] = ((n == 0 ? 1.0 / counts.length : (double) counts[i] / n) + EPSILON) / norm;
        return p;
    }

    /** Population stability index Σ (a_i − e_i)·ln(a_i / e_i) of {@code actual} against {@code expected}. */
    public static double psi(double[] actual, double[] expected) {
        check(actual, expected);
        double s = 0;
        for (int i = 0; i < actual.length; i++) s += (actual[i] - expected[i]) * Math.log(actual[i] / expected[i]);
        return s;
    }

    /** Kullback–Leibler divergence KL(actual ‖ expected) = Σ a_i·ln(a_i / e_i), in nats. */
    public static double kl(double[] actual, double[] expected) {
        check(actual, expected);
        double s = 0;
        for (int i = 0; i < actual.length; i++) s += actual[i] * Math.log(actual[i] / expected[i]);
        return s;
    }

    private static void check(double[] a, double[] e) {
        if (a.length != e.length) throw new IllegalArgumentException("histograms differ in bins: " + a.length + " vs " + e.length);
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] > 0) || !(e[i] > 0)) throw new IllegalArgumentException("bin " + i + " has probability <= 0 (smooth first)");
        }
    }
}
