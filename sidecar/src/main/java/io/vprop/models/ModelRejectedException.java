package io.vprop.models;

/** A model file that must not be served (corrupt, wrong signature, metadata mismatch, failed parity). */
public final class ModelRejectedException extends RuntimeException {
    public ModelRejectedException(String message) {
        super(message);
    }

    public ModelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
