package io.vprop.models.registry;

/** A model file that must not be served (corrupt, wrong signature, metadata mismatch, failed parity). */
public final class ModelRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelRejectedException(String message) {
        super(message);
    }

    public ModelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
