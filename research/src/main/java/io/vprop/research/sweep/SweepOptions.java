package io.vprop.research.sweep;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How a sweep runs; none of it changes a result.
 *
 * @param threads    worker threads (>= 1) of the default executor
 * @param checkpoint JSON-lines file of finished units, read first and appended to; null for none
 * @param progress   where the progress bar goes (stderr), null for silence
 * @param tty        redraw one line in place (a terminal) instead of printing a line every few seconds
 * @param executor   who computes the units: null for {@code threads} local threads, or a cluster
 *                   ({@link SweepExecutors#spark}); the caller closes it
 */
public record SweepOptions(int threads, Path checkpoint, PrintStream progress, boolean tty, SweepExecutor executor) {
    public SweepOptions {
        if (threads < 1) throw new IllegalArgumentException("a sweep needs at least 1 thread, got " + threads);
    }

    public SweepOptions(int threads, Path checkpoint, PrintStream progress, boolean tty) {
        this(threads, checkpoint, progress, tty, null);
    }

    /** All available cores, no checkpoint, no progress output. */
    public static SweepOptions quiet() {
        return new SweepOptions(Runtime.getRuntime().availableProcessors(), null, null, false);
    }

    public SweepOptions withThreads(int n) { return new SweepOptions(n, checkpoint, progress, tty, executor); }

    public SweepOptions withCheckpoint(Path file) { return new SweepOptions(threads, file, progress, tty, executor); }

    public SweepOptions withExecutor(SweepExecutor e) { return new SweepOptions(threads, checkpoint, progress, tty, e); }
}
