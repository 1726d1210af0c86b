package io.vprop.models.seq;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.vprop.models.registry.ModelLoader;
import io.vprop.models.registry.ModelRejectedException;
import io.vprop.models.registry.OnnxSessions;
import io.vprop.models.registry.ServedModel;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The sequence model served by ONNX Runtime: input {@code bars} float[B, window, F], outputs {@code volatility}
 * float[B, 1] (log of the expected next-horizon σ over the current σ60) and {@code direction} float[B, 1]
 * (P(close higher after the horizon)). Construction checks names, ranks and widths against what the caller expects,
 * so a wrong or corrupt file fails at load with a {@link ModelRejectedException}. One window per call goes through a
 * per-thread direct FloatBuffer (ONNX Runtime reads it in place). Thread-safe.
 */
public final class OnnxSequenceModel implements ServedModel {
    /** Window length and per-bar features come from the metadata ({@code properties.window}, {@code features}). */
    public static final ModelLoader<OnnxSequenceModel> LOADER = (onnx, meta, source) -> {
        double w = meta.number(SequenceTraining.WINDOW, -1);
        if (!(w >= 1) || w != Math.rint(w)) {
            throw new ModelRejectedException(source + ": metadata has no valid '" + SequenceTraining.WINDOW + "' property (" + w + ")");
        }
        return new OnnxSequenceModel(onnx, (int) w, meta.features().size(), source);
    };

    /** Both heads for one window. */
    public record Prediction(float volatility, float direction) {
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int window, features;
    private final String source;
    private final long[] shape;
    private final ThreadLocal<FloatBuffer> buffers;

    public OnnxSequenceModel(byte[] model, int window, int features, String source) {
        this.source = source;
        this.window = window;
        this.features = features;
        this.session = OnnxSessions.open(model, source, this::checkSignature);
        this.shape = new long[]{1, window, features};
        this.buffers = ThreadLocal.withInitial(() -> OnnxSessions.directFloats(window * features));
    }

    private void checkSignature(OrtSession s) {
        try {
            Map<String, NodeInfo> in = s.getInputInfo();
            Map<String, NodeInfo> out = s.getOutputInfo();
            if (in.size() != 1 || !in.containsKey(OnnxSequenceExport.INPUT)) {
                throw new ModelRejectedException(source + ": expected one input '" + OnnxSequenceExport.INPUT + "', found " + in.keySet());
            }
            if (!(in.get(OnnxSequenceExport.INPUT).getInfo() instanceof TensorInfo ti) || ti.getShape().length != 3) {
                throw new ModelRejectedException(source + ": input '" + OnnxSequenceExport.INPUT + "' must be a rank-3 float tensor [batch, window, features]");
            }
            long[] sh = ti.getShape();
            if (sh[1] != window || sh[2] != features) {
                throw new ModelRejectedException(source + ": model takes windows of " + sh[1] + " bars × " + sh[2]
                        + " features but the metadata says " + window + " × " + features);
            }
            for (String name : new String[]{OnnxSequenceExport.VOLATILITY, OnnxSequenceExport.DIRECTION}) {
                NodeInfo o = out.get(name);
                if (o == null) throw new ModelRejectedException(source + ": expected an output '" + name + "', found " + out.keySet());
                if (!(o.getInfo() instanceof TensorInfo oi) || oi.getShape().length != 2 || oi.getShape()[1] != 1) {
                    throw new ModelRejectedException(source + ": output '" + name + "' must be a float tensor [batch, 1]");
                }
            }
        } catch (OrtException e) {
            throw new ModelRejectedException(source + ": cannot read the model signature: " + e.getMessage(), e);
        }
    }

    public int window() {
        return window;
    }

    public int features() {
        return features;
    }

    /** Both heads for one window, row-major [window][features], oldest bar first. */
    public Prediction predict(float[] window) {
        if (window.length != this.window * features) {
            throw new IllegalArgumentException("expected a window of " + this.window + " × " + features + " = "
                    + this.window * features + " floats, got " + window.length);
        }
        FloatBuffer buf = buffers.get();
        buf.clear();
        buf.put(window);
        buf.flip();
        return predict(buf);
    }

    /** Both heads for one window already in a FloatBuffer (position 0, window × features values). */
    public Prediction predict(FloatBuffer window) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, window, shape);
             OrtSession.Result r = session.run(Map.of(OnnxSequenceExport.INPUT, t))) {
            return new Prediction(first(r, OnnxSequenceExport.VOLATILITY)[0][0], first(r, OnnxSequenceExport.DIRECTION)[0][0]);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    /** Many windows in one call: result[i] = {volatility, direction}. */
    public float[][] predictBatch(float[][] windows) {
        int width = window * features;
        FloatBuffer buf = OnnxSessions.directFloats(width * windows.length);
        for (float[] w : windows) {
            if (w.length != width) throw new IllegalArgumentException("expected windows of " + width + " floats, got " + w.length);
            buf.put(w);
        }
        buf.flip();
        try (OnnxTensor t = OnnxTensor.createTensor(env, buf, new long[]{windows.length, window, features});
             OrtSession.Result r = session.run(Map.of(OnnxSequenceExport.INPUT, t))) {
            float[][] v = first(r, OnnxSequenceExport.VOLATILITY), d = first(r, OnnxSequenceExport.DIRECTION);
            float[][] out = new float[windows.length][];
            for (int i = 0; i < out.length; i++) out[i] = new float[]{v[i][0], d[i][0]};
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    private float[][] first(OrtSession.Result r, String name) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException(source + " produced no '" + name + "'"));
        return (float[][]) v.getValue();
    }

    /** Volatility and direction of each row, row after row. */
    @Override
    public float[] evaluateFlat(float[][] rows) {
        float[][] p = predictBatch(rows);
        float[] out = new float[2 * p.length];
        for (int i = 0; i < p.length; i++) {
            out[2 * i] = p[i][0];
            out[2 * i + 1] = p[i][1];
        }
        return out;
    }

    @Override
    public void close() {
        OnnxSessions.closeQuietly(session);
    }

}
