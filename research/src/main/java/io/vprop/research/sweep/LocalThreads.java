package io.vprop.research.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default executor: a fixed pool of threads in this JVM. Each thread takes the next pending unit until none is
 * left or one has failed (then no new unit starts and the first failure is thrown).
 */
final class LocalThreads implements SweepExecutor {
    private final int threads;

    LocalThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("a sweep needs at least 1 thread, got " + threads);
        this.threads = threads;
    }

    @Override
    public String description() {
        return threads + (threads == 1 ? " local thread" : " local threads");
    }

    @Override
    public <U, R> void compute(String phase, List<U> units, List<Integer> pending, SweepTask<U, R> task,
                               TaskRecipe<U, R> recipe, Sink<R> sink) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<SweepException> failure = new AtomicReference<>();
        int n = Math.min(threads, Math.max(1, pending.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "sweep-" + phase);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < n; w++) {
                workers.add(pool.submit(() -> {
                    int k;
                    while (failure.get() == null && (k = next.getAndIncrement()) < pending.size()) {
                        int i = pending.get(k);
                        U unit = units.get(i);
                        try {
                            R r = task.compute(unit);
                            if (r == null) throw new IllegalStateException("the task returned no result");
                            sink.done(i, r);
                        } catch (RuntimeException | Error e) {
                            failure.compareAndSet(null, new SweepException("unit " + task.id(unit) + " failed: " + e, e));
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
        }
        if (failure.get() != null) throw failure.get();
    }
}
