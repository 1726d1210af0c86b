package io.vprop.models.registry;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.vprop.models.train.OnnxTreeExport;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A binary classifier served by ONNX Runtime: input {@code features} float[N, F], output {@code probability}
 * float[N, 1]. Construction validates the model's signature, so a corrupt or incompatible file fails here with a
 * {@link ModelRejectedException} instead of at the first tick. Inputs go through a per-thread direct FloatBuffer
 * (ONNX Runtime reads it without a copy). Thread-safe: OrtSession.run is thread-safe and buffers are per thread.
 */
public final class OnnxClassifier implements ServedModel {
    /** Loader for the registry: the metadata's feature count is the expected input width. */
    public static final ModelLoader<OnnxClassifier> LOADER =
            (onnx, meta, source) -> new OnnxClassifier(onnx, meta.features().size(), source);

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int featureCount;
    private final String source;
    private final ThreadLocal<FloatBuffer> buffers;
    private final long[] shape;

    public OnnxClassifier(byte[] model, int expectedFeatures, String source) {
        this.source = source;
        int[] width = new int[1];
        this.session = OnnxSessions.open(model, source, s -> width[0] = checkSignature(s, expectedFeatures));
        this.featureCount = width[0];
        this.shape = new long[]{1, featureCount};
        this.buffers = ThreadLocal.withInitial(() -> OnnxSessions.directFloats(featureCount));
    }

    private int checkSignature(OrtSession s, int expected) {
        try {
            Map<String, NodeInfo> in = s.getInputInfo();
            Map<String, NodeInfo> out = s.getOutputInfo();
            if (in.size() != 1 || !in.containsKey(OnnxTreeExport.INPUT)) {
                throw new ModelRejectedException(source + ": expected one input '" + OnnxTreeExport.INPUT + "', found " + in.keySet());
            }
            if (!out.containsKey(OnnxTreeExport.OUTPUT)) {
                throw new ModelRejectedException(source + ": expected an output '" + OnnxTreeExport.OUTPUT + "', found " + out.keySet());
            }
            if (!(in.get(OnnxTreeExport.INPUT).getInfo() instanceof TensorInfo ti) || ti.getShape().length != 2) {
                throw new ModelRejectedException(source + ": input '" + OnnxTreeExport.INPUT + "' must be a rank-2 float tensor");
            }
            long width = ti.getShape()[1];
            if (width != expected) {
                throw new ModelRejectedException(source + ": model takes " + width + " features but " + expected
                        + " are expected");
            }
            return (int) width;
        } catch (OrtException e) {
            throw new ModelRejectedException(source + ": cannot read the model signature: " + e.getMessage(), e);
        }
    }

    public int featureCount() {
        return featureCount;
    }

    /** P(class 1) for one row. */
    public float predict(float[] features) {
        if (features.length != featureCount) {
            throw new IllegalArgumentException("expected " + featureCount + " features, got " + features.length);
        }
        FloatBuffer buf = buffers.get();
        buf.clear();
        buf.put(features);
        buf.flip();
        return predict(buf);
    }

    /** P(class 1) for one row already in a FloatBuffer of {@link #featureCount()} values (position 0). */
    public float predict(FloatBuffer row) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, row, shape);
             OrtSession.Result r = session.run(Map.of(OnnxTreeExport.INPUT, t))) {
            float[][] p = (float[][]) r.get(0).getValue();
            return p[0][0];
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    /** P(class 1) for many rows in one call. */
    public float[] predictBatch(float[][] rows) {
        FloatBuffer buf = OnnxSessions.directFloats(featureCount * rows.length);
        for (float[] r : rows) {
            if (r.length != featureCount) throw new IllegalArgumentException("expected " + featureCount + " features, got " + r.length);
            buf.put(r);
        }
        buf.flip();
        try (OnnxTensor t = OnnxTensor.createTensor(env, buf, new long[]{rows.length, featureCount});
             OrtSession.Result r = session.run(Map.of(OnnxTreeExport.INPUT, t))) {
            float[][] p = (float[][]) r.get(0).getValue();
            float[] out = new float[rows.length];
            for (int i = 0; i < out.length; i++) out[i] = p[i][0];
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public float[] evaluateFlat(float[][] rows) {
        return predictBatch(rows);
    }

    @Override
    public void close() {
        OnnxSessions.closeQuietly(session);
    }

}
