package io.vprop.models.drift;

import java.util.List;

/**
 * A trained autoencoder in float32, exactly as exported to ONNX: standardize ((x − mean) / std), then dense layers
 * (tanh on every hidden layer, linear output), then the reconstruction error = mean over features of
 * (reconstruction − standardized input)². Every operation is a float operation in the same order the ONNX graph
 * performs it (Sub, Div, MatMul + Add, Tanh, Sub, Mul, ReduceMean), so the Java and ONNX Runtime outputs agree to
 * float rounding (well inside 1e-5). Immutable and thread-safe.
 */
public final class Autoencoder {
    /**
     * One dense layer: out = act(in · w + b), {@code w} row-major [in][out] (ONNX MatMul's weight layout).
     */
    public record Dense(int in, int out, float[] w, float[] b, boolean tanh) {
        public Dense {
            if (w.length != in * out) throw new IllegalArgumentException("weights " + w.length + " != " + in + "x" + out);
            if (b.length != out) throw new IllegalArgumentException("bias " + b.length + " != " + out);
        }
    }

    private final float[] mean;
    private final float[] std;
    private final List<Dense> layers;
    private final int width;

    public Autoencoder(float[] mean, float[] std, List<Dense> layers) {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std differ in length");
        if (layers.isEmpty()) throw new IllegalArgumentException("no layers");
        this.width = mean.length;
        int prev = width;
        for (Dense d : layers) {
            if (d.in() != prev) throw new IllegalArgumentException("layer takes " + d.in() + " inputs but gets " + prev);
            prev = d.out();
        }
        if (prev != width) throw new IllegalArgumentException("output width " + prev + " != input width " + width);
        if (layers.get(layers.size() - 1).tanh()) throw new IllegalArgumentException("the output layer must be linear");
        for (float s : std) if (!(s > 0)) throw new IllegalArgumentException("std must be > 0, got " + s);
        this.mean = mean.clone();
        this.std = std.clone();
        this.layers = List.copyOf(layers);
    }

    public int width() { return width; }
    public float[] mean() { return mean.clone(); }
    public float[] std() { return std.clone(); }
    public List<Dense> layers() { return layers; }

    /** Reconstruction error of one row (standardized units). */
    public float error(float[] x) {
        return reconstruct(x, null);
    }

    /**
     * Writes the reconstruction (in standardized units, the ONNX output {@code reconstruction}) into {@code out}
     * when it is not null and returns the reconstruction error.
     */
    public float reconstruct(float[] x, float[] out) {
        if (x.length != width) throw new IllegalArgumentException("expected " + width + " features, got " + x.length);
        float[] z = new float[width];
        for (int i = 0; i < width; i++) z[i] = (x[i] - mean[i]) / std[i];
        float[] a = z;
        for (Dense d : layers) {
            float[] h = new float[d.out()];
            for (int j = 0; j < d.out(); j++) {
                float s = 0f;
                for (int i = 0; i < d.in(); i++) s += a[i] * d.w()[i * d.out() + j];
                s += d.b()[j];
                h[j] = d.tanh() ? (float) Math.tanh(s) : s;
            }
            a = h;
        }
        float sum = 0f;
        for (int i = 0; i < width; i++) {
            float e = a[i] - z[i];
            sum += e * e;
        }
        if (out != null) System.arraycopy(a, 0, out, 0, width);
        return sum / width;
    }

    /** Errors of many rows. */
    public float[] errors(float[][] rows) {
        float[] e = new float[rows.length];
        for (int r = 0; r < rows.length; r++) e[r] = error(rows[r]);
        return e;
    }

    /** The registry's parity layout: per row the error, then the reconstruction (like {@link OnnxAutoencoder}). */
    public float[] flatOutputs(float[][] rows) {
        float[] out = new float[rows.length * (1 + width)];
        float[] rec = new float[width];
        for (int r = 0; r < rows.length; r++) {
            out[r * (1 + width)] = reconstruct(rows[r], rec);
            System.arraycopy(rec, 0, out, r * (1 + width) + 1, width);
        }
        return out;
    }
}
