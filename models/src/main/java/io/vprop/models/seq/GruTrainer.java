package io.vprop.models.seq;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains a {@link GruNetwork}: loss per window = volWeight · ½(v̂ − v)² + logistic loss of the direction head,
 * averaged over a mini-batch; gradients by backpropagation through time (exact, checked against finite differences
 * in the tests); Adam with global-norm clipping. Deterministic for a seed: the initial weights and the per-epoch
 * shuffles come from one {@link SplittableRandom}, and the arithmetic is sequential.
 */
public final class GruTrainer {
    public record Params(int hidden, int epochs, int batchSize, double learningRate, double volWeight,
                         double clipNorm, long seed) {
        public Params {
            if (hidden < 1) throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
            if (!(volWeight >= 0)) throw new IllegalArgumentException("volWeight must be >= 0, got " + volWeight);
            if (!(clipNorm > 0)) throw new IllegalArgumentException("clipNorm must be > 0, got " + clipNorm);
        }

        public static Params defaults() {
            return new Params(16, 6, 64, 3e-3, 1.0, 5.0, 42L);
        }
    }

    private final Params p;

    public GruTrainer(Params params) {
        this.p = params;
    }

    public Params params() {
        return p;
    }

    /** Fits on windows {@code x} (each [steps][inputs] flattened) with volatility and direction targets. */
    public GruNetwork fit(float[][] x, float[] vol, int[] dir, int inputs) {
        int n = x.length;
        if (n == 0 || vol.length != n || dir.length != n) {
            throw new IllegalArgumentException("need rows of equal, non-zero length: x=" + n + " vol=" + vol.length + " dir=" + dir.length);
        }
        int width = x[0].length;
        if (width == 0 || width % inputs != 0) throw new IllegalArgumentException("window width " + width + " is not a multiple of " + inputs);
        double volMean = 0, up = 0;
        for (int i = 0; i < n; i++) {
            if (x[i].length != width) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " floats, expected " + width);
            for (float v : x[i]) if (!Float.isFinite(v)) throw new IllegalArgumentException("row " + i + " has a non-finite input");
            if (!Float.isFinite(vol[i])) throw new IllegalArgumentException("volatility target " + i + " is " + vol[i]);
            if (dir[i] != 0 && dir[i] != 1) throw new IllegalArgumentException("direction label " + i + " is " + dir[i]);
            volMean += vol[i];
            up += dir[i];
        }
        volMean /= n;
        double rate = Math.min(Math.max(up / n, 1e-3), 1 - 1e-3);
        int hN = p.hidden();
        SplittableRandom rnd = new SplittableRandom(p.seed());
        double[] theta = init(inputs, hN, rnd, volMean, Math.log(rate / (1 - rate)));
        double[] grad = new double[theta.length], m = new double[theta.length], v = new double[theta.length];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Workspace ws = new Workspace(width / inputs, hN);
        long step = 0;
        for (int e = 0; e < p.epochs(); e++) {
            for (int i = n - 1; i > 0; i--) { // Fisher–Yates with the seeded generator
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += p.batchSize()) {
                int to = Math.min(n, from + p.batchSize());
                lossAndGradient(theta, inputs, hN, x, vol, dir, order, from, to, p.volWeight(), grad, ws);
                clip(grad, p.clipNorm());
                step++;
                adam(theta, grad, m, v, step, p.learningRate());
            }
        }
        return GruNetwork.fromFlat(inputs, hN, theta);
    }

    /** Uniform ±1/√hidden (the usual recurrent init); heads start at the target mean and the base-rate logit. */
    static double[] init(int inputs, int hidden, SplittableRandom rnd, double volBias, double dirBias) {
        double[] t = new double[GruNetwork.parameterCount(inputs, hidden)];
        double k = 1 / Math.sqrt(hidden);
        for (int i = 0; i < t.length; i++) t[i] = (rnd.nextDouble() * 2 - 1) * k;
        int heads = 3 * hidden * (inputs + hidden + 2);
        for (int j = 0; j < hidden; j++) {
            t[heads + j] *= 0.1;
            t[heads + hidden + 1 + j] *= 0.1;
        }
        t[heads + hidden] = volBias;
        t[t.length - 1] = dirBias;
        return t;
    }

    private static void clip(double[] g, double maxNorm) {
        double sq = 0;
        for (double v : g) sq += v * v;
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            double s = maxNorm / norm;
            for (int i = 0; i < g.length; i++) g[i] *= s;
        }
    }

    private static void adam(double[] theta, double[] g, double[] m, double[] v, long step, double lr) {
        double b1 = 0.9, b2 = 0.999, c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
        for (int i = 0; i < theta.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            theta[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
        }
    }

    /** Per-step activations kept for the backward pass. */
    static final class Workspace {
        final double[][] h, z, r, c, rh;
        final double[] dh, dhPrev, daz, dar, dah, drh;

        Workspace(int steps, int hidden) {
            h = new double[steps + 1][hidden];
            z = new double[steps][hidden];
            r = new double[steps][hidden];
            c = new double[steps][hidden];
            rh = new double[steps][hidden];
            dh = new double[hidden];
            dhPrev = new double[hidden];
            daz = new double[hidden];
            dar = new double[hidden];
            dah = new double[hidden];
            drh = new double[hidden];
        }
    }

    /**
     * Mean loss over rows {@code order[from..to)} and its exact gradient with respect to the flat parameters
     * {@code theta} (written into {@code grad}). Exposed for the finite-difference check.
     */
    public static double lossAndGradient(double[] theta, int inputs, int hidden, float[][] x, float[] vol, int[] dir,
                                         int[] order, int from, int to, double volWeight, double[] grad) {
        return lossAndGradient(theta, inputs, hidden, x, vol, dir, order, from, to, volWeight, grad,
                new Workspace(x[order[from]].length / inputs, hidden));
    }

    static double lossAndGradient(double[] th, int inputs, int hN, float[][] x, float[] vol, int[] dir,
                                  int[] order, int from, int to, double volWeight, double[] g, Workspace ws) {
        Arrays.fill(g, 0);
        int gates = 3 * hN;
        int oW = 0, oR = oW + gates * inputs, oWb = oR + gates * hN, oRb = oWb + gates;
        int oVw = oRb + gates, oVb = oVw + hN, oDw = oVb + 1, oDb = oDw + hN;
        double total = 0;
        for (int s = from; s < to; s++) {
            int row = order[s];
            float[] xs = x[row];
            int steps = xs.length / inputs;
            Arrays.fill(ws.h[0], 0);
            for (int t = 0; t < steps; t++) {
                double[] hp = ws.h[t], hn = ws.h[t + 1], z = ws.z[t], r = ws.r[t], c = ws.c[t], rh = ws.rh[t];
                int xo = t * inputs;
                for (int j = 0; j < hN; j++) {
                    double az = th[oWb + j] + th[oRb + j], ar = th[oWb + hN + j] + th[oRb + hN + j];
                    for (int f = 0; f < inputs; f++) {
                        az += th[oW + j * inputs + f] * xs[xo + f];
                        ar += th[oW + (hN + j) * inputs + f] * xs[xo + f];
                    }
                    for (int k = 0; k < hN; k++) {
                        az += th[oR + j * hN + k] * hp[k];
                        ar += th[oR + (hN + j) * hN + k] * hp[k];
                    }
                    z[j] = GruNetwork.sigmoid(az);
                    r[j] = GruNetwork.sigmoid(ar);
                    rh[j] = r[j] * hp[j];
                }
                for (int j = 0; j < hN; j++) {
                    double ah = th[oWb + 2 * hN + j] + th[oRb + 2 * hN + j];
                    for (int f = 0; f < inputs; f++) ah += th[oW + (2 * hN + j) * inputs + f] * xs[xo + f];
                    for (int k = 0; k < hN; k++) ah += th[oR + (2 * hN + j) * hN + k] * rh[k];
                    c[j] = Math.tanh(ah);
                    hn[j] = (1 - z[j]) * c[j] + z[j] * hp[j];
                }
            }
            double[] hT = ws.h[steps];
            double v = th[oVb], d = th[oDb];
            for (int j = 0; j < hN; j++) {
                v += th[oVw + j] * hT[j];
                d += th[oDw + j] * hT[j];
            }
            double err = v - vol[row];
            int y = dir[row];
            // logistic loss in its stable form: softplus(d) − y·d
            double softplus = d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
            total += volWeight * 0.5 * err * err + softplus - y * d;
            double dv = volWeight * err, dd = GruNetwork.sigmoid(d) - y;
            g[oVb] += dv;
            g[oDb] += dd;
            double[] dh = ws.dh;
            for (int j = 0; j < hN; j++) {
                g[oVw + j] += dv * hT[j];
                g[oDw + j] += dd * hT[j];
                dh[j] = dv * th[oVw + j] + dd * th[oDw + j];
            }
            for (int t = steps - 1; t >= 0; t--) {
                double[] hp = ws.h[t], z = ws.z[t], r = ws.r[t], c = ws.c[t], rh = ws.rh[t];
                int xo = t * inputs;
                for (int j = 0; j < hN; j++) {
                    ws.daz[j] = dh[j] * (hp[j] - c[j]) * z[j] * (1 - z[j]);
                    ws.dah[j] = dh[j] * (1 - z[j]) * (1 - c[j] * c[j]);
                }
                for (int k = 0; k < hN; k++) {
                    double s2 = 0;
                    for (int j = 0; j < hN; j++) s2 += th[oR + (2 * hN + j) * hN + k] * ws.dah[j];
                    ws.drh[k] = s2;
                    ws.dar[k] = s2 * hp[k] * r[k] * (1 - r[k]);
                }
                for (int k = 0; k < hN; k++) {
                    double acc = dh[k] * z[k] + ws.drh[k] * r[k];
                    for (int j = 0; j < hN; j++) {
                        acc += th[oR + j * hN + k] * ws.daz[j] + th[oR + (hN + j) * hN + k] * ws.dar[j];
                    }
                    ws.dhPrev[k] = acc;
                }
                for (int j = 0; j < hN; j++) {
                    double az = ws.daz[j], ar = ws.dar[j], ah = ws.dah[j];
                    g[oWb + j] += az;
                    g[oRb + j] += az;
                    g[oWb + hN + j] += ar;
                    g[oRb + hN + j] += ar;
                    g[oWb + 2 * hN + j] += ah;
                    g[oRb + 2 * hN + j] += ah;
                    for (int f = 0; f < inputs; f++) {
                        double xv = xs[xo + f];
                        g[oW + j * inputs + f] += az * xv;
                        g[oW + (hN + j) * inputs + f] += ar * xv;
                        g[oW + (2 * hN + j) * inputs + f] += ah * xv;
                    }
                    for (int k = 0; k < hN; k++) {
                        g[oR + j * hN + k] += az * hp[k];
                        g[oR + (hN + j) * hN + k] += ar * hp[k];
                        g[oR + (2 * hN + j) * hN + k] += ah * rh[k];
                    }
                }
                System.arraycopy(ws.dhPrev, 0, dh, 0, hN);
            }
        }
        int count = to - from;
        for (int i = 0; i < g.length; i++) g[i] /= count;
        return total / count;
    }
}
