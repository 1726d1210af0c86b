package io.vprop.models.seq;

/**
 * One GRU layer → last hidden state → two linear heads: {@code volatility} (linear) and {@code direction}
 * (logistic). The cell is exactly ONNX {@code GRU} with {@code linear_before_reset = 0} and gate order z, r, h:
 * <pre>
 *   z  = σ(W_z x + R_z h + Wb_z + Rb_z)
 *   r  = σ(W_r x + R_r h + Wb_r + Rb_r)
 *   h~ = tanh(W_h x + R_h (r ⊙ h) + Wb_h + Rb_h)
 *   h' = (1 − z) ⊙ h~ + z ⊙ h,   h_0 = 0
 * </pre>
 * so the exported graph needs no re-ordering. Weights are float32 (what the ONNX file stores); the forward pass
 * accumulates in double and rounds the outputs to float, which stays within ~1e-6 of ONNX Runtime's float32 kernels.
 *
 * <p>Parameters are also addressable as one flat vector (the trainer's view), laid out as
 * W[3H][F], R[3H][H], Wb[3H], Rb[3H], volW[H], volB, dirW[H], dirB.
 *
 * @param w row-major [3·hidden][inputs], gate blocks z, r, h
 * @param r row-major [3·hidden][hidden], gate blocks z, r, h
 */
public record GruNetwork(int inputs, int hidden, float[] w, float[] r, float[] wb, float[] rb,
                         float[] volW, float volB, float[] dirW, float dirB) {
    public GruNetwork {
        if (inputs < 1 || hidden < 1) throw new IllegalArgumentException("inputs and hidden must be >= 1: " + inputs + ", " + hidden);
        int g = 3 * hidden;
        if (w.length != g * inputs || r.length != g * hidden || wb.length != g || rb.length != g
                || volW.length != hidden || dirW.length != hidden) {
            throw new IllegalArgumentException("weight arrays do not match inputs=" + inputs + " hidden=" + hidden);
        }
    }

    /** Both heads for one window: the volatility log-ratio and P(close up after the horizon). */
    public record Output(float volatility, float direction, double directionLogit) {
    }

    public static int parameterCount(int inputs, int hidden) {
        return 3 * hidden * (inputs + hidden + 2) + 2 * hidden + 2;
    }

    public static GruNetwork fromFlat(int inputs, int hidden, double[] p) {
        if (p.length != parameterCount(inputs, hidden)) {
            throw new IllegalArgumentException("flat vector has " + p.length + " values, expected " + parameterCount(inputs, hidden));
        }
        int g = 3 * hidden, o = 0;
        float[] w = slice(p, o, g * inputs);
        o += g * inputs;
        float[] r = slice(p, o, g * hidden);
        o += g * hidden;
        float[] wb = slice(p, o, g);
        o += g;
        float[] rb = slice(p, o, g);
        o += g;
        float[] vw = slice(p, o, hidden);
        o += hidden;
        float vb = (float) p[o++];
        float[] dw = slice(p, o, hidden);
        o += hidden;
        return new GruNetwork(inputs, hidden, w, r, wb, rb, vw, vb, dw, (float) p[o]);
    }

    public double[] toFlat() {
        double[] p = new double[parameterCount(inputs, hidden)];
        int o = 0;
        for (float[] a : new float[][]{w, r, wb, rb, volW}) {
            for (float v : a) p[o++] = v;
        }
        p[o++] = volB;
        for (float v : dirW) p[o++] = v;
        p[o] = dirB;
        return p;
    }

    private static float[] slice(double[] p, int from, int len) {
        float[] out = new float[len];
        for (int i = 0; i < len; i++) out[i] = (float) p[from + i];
        return out;
    }

    public int steps(float[] window) {
        if (window.length % inputs != 0) {
            throw new IllegalArgumentException("window of " + window.length + " floats is not a multiple of " + inputs + " inputs");
        }
        return window.length / inputs;
    }

    /** Runs the GRU over the window (row-major [steps][inputs], oldest first) and returns the last hidden state. */
    public double[] lastHidden(float[] window) {
        int steps = steps(window), hN = hidden;
        double[] h = new double[hN], next = new double[hN], z = new double[hN], rh = new double[hN];
        for (int t = 0; t < steps; t++) {
            int xo = t * inputs;
            for (int j = 0; j < hN; j++) {
                double az = wb[j] + rb[j], ar = wb[hN + j] + rb[hN + j];
                for (int f = 0; f < inputs; f++) {
                    az += w[j * inputs + f] * (double) window[xo + f];
                    ar += w[(hN + j) * inputs + f] * (double) window[xo + f];
                }
                for (int k = 0; k < hN; k++) {
                    az += r[j * hN + k] * h[k];
                    ar += r[(hN + j) * hN + k] * h[k];
                }
                z[j] = sigmoid(az);
                rh[j] = sigmoid(ar) * h[j];
            }
            for (int j = 0; j < hN; j++) {
                double ah = wb[2 * hN + j] + rb[2 * hN + j];
                for (int f = 0; f < inputs; f++) ah += w[(2 * hN + j) * inputs + f] * (double) window[xo + f];
                for (int k = 0; k < hN; k++) ah += r[(2 * hN + j) * hN + k] * rh[k];
                next[j] = (1 - z[j]) * Math.tanh(ah) + z[j] * h[j];
            }
            double[] tmp = h;
            h = next;
            next = tmp;
        }
        return h;
    }

    public Output forward(float[] window) {
        double[] h = lastHidden(window);
        double v = volB, d = dirB;
        for (int j = 0; j < hidden; j++) {
            v += volW[j] * h[j];
            d += dirW[j] * h[j];
        }
        return new Output((float) v, (float) sigmoid(d), d);
    }

    /**
     * The same network with the direction head recalibrated: sigmoid(a·logit + b) folded into the head's weights
     * (a·dirW, a·dirB + b), so the calibrated model exports as the same graph.
     */
    public GruNetwork withDirectionScaled(double a, double b) {
        float[] dw = new float[hidden];
        for (int j = 0; j < hidden; j++) dw[j] = (float) (a * dirW[j]);
        return new GruNetwork(inputs, hidden, w, r, wb, rb, volW, volB, dw, (float) (a * dirB + b));
    }

    /** The same network with the volatility head mapped to a·v + b, folded into its weights (a·volW, a·volB + b). */
    public GruNetwork withVolatilityScaled(double a, double b) {
        float[] vw = new float[hidden];
        for (int j = 0; j < hidden; j++) vw[j] = (float) (a * volW[j]);
        return new GruNetwork(inputs, hidden, w, r, wb, rb, vw, (float) (a * volB + b), dirW, dirB);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
