package io.vprop.research.sweep;

import java.io.Serializable;

/**
 * How a worker in another JVM rebuilds a sweep's task: a small serialisable value (paths, options, the code's
 * fingerprint), never loaded data. Recipes are compared with {@code equals}: a worker builds a task once per equal
 * recipe and reuses it for every unit it is given ({@link WorkerCache}), so records make good recipes.
 */
public interface TaskRecipe<U, R> extends Serializable {
    SweepTask<U, R> create();
}
