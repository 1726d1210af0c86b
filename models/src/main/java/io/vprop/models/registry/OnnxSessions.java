package io.vprop.models.registry;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.function.Consumer;

/** What every served model kind does the same way with ONNX Runtime: open, verify, or close a session. */
public final class OnnxSessions {
    private OnnxSessions() {
    }

    /**
     * Opens {@code model} with one intra-op and one inter-op thread (one row or window per call: a thread pool costs
     * more than it saves), then runs {@code checkSignature}; any failure closes the session and surfaces as a
     * {@link ModelRejectedException} naming {@code source}.
     */
    public static OrtSession open(byte[] model, String source, Consumer<OrtSession> checkSignature) {
        OrtSession s;
        try {
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            s = OrtEnvironment.getEnvironment().createSession(model, opts);
        } catch (OrtException | RuntimeException e) {
            throw new ModelRejectedException(source + " is not a loadable ONNX model: " + e.getMessage(), e);
        }
        try {
            checkSignature.accept(s);
        } catch (RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
        return s;
    }

    /** A direct, native-order buffer ONNX Runtime reads without a copy. */
    public static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // nothing else to release
        }
    }
}
