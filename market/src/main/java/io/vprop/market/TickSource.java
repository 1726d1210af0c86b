package io.vprop.market;

/**
 * A pull-based stream of ticks: file readers, bar replays and the synthetic market all look like this, so the
 * paper terminal can be driven by any of them.
 */
public interface TickSource extends AutoCloseable {

    /** The next tick, or {@code null} when the stream has ended. */
    Tick next();

    /** Releases files; the default does nothing (in-memory sources). */
    @Override
    default void close() {
    }
}
