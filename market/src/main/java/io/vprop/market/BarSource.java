package io.vprop.market;

/** A pull-based stream of closed bars (bar files). */
public interface BarSource extends AutoCloseable {

    /** The next bar, or {@code null} when the stream has ended. */
    Bar next();

    @Override
    default void close() {
    }
}
