package io.vprop.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Isotonic calibration of a margin: pool-adjacent-violators (PAV) on held-out (margin, label) pairs gives blocks with
 * non-decreasing positive rates; the calibrated probability interpolates LINEARLY between the block centres (mean
 * margin of each block) and is constant beyond the first and last centre. Piecewise-linear rather than the usual
 * step function so the map is continuous: a margin that ONNX Runtime sums a few ulps differently from Java gives a
 * probability a few ulps different, never a jump to the next step (that is what keeps the 1e-5 parity check robust).
 * <p>
 * Written as {@code p(m) = p0 + Σ_i slope_i · clamp(m − x_i, 0, w_i)} with knots x_i, widths w_i = x_{i+1} − x_i —
 * the form the ONNX export computes with tensor ops. Knots closer than {@code minGap} are pooled (steep segments
 * would amplify float noise), and block rates are clipped to [{@link #P_MIN}, 1 − {@link #P_MIN}] so no row is ever
 * predicted with certainty (finite log loss). Immutable.
 */
public record IsotonicCalibration(float[] knots, float[] values) {
    public static final double P_MIN = 1e-3;
    public static final double DEFAULT_MIN_GAP = 0.05;

    public IsotonicCalibration {
        if (knots.length < 2 || knots.length != values.length) {
            throw new IllegalArgumentException("need >= 2 knots and as many values, got " + knots.length + " and " + values.length);
        }
        for (int i = 0; i < knots.length; i++) {
            if (!Float.isFinite(knots[i]) || !(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException("knot " + i + " is (" + knots[i] + ", " + values[i] + ")");
            }
            if (i > 0 && (!(knots[i] > knots[i - 1]) || values[i] < values[i - 1])) {
                throw new IllegalArgumentException("knots must increase and values must not decrease at " + i);
            }
        }
        knots = knots.clone();
        values = values.clone();
    }

    /** Fits on held-out margins and 0/1 labels. */
    public static IsotonicCalibration fit(double[] margins, int[] y, double minGap) {
        int n = y.length;
        if (n == 0 || margins.length != n) throw new IllegalArgumentException("need margins and labels of equal, non-zero length");
        if (!(minGap >= 0)) throw new IllegalArgumentException("minGap must be >= 0, got " + minGap);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(margins[i])) throw new IllegalArgumentException("margin " + i + " is " + margins[i]);
            if (y[i] != 0 && y[i] != 1) throw new IllegalArgumentException("label " + i + " is " + y[i]);
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(margins[a], margins[b]));
        // blocks as (weight, Σy, Σmargin); equal margins start in one block (they must get one value)
        List<double[]> blocks = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && last[2] / last[0] == margins[i]) {
                last[0]++;
                last[1] += y[i];
                last[2] += margins[i];
            } else {
                blocks.add(new double[]{1, y[i], margins[i]});
            }
            poolViolators(blocks);
        }
        // pool knots that are too close: merging two adjacent blocks keeps the rates non-decreasing
        for (int b = 1; b < blocks.size(); ) {
            double[] prev = blocks.get(b - 1), cur = blocks.get(b);
            if (cur[2] / cur[0] - prev[2] / prev[0] < minGap) {
                merge(prev, cur);
                blocks.remove(b);
            } else {
                b++;
            }
        }
        if (blocks.size() == 1) { // one block: a flat map, written with two knots so the export has one segment
            double[] only = blocks.get(0);
            double c = only[2] / only[0], v = clip(only[1] / only[0]);
            return new IsotonicCalibration(new float[]{(float) c, (float) c + 1}, new float[]{(float) v, (float) v});
        }
        float[] x = new float[blocks.size()], v = new float[blocks.size()];
        for (int b = 0; b < x.length; b++) {
            x[b] = (float) (blocks.get(b)[2] / blocks.get(b)[0]);
            v[b] = (float) clip(blocks.get(b)[1] / blocks.get(b)[0]);
            if (b > 0 && !(x[b] > x[b - 1])) x[b] = Math.nextUp(x[b - 1]); // float rounding of near-equal centres
            if (b > 0 && v[b] < v[b - 1]) v[b] = v[b - 1];
        }
        return new IsotonicCalibration(x, v);
    }

    private static void poolViolators(List<double[]> blocks) {
        while (blocks.size() > 1) {
            double[] cur = blocks.get(blocks.size() - 1), prev = blocks.get(blocks.size() - 2);
            if (prev[1] / prev[0] < cur[1] / cur[0]) return;
            merge(prev, cur); // equal rates are pooled too: fewer knots, same fit
            blocks.remove(blocks.size() - 1);
        }
    }

    private static void merge(double[] into, double[] from) {
        into[0] += from[0];
        into[1] += from[1];
        into[2] += from[2];
    }

    private static double clip(double p) {
        return Math.min(1 - P_MIN, Math.max(P_MIN, p));
    }

    /** Number of linear segments (knots − 1). */
    public int segments() {
        return knots.length - 1;
    }

    public float p0() {
        return values[0];
    }

    /** slope_i = (v_{i+1} − v_i) / w_i, in float as the ONNX graph stores it. */
    public float[] slopes() {
        float[] s = new float[segments()];
        for (int i = 0; i < s.length; i++) s[i] = slope(i);
        return s;
    }

    public float[] widths() {
        float[] w = new float[segments()];
        for (int i = 0; i < w.length; i++) w[i] = width(i);
        return w;
    }

    private float width(int i) {
        return knots[i + 1] - knots[i];
    }

    private float slope(int i) {
        return (float) (((double) values[i + 1] - values[i]) / width(i));
    }

    /** The calibrated probability of a margin, computed in the same form as the ONNX graph. */
    public double apply(double margin) {
        double p = values[0];
        for (int i = 0; i < knots.length - 1; i++) p += slope(i) * Math.max(0, Math.min(margin - knots[i], width(i)));
        return Math.min(1, Math.max(0, p));
    }
}
