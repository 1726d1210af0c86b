package io.vprop.research.walkforward;

import java.io.Serializable;

/**
 * How a worker in another JVM (a Spark executor) builds the same {@link UnitRunner} as the driver: data paths,
 * strategy and costs as plain values, never the loaded bars. Compared with {@code equals} (make it a record): a worker
 * builds one runner per equal recipe and keeps it for every unit and both phases.
 */
public interface RunnerRecipe extends Serializable {
    UnitRunner create();
}
