package io.vprop.research.sweep;

/** A unit failed; the message names it. Units finished before it are in the checkpoint. */
public final class SweepException extends RuntimeException {
    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
