package io.vprop.models.drift;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
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
import java.util.Set;

/**
 * The drift autoencoder served by ONNX Runtime: input {@code features} float[N, F]; outputs
 * {@code reconstruction_error} float[N, 1] and {@code reconstruction} float[N, F]. The signature (names, ranks,
 * widths) is checked at load, so a wrong or corrupt file is a {@link ModelRejectedException} naming the source.
 * Thread-safe (OrtSession.run is; input buffers are per thread). Parity layout for the registry: per row the error,
 * then the F reconstruction values.
 */
public final class OnnxAutoencoder implements ServedModel {
    /** Loader for the registry: the metadata's feature count is the expected input and reconstruction width. */
    public static final ModelLoader<OnnxAutoencoder> LOADER =
            (onnx, meta, source) -> new OnnxAutoencoder(onnx, meta.features().size(), source);

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int width;
    private final String source;
    private final long[] oneRow;
    private final ThreadLocal<FloatBuffer> buffers;

    public OnnxAutoencoder(byte[] model, int expectedFeatures, String source) {
        this.source = source;
        this.session = OnnxSessions.open(model, source, s -> checkSignature(s, expectedFeatures));
        this.width = expectedFeatures;
        this.oneRow = new long[]{1, width};
        this.buffers = ThreadLocal.withInitial(() -> OnnxSessions.directFloats(width));
    }

    private void checkSignature(OrtSession s, int expected) {
        try {
            Map<String, NodeInfo> in = s.getInputInfo();
            Map<String, NodeInfo> out = s.getOutputInfo();
            if (in.size() != 1 || !in.containsKey(OnnxAutoencoderExport.INPUT)) {
                throw new ModelRejectedException(source + ": expected one input '" + OnnxAutoencoderExport.INPUT
                        + "', found " + in.keySet());
            }
            if (!out.keySet().equals(Set.of(OnnxAutoencoderExport.ERROR, OnnxAutoencoderExport.RECONSTRUCTION))) {
                throw new ModelRejectedException(source + ": expected outputs '" + OnnxAutoencoderExport.ERROR + "' and '"
                        + OnnxAutoencoderExport.RECONSTRUCTION + "', found " + out.keySet());
            }
            checkTensor(in.get(OnnxAutoencoderExport.INPUT), "input", expected);
            checkTensor(out.get(OnnxAutoencoderExport.ERROR), "output", 1);
            checkTensor(out.get(OnnxAutoencoderExport.RECONSTRUCTION), "output", expected);
        } catch (OrtException e) {
            throw new ModelRejectedException(source + ": cannot read the model signature: " + e.getMessage(), e);
        }
    }

    private void checkTensor(NodeInfo n, String what, int width) {
        if (!(n.getInfo() instanceof TensorInfo ti) || ti.getShape().length != 2) {
            throw new ModelRejectedException(source + ": " + what + " '" + n.getName() + "' must be a rank-2 float tensor, is "
                    + n.getInfo());
        }
        if (ti.type != OnnxJavaType.FLOAT) {
            throw new ModelRejectedException(source + ": " + what + " '" + n.getName() + "' must be float, is " + ti.type);
        }
        long w = ti.getShape()[1];
        if (w != width) {
            throw new ModelRejectedException(source + ": " + what + " '" + n.getName() + "' has width " + w + " but "
                    + width + " is expected");
        }
    }

    public int width() {
        return width;
    }

    /** Reconstruction error of one row. */
    public float error(float[] features) {
        if (features.length != width) throw new IllegalArgumentException("expected " + width + " features, got " + features.length);
        FloatBuffer b = buffers.get();
        b.clear();
        b.put(features);
        b.flip();
        return error(b);
    }

    /** Reconstruction error of one row already in a FloatBuffer of {@link #width()} values (position 0). */
    public float error(FloatBuffer row) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, row, oneRow);
             OrtSession.Result r = session.run(Map.of(OnnxAutoencoderExport.INPUT, t), Set.of(OnnxAutoencoderExport.ERROR))) {
            return ((float[][]) r.get(0).getValue())[0][0];
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reconstruction errors of many rows in one call (what the drift monitor uses for a window). */
    public float[] errors(float[][] rows) {
        float[] out = new float[rows.length];
        if (rows.length == 0) return out;
        try (OnnxTensor t = batch(rows);
             OrtSession.Result r = session.run(Map.of(OnnxAutoencoderExport.INPUT, t), Set.of(OnnxAutoencoderExport.ERROR))) {
            float[][] e = (float[][]) r.get(0).getValue();
            for (int i = 0; i < out.length; i++) out[i] = e[i][0];
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public float[] evaluateFlat(float[][] rows) {
        float[] out = new float[rows.length * (1 + width)];
        try (OnnxTensor t = batch(rows);
             OrtSession.Result r = session.run(Map.of(OnnxAutoencoderExport.INPUT, t))) {
            float[][] e = (float[][]) value(r, OnnxAutoencoderExport.ERROR);
            float[][] rec = (float[][]) value(r, OnnxAutoencoderExport.RECONSTRUCTION);
            for (int i = 0; i < rows.length; i++) {
                out[i * (1 + width)] = e[i][0];
                System.arraycopy(rec[i], 0, out, i * (1 + width) + 1, width);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + source + ": " + e.getMessage(), e);
        }
    }

    private static Object value(OrtSession.Result r, String name) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
        return v.getValue();
    }

    private OnnxTensor batch(float[][] rows) throws OrtException {
        FloatBuffer buf = OnnxSessions.directFloats(width * rows.length);
        for (float[] r : rows) {
            if (r.length != width) throw new IllegalArgumentException("expected " + width + " features, got " + r.length);
            buf.put(r);
        }
        buf.flip();
        return OnnxTensor.createTensor(env, buf, new long[]{rows.length, width});
    }

    @Override
    public void close() {
        OnnxSessions.closeQuietly(session);
    }

}
