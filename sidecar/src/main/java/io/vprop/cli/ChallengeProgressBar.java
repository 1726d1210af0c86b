package io.vprop.cli;

import io.vprop.challenge.sim.LabProgress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code vprop challenge}'s progress bar on stderr: paths done of the run's total, paths per second and the time
 * left. The lab's workers only store the count; a printer thread draws: on a terminal one line redrawn five times a
 * second, otherwise (a log, a pipe) a plain line every 10 seconds. Closing draws the final line.
 */
final class ChallengeProgressBar implements LabProgress, AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean tty;
    private final long startNs = System.nanoTime();
    private final Thread printer;
    private volatile long done, total;
    private volatile boolean closed;

    ChallengeProgressBar(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
        long periodMs = tty ? 200 : 10_000;
        printer = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed && total > 0) print(false);
            }
        }, "challenge-progress");
        printer.setDaemon(true);
        printer.start();
    }

    @Override
    public void paths(long doneNow, long totalNow) {
        total = totalNow;
        if (doneNow > done) done = doneNow; // chunks finish out of order on several threads
    }

    /** The line as shown: "challenge [#######.......] 41,000/120,000 paths  8,200 paths/s  ETA 9s". */
    String line() {
        long d = done, t = Math.max(total, 1);
        double seconds = (System.nanoTime() - startNs) / 1e9;
        double rate = seconds > 0 ? d / seconds : 0;
        int fill = (int) Math.min(WIDTH, WIDTH * d / t);
        String eta = rate > 0 ? duration((t - d) / rate) : "?";
        return String.format(Locale.ROOT, "challenge [%s%s] %,d/%,d paths  %,.0f paths/s  ETA %s", "#".repeat(fill),
                ".".repeat(WIDTH - fill), d, t, rate, eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? (s / 3600) + "h" + String.format(Locale.ROOT, "%02dm", s % 3600 / 60)
                : s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60) : s + "s";
    }

    private synchronized void print(boolean last) {
        if (tty) {
            out.print("\r" + line() + (last ? "\n" : ""));
        } else {
            out.println(line());
        }
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        printer.interrupt();
        if (total > 0) print(true);
    }
}
