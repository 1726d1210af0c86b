package io.vprop.models.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains an {@link Autoencoder} in plain Java: standardization from the training rows, Glorot-uniform init, tanh
 * hidden layers, linear output, mean-squared reconstruction loss in standardized units, Adam on shuffled
 * mini-batches. Gradients are computed in double; the result is rounded to float32 once at the end (that float model
 * is what is exported and what parity is measured against). Deterministic: one seeded {@link Random} drives
 * init and shuffling, and the arithmetic is single-threaded.
 */
public final class AutoencoderTrainer {
    /**
     * @param hidden hidden layer widths, e.g. {6, 3, 6} for 9→6→3→6→9 (the middle one is the bottleneck)
     */
    public record Params(int[] hidden, int epochs, int batch, double learningRate, long seed) {
        public Params {
            hidden = hidden.clone();
            if (hidden.length == 0) throw new IllegalArgumentException("need at least one hidden layer");
            for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden width must be >= 1, got " + h);
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }

        public static Params defaults() {
            return new Params(new int[]{6, 3, 6}, 30, 128, 0.005, 42L);
        }
    }

    /** The trained model and the mean training loss of each epoch (the loss before training first). */
    public record Result(Autoencoder model, double[] lossPerEpoch) {
    }

    private static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8;
    /** A feature constant in the training rows gets std 1 (it is then only centred), not a division by zero. */
    private static final double MIN_STD = 1e-6;

    private final Params p;

    public AutoencoderTrainer(Params p) {
        this.p = p;
    }

    public Result fit(float[][] rows) {
        if (rows.length < 2) throw new IllegalArgumentException("too few rows to train an autoencoder: " + rows.length);
        int f = rows[0].length;
        float[] mean = new float[f], std = new float[f];
        for (int j = 0; j < f; j++) {
            double s = 0, q = 0;
            for (float[] r : rows) {
                if (r.length != f) throw new IllegalArgumentException("rows differ in width: " + r.length + " vs " + f);
                if (!Float.isFinite(r[j])) throw new IllegalArgumentException("non-finite training value in feature " + j);
                s += r[j];
            }
            double m = s / rows.length;
            for (float[] r : rows) q += (r[j] - m) * (r[j] - m);
            double sd = Math.sqrt(q / rows.length);
            mean[j] = (float) m;
            std[j] = sd > MIN_STD ? (float) sd : 1f;
        }
        // standardized inputs in double, computed the way the float model does (float Sub/Div) so training and
        // serving see the same numbers
        double[][] z = new double[rows.length][f];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < f; j++) z[r][j] = (rows[r][j] - mean[j]) / std[j];
        }
        int[] widths = new int[p.hidden().length + 2];
        widths[0] = f;
        System.arraycopy(p.hidden(), 0, widths, 1, p.hidden().length);
        widths[widths.length - 1] = f;
        int nl = widths.length - 1;
        Random rnd = new Random(p.seed());
        double[][] w = new double[nl][], b = new double[nl][];
        double[][] mw = new double[nl][], vw = new double[nl][], mb = new double[nl][], vb = new double[nl][];
        double[][] gw = new double[nl][], gb = new double[nl][];
        for (int l = 0; l < nl; l++) {
            int in = widths[l], out = widths[l + 1];
            double lim = Math.sqrt(6.0 / (in + out)); // Glorot uniform
            w[l] = new double[in * out];
            for (int k = 0; k < w[l].length; k++) w[l][k] = (rnd.nextDouble() * 2 - 1) * lim;
            b[l] = new double[out];
            mw[l] = new double[in * out];
            vw[l] = new double[in * out];
            gw[l] = new double[in * out];
            mb[l] = new double[out];
            vb[l] = new double[out];
            gb[l] = new double[out];
        }
        double[][] act = new double[nl + 1][];
        double[][] delta = new double[nl + 1][];
        for (int l = 0; l <= nl; l++) {
            act[l] = new double[widths[l]];
            delta[l] = new double[widths[l]];
        }
        int n = rows.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] losses = new double[p.epochs() + 1];
        losses[0] = meanLoss(z, w, b, widths, act);
        long step = 0;
        for (int epoch = 1; epoch <= p.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) { // Fisher–Yates with the seeded generator
                int k = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[k];
                order[k] = t;
            }
            double epochLoss = 0;
            for (int from = 0; from < n; from += p.batch()) {
                int to = Math.min(n, from + p.batch());
                for (int l = 0; l < nl; l++) {
                    Arrays.fill(gw[l], 0);
                    Arrays.fill(gb[l], 0);
                }
                for (int s = from; s < to; s++) {
                    double[] x = z[order[s]];
                    forward(x, w, b, widths, act);
                    double[] out = act[nl];
                    for (int j = 0; j < f; j++) {
                        double e = out[j] - x[j];
                        epochLoss += e * e / f;
                        delta[nl][j] = 2 * e / f; // d(mean squared error)/d(output), linear output layer
                    }
                    for (int l = nl - 1; l >= 0; l--) {
                        int in = widths[l], o = widths[l + 1];
                        double[] a = act[l], d = delta[l + 1];
                        for (int j = 0; j < o; j++) {
                            gb[l][j] += d[j];
                            for (int i = 0; i < in; i++) gw[l][i * o + j] += a[i] * d[j];
                        }
                        if (l > 0) { // propagate through tanh of the layer below: d tanh = 1 − tanh²
                            for (int i = 0; i < in; i++) {
                                double g = 0;
                                for (int j = 0; j < o; j++) g += w[l][i * o + j] * d[j];
                                delta[l][i] = g * (1 - a[i] * a[i]);
                            }
                        }
                    }
                }
                step++;
                double scale = 1.0 / (to - from);
                double c1 = 1 - Math.pow(B1, step), c2 = 1 - Math.pow(B2, step);
                for (int l = 0; l < nl; l++) {
                    adam(w[l], gw[l], mw[l], vw[l], scale, c1, c2);
                    adam(b[l], gb[l], mb[l], vb[l], scale, c1, c2);
                }
            }
            losses[epoch] = epochLoss / n;
        }
        List<Autoencoder.Dense> layers = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            float[] fw = new float[w[l].length], fb = new float[b[l].length];
            for (int k = 0; k < fw.length; k++) fw[k] = (float) w[l][k];
            for (int k = 0; k < fb.length; k++) fb[k] = (float) b[l][k];
            layers.add(new Autoencoder.Dense(widths[l], widths[l + 1], fw, fb, l < nl - 1));
        }
        return new Result(new Autoencoder(mean, std, layers), losses);
    }

    private void adam(double[] theta, double[] g, double[] m, double[] v, double scale, double c1, double c2) {
        for (int k = 0; k < theta.length; k++) {
            double gk = g[k] * scale;
            m[k] = B1 * m[k] + (1 - B1) * gk;
            v[k] = B2 * v[k] + (1 - B2) * gk * gk;
            theta[k] -= p.learningRate() * (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPS);
        }
    }

    private static void forward(double[] x, double[][] w, double[][] b, int[] widths, double[][] act) {
        System.arraycopy(x, 0, act[0], 0, x.length);
        int nl = widths.length - 1;
        for (int l = 0; l < nl; l++) {
            int in = widths[l], o = widths[l + 1];
            double[] a = act[l], h = act[l + 1];
            for (int j = 0; j < o; j++) {
                double s = b[l][j];
                for (int i = 0; i < in; i++) s += a[i] * w[l][i * o + j];
                h[j] = l < nl - 1 ? Math.tanh(s) : s;
            }
        }
    }

    private static double meanLoss(double[][] z, double[][] w, double[][] b, int[] widths, double[][] act) {
        int nl = widths.length - 1, f = widths[0];
        double sum = 0;
        for (double[] x : z) {
            forward(x, w, b, widths, act);
            for (int j = 0; j < f; j++) {
                double e = act[nl][j] - x[j];
                sum += e * e / f;
            }
        }
        return sum / z.length;
    }
}
