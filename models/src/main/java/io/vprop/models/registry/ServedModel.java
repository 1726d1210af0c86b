package io.vprop.models.registry;

/**
 * A model the {@link ModelRegistry} can load, verify and hot-swap: an ONNX Runtime session
 * plus the kind-specific way to call it. Implementations are thread-safe for concurrent callers.
 */
public interface ServedModel extends AutoCloseable {
    /**
     * Runs the model on stored parity rows (one flattened input per row, in the layout the metadata describes) and
     * returns every output value, row after row, flattened. The registry compares this with the Java model's stored
     * outputs ({@code ModelMetadata.parityExpected}) within 1e-5 before it serves a version.
     */
    float[] evaluateFlat(float[][] rows);

    @Override
    void close();
}
