package io.vprop.research.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work units on a fixed pool of threads. Each thread takes the next pending unit until none is left; results
 * land in the slot of their unit, so they come back in the units' order whatever the number of threads. With a
 * checkpoint, a unit whose id and input hash are already stored is read back instead of computed, and each computed
 * unit is appended as soon as it is done: an interrupted sweep (Ctrl-C, kill) rerun with the same checkpoint skips
 * what was done and gives the same results.
 */
public final class Sweep {
    private Sweep() {
    }

    public static <U, R> SweepRun<R> run(String phase, List<U> units, SweepTask<U, R> task, SweepOptions options) {
        int n = units.size();
        Object[] results = new Object[n];
        String[] ids = new String[n];
        String[] hashes = new String[n];
        List<Integer> pending = new ArrayList<>();
        int reused = 0, stale = 0;
        Checkpoint checkpoint = options.checkpoint() == null ? null : Checkpoint.open(options.checkpoint());
        try {
            if (checkpoint != null && checkpoint.ignoredTail() > 0 && options.progress() != null) {
                options.progress().println("checkpoint " + checkpoint.file()
                        + ": its last line was cut short (an interrupted write) and is ignored");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                U u = units.get(i);
                ids[i] = task.id(u);
                if (!seen.add(ids[i])) throw new IllegalArgumentException("two units share the id " + ids[i]);
                hashes[i] = sha256(task.inputs(u));
                Checkpoint.Entry stored = checkpoint == null ? null : checkpoint.get(ids[i]);
                if (stored != null && stored.hash().equals(hashes[i])) {
                    results[i] = task.decode(stored.result());
                    reused++;
                } else {
                    if (stored != null) stale++;
                    pending.add(i);
                }
            }
            runPending(phase, units, task, options, checkpoint, pending, results, ids, hashes, reused);
        } finally {
            if (checkpoint != null) checkpoint.close();
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return new SweepRun<>(list, pending.size(), reused, stale);
    }

    private static <U, R> void runPending(String phase, List<U> units, SweepTask<U, R> task, SweepOptions options,
                                          Checkpoint checkpoint, List<Integer> pending, Object[] results,
                                          String[] ids, String[] hashes, int reused) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<SweepException> failure = new AtomicReference<>();
        Thread hook = checkpoint == null ? null : new Thread(() -> {
            if (options.progress() != null) {
                options.progress().println("\ninterrupted: finished units are in " + checkpoint.file()
                        + "; run the same command again to resume");
            }
        }, "sweep-interrupt-note");
        if (hook != null) Runtime.getRuntime().addShutdownHook(hook);
        int threads = Math.min(options.threads(), Math.max(1, pending.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sweep-" + phase);
            t.setDaemon(true);
            return t;
        });
        try (Progress progress = new Progress(phase, units.size(), reused, options.progress(), options.tty())) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    int k;
                    while (failure.get() == null && (k = next.getAndIncrement()) < pending.size()) {
                        int i = pending.get(k);
                        try {
                            R r = task.compute(units.get(i));
                            if (r == null) throw new IllegalStateException("the task returned no result");
                            results[i] = r;
                            if (checkpoint != null) {
                                JsonNode json = task.encode(r);
                                checkpoint.append(ids[i], hashes[i], json);
                            }
                            progress.unitDone();
                        } catch (RuntimeException | Error e) {
                            failure.compareAndSet(null, new SweepException("unit " + ids[i] + " failed: " + e, e));
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SweepException("interrupted while waiting for the " + phase + " units", e);
                } catch (ExecutionException e) {
                    throw new SweepException("a " + phase + " worker died: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting: the hook prints its note
                }
            }
        }
        if (failure.get() != null) throw failure.get();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
