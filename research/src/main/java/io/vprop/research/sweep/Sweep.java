package io.vprop.research.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Runs work units on a fixed pool of threads, or on a cluster ({@link SweepOptions#executor()}). Results land in the
 * slot of their unit (one per unit, whoever computed it), so they come back in the units' order whatever the number of threads. With a
 * checkpoint, a unit whose id and input hash are already stored is read back instead of computed, and each computed
 * unit is appended as soon as it is done: an interrupted sweep (Ctrl-C, kill) rerun with the same checkpoint skips
 * what was done and gives the same results.
 */
public final class Sweep {
    private Sweep() {
    }

    public static <U, R> SweepRun<R> run(String phase, List<U> units, SweepTask<U, R> task, SweepOptions options) {
        return run(phase, units, task, null, options);
    }

    /**
     * As {@link #run(String, List, SweepTask, SweepOptions)}; {@code recipe} rebuilds the task on a cluster's workers
     * when {@link SweepOptions#executor()} is one (null: the task runs in this JVM only).
     */
    public static <U, R> SweepRun<R> run(String phase, List<U> units, SweepTask<U, R> task, TaskRecipe<U, R> recipe,
                                         SweepOptions options) {
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
            runPending(phase, units, task, recipe, options, checkpoint, pending, results, ids, hashes, reused);
        } finally {
            if (checkpoint != null) checkpoint.close();
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return new SweepRun<>(list, pending.size(), reused, stale);
    }

    private static <U, R> void runPending(String phase, List<U> units, SweepTask<U, R> task, TaskRecipe<U, R> recipe,
                                          SweepOptions options, Checkpoint checkpoint, List<Integer> pending,
                                          Object[] results, String[] ids, String[] hashes, int reused) {
        Thread hook = checkpoint == null ? null : new Thread(() -> {
            if (options.progress() != null) {
                options.progress().println("\ninterrupted: finished units are in " + checkpoint.file()
                        + "; run the same command again to resume");
            }
        }, "sweep-interrupt-note");
        if (hook != null) Runtime.getRuntime().addShutdownHook(hook);
        SweepExecutor executor = options.executor() != null ? options.executor() : new LocalThreads(options.threads());
        try (Progress progress = new Progress(phase, units.size(), reused, options.progress(), options.tty())) {
            // one result per unit: a unit handed back twice (a task a cluster ran again) is kept once
            executor.compute(phase, units, pending, task, recipe, (i, r) -> {
                synchronized (results) {
                    if (results[i] != null) return;
                    results[i] = r;
                }
                if (checkpoint != null) checkpoint.append(ids[i], hashes[i], task.encode(r));
                progress.unitDone();
            });
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting: the hook prints its note
                }
            }
        }
        for (int i : pending) {
            if (results[i] == null) throw new SweepException("the executor (" + executor.description()
                    + ") returned no result for unit " + ids[i], null);
        }
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
