package io.vprop.research.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.challenge.sim.BlockOutcome;
import io.vprop.challenge.sim.LabRecipe;
import io.vprop.challenge.sim.PathBlock;
import io.vprop.challenge.sim.PathExecutor;
import io.vprop.research.sweep.SweepException;
import io.vprop.research.sweep.SweepExecutor;
import io.vprop.research.sweep.SweepTask;
import io.vprop.research.sweep.TaskRecipe;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * A sweep's pending units as one Spark job: the (index, unit) pairs are parallelised into a few partitions per core,
 * each task rebuilds the sweep's task from its recipe and returns its units' results as JSON, and the driver hands
 * each partition's results to the sweep as soon as it finishes (so the checkpoint grows while the job runs and an
 * interrupted run resumes). Units, recipes and results cross the wire with Java serialisation; the data do not: the
 * executors read them from the paths in the recipe. The challenge lab's path blocks ({@link PathExecutor}) go the
 * same way.
 */
final class SparkSweepExecutor implements SweepExecutor, PathExecutor {
    /** local[N] gets Spark's cluster default of 4 attempts per task (plain local mode would fail at the first). */
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)])?");
    static final int TASKS_PER_CORE = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String master;
    private final JavaSparkContext sc;

    SparkSweepExecutor(String master, String appName, Map<String, String> conf) {
        this.master = master;
        SparkConf c = new SparkConf() // also every -Dspark.* system property (executor memory, jars, …)
                .setMaster(withRetries(master))
                .setAppName(appName)
                .setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.forEach(c::set);
        if (!master.startsWith("local") && !c.contains("spark.jars")) {
            String jars = String.join(",", ShippedJars.of(System.getProperty("java.class.path")));
            if (!jars.isEmpty()) c.set("spark.jars", jars);
        }
        this.sc = new JavaSparkContext(new SparkContext(c)); // one per JVM: a second one fails loudly
    }

    static String withRetries(String master) {
        Matcher m = LOCAL.matcher(master.trim());
        if (!m.matches()) return master;
        String n = m.group(2) == null ? "1" : m.group(2);
        return "local[" + n + ",4]";
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Spark %s (%d cores)", master, sc.defaultParallelism());
    }

    @Override
    public <U, R> void compute(String phase, List<U> units, List<Integer> pending, SweepTask<U, R> task,
                               TaskRecipe<U, R> recipe, Sink<R> sink) {
        if (pending.isEmpty()) return;
        if (recipe == null) {
            throw new IllegalStateException("the " + phase + " sweep has no recipe to rebuild its task on Spark executors");
        }
        List<Tuple2<Integer, U>> pairs = new ArrayList<>(pending.size());
        for (int i : pending) {
            U u = units.get(i);
            if (!(u instanceof Serializable)) {
                throw new IllegalStateException("unit " + task.id(u) + " is not Serializable: it cannot go to Spark");
            }
            pairs.add(new Tuple2<>(i, u));
        }
        int slices = Math.max(1, Math.min(pairs.size(), sc.defaultParallelism() * TASKS_PER_CORE));
        JavaRDD<Tuple2<Integer, U>> rdd = sc.parallelize(pairs, slices);
        sc.setJobDescription(phase + ": " + pairs.size() + " units");
        try {
            sc.sc().runJob(rdd.rdd(), new RunPartition<>(recipe), new Gather<>(task, sink),
                    ClassTag$.MODULE$.apply(Chunk.class));
        } catch (Exception e) { // SparkException is checked in Scala's eyes only
            throw new SweepException("the " + phase + " units failed on Spark (" + master + "): " + rootMessage(e), e);
        }
    }

    /** The challenge lab's path blocks: one job, blocks gathered by index like a sweep's units. */
    @Override
    public void runBlocks(List<PathBlock> blocks, LabRecipe recipe, BiConsumer<Integer, BlockOutcome> done) {
        LabTask task = new LabTask(recipe);
        compute("challenge", blocks, IntStream.range(0, blocks.size()).boxed().toList(), task, new LabTask.Recipe(recipe),
                done::accept);
    }

    private static String rootMessage(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** On the driver, once per finished partition: decode and hand over in the partition's order. */
    private static final class Gather<U, R> extends AbstractFunction2<Object, Chunk, BoxedUnit> {
        private final SweepTask<U, R> task;
        private final Sink<R> sink;

        Gather(SweepTask<U, R> task, Sink<R> sink) {
            this.task = task;
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, Chunk chunk) {
            for (int k = 0; k < chunk.indices().length; k++) {
                try {
                    sink.done(chunk.indices()[k], task.decode(JSON.readTree(chunk.results()[k])));
                } catch (IOException e) {
                    throw new UncheckedIOException("a Spark result is not JSON: " + e.getMessage(), e);
                }
            }
            return BoxedUnit.UNIT;
        }
    }

    @Override
    public void close() {
        sc.stop();
    }
}
