package io.vprop.models.registry;

/**
 * Opens the ONNX bytes of one model kind and checks the session's signature (input/output names, ranks, widths)
 * against the metadata. Anything wrong is a {@link ModelRejectedException} naming {@code source} and the mismatch.
 */
@FunctionalInterface
public interface ModelLoader<M extends ServedModel> {
    M load(byte[] onnx, ModelMetadata metadata, String source);
}
