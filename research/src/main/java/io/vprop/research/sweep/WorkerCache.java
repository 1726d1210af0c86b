package io.vprop.research.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * What a worker JVM builds once and keeps for the units after: a task from its recipe, the bars a runner loaded. Keyed
 * by value (recipes are records), so the same recipe deserialised again in the next partition finds the same object;
 * threads asking for a key being built wait for it. A build may ask for another key (a task for its runner). A failed
 * build is not kept: the next attempt (a rerun task) builds again. It lives as long as the worker JVM; a sweep's data
 * are read-only, so sharing between threads is safe.
 */
public final class WorkerCache {
    private static final Map<Object, FutureTask<Object>> CACHE = new ConcurrentHashMap<>();

    private WorkerCache() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T get(Object key, Supplier<T> build) {
        FutureTask<Object> mine = new FutureTask<>(build::get);
        FutureTask<Object> f = CACHE.putIfAbsent(key, mine);
        if (f == null) {
            f = mine;
            mine.run();
        }
        try {
            return (T) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + key, e);
        } catch (ExecutionException e) {
            CACHE.remove(key, f);
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The task of {@code recipe}, built on first use in this JVM. */
    public static <U, R> SweepTask<U, R> task(TaskRecipe<U, R> recipe) {
        return get(recipe, recipe::create);
    }
}
