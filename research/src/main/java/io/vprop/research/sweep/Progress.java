package io.vprop.research.sweep;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The progress bar on stderr: units done of the total, units per second and the time left. On a terminal one line
 * is redrawn in place five times a second; otherwise (a log, a pipe) a plain line is printed every 10 seconds. Units
 * read from the checkpoint count as done but not in the rate.
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;

    private final String phase;
    private final int total;
    private final int reused;
    private final PrintStream out;
    private final boolean tty;
    private final AtomicInteger computed = new AtomicInteger();
    private final long startNs = System.nanoTime();
    private final Thread printer;
    private volatile boolean closed;

    Progress(String phase, int total, int reused, PrintStream out, boolean tty) {
        this.phase = phase;
        this.total = total;
        this.reused = reused;
        this.out = out;
        this.tty = tty;
        if (out == null) {
            printer = null;
            return;
        }
        long periodMs = tty ? 200 : 10_000;
        printer = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed) print(false);
            }
        }, "sweep-progress");
        printer.setDaemon(true);
        printer.start();
    }

    void unitDone() {
        computed.incrementAndGet();
    }

    int computed() { return computed.get(); }

    /** The line as shown, e.g. "train [#######.......] 1234/14400 units  85.2 units/s  ETA 2m34s". */
    String line() {
        int c = computed.get(), done = c + reused;
        double seconds = (System.nanoTime() - startNs) / 1e9;
        double rate = seconds > 0 ? c / seconds : 0;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = done >= total ? "done in " + duration(seconds)
                : rate > 0 ? "ETA " + duration((total - done) / rate) : "ETA --";
        return String.format(Locale.ROOT, "%s [%s] %d/%d units%s  %.1f units/s  %s", phase, bar, done, total,
                reused > 0 ? " (" + reused + " from checkpoint)" : "", rate, eta);
    }

    private synchronized void print(boolean last) {
        if (tty) {
            out.print("\r" + line() + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(line());
        }
        out.flush();
    }

    @Override
    public void close() {
        if (printer == null) return;
        closed = true;
        printer.interrupt();
        print(true);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
