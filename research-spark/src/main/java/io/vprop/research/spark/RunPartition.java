package io.vprop.research.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.research.sweep.SweepTask;
import io.vprop.research.sweep.TaskRecipe;
import io.vprop.research.sweep.WorkerCache;
import org.apache.spark.TaskContext;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The code a Spark task runs on an executor: the task from its recipe (built once per executor JVM), then each unit
 * of the partition through the same domain code as a local run. A failure names the unit; Spark reruns the task
 * (spark.task.maxFailures) and the driver keeps one result per unit whichever attempt delivers it.
 */
final class RunPartition<U, R> extends AbstractFunction2<TaskContext, Iterator<Tuple2<Integer, U>>, Chunk>
        implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskRecipe<U, R> recipe;

    RunPartition(TaskRecipe<U, R> recipe) {
        this.recipe = recipe;
    }

    @Override
    public Chunk apply(TaskContext context, Iterator<Tuple2<Integer, U>> units) {
        SweepTask<U, R> task = WorkerCache.task(recipe);
        List<Integer> indices = new ArrayList<>();
        List<String> results = new ArrayList<>();
        while (units.hasNext()) {
            Tuple2<Integer, U> t = units.next();
            U unit = t._2();
            try {
                R r = task.compute(unit);
                if (r == null) throw new IllegalStateException("the task returned no result");
                results.add(JSON.writeValueAsString(task.encode(r)));
            } catch (Exception | Error e) {
                throw new IllegalStateException("unit " + task.id(unit) + " failed: " + e, e);
            }
            indices.add(t._1());
        }
        return new Chunk(indices.stream().mapToInt(Integer::intValue).toArray(), results.toArray(String[]::new));
    }
}
