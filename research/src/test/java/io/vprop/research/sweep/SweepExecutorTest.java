package io.vprop.research.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor port as the sweep uses it: any executor, duplicates kept once, no silent gaps, no Spark here. */
class SweepExecutorTest {
    /** Computes pending units in reverse order and hands each one back twice, as a rerun task on a cluster could. */
    static final class TwiceBackwards implements SweepExecutor {
        @Override public String description() { return "twice backwards"; }

        @Override
        public <U, R> void compute(String phase, List<U> units, List<Integer> pending, SweepTask<U, R> task,
                                   TaskRecipe<U, R> recipe, Sink<R> sink) {
            List<Integer> order = new ArrayList<>(pending);
            Collections.reverse(order);
            for (int i : order) {
                R r = task.compute(units.get(i));
                sink.done(i, r);
                sink.done(i, task.compute(units.get(i)));
            }
        }
    }

    @Test
    void anyExecutorGivesTheLocalResultAndAUnitDeliveredTwiceIsKeptOnce(@TempDir Path dir) throws Exception {
        List<Double> local = Sweep.run("t", SweepTest.UNITS, new SweepTest.Numbers("v1"), SweepOptions.quiet().withThreads(2)).results();
        Path cp = dir.resolve("cp.jsonl");
        SweepRun<Double> run = Sweep.run("t", SweepTest.UNITS, new SweepTest.Numbers("v1"),
                SweepOptions.quiet().withExecutor(new TwiceBackwards()).withCheckpoint(cp));
        assertThat(run.results()).isEqualTo(local);
        assertThat(run.computed()).isEqualTo(SweepTest.UNITS.size());
        assertThat(Files.readAllLines(cp)).hasSize(SweepTest.UNITS.size());
    }

    @Test
    void anExecutorThatLosesAUnitFailsTheSweepNamingIt() {
        SweepExecutor lossy = new SweepExecutor() {
            @Override public String description() { return "lossy"; }

            @Override
            public <U, R> void compute(String phase, List<U> units, List<Integer> pending, SweepTask<U, R> task,
                                       TaskRecipe<U, R> recipe, Sink<R> sink) {
                for (int i : pending) if (i != 7) sink.done(i, task.compute(units.get(i)));
            }
        };
        assertThatThrownBy(() -> Sweep.run("t", SweepTest.UNITS, new SweepTest.Numbers("v1"),
                SweepOptions.quiet().withExecutor(lossy)))
                .isInstanceOf(SweepException.class).hasMessageContaining("lossy").hasMessageContaining("n/7");
    }

    @Test
    void sparkWithoutTheResearchSparkModuleSaysHowToGetIt() {
        assertThatThrownBy(() -> SweepExecutors.spark("local[2]", "test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("research-spark").hasMessageContaining("install/vprop");
    }

    @Test
    void theWorkerCacheBuildsOncePerEqualKeyAndForgetsAFailedBuild() {
        record Key(String name) {
        }
        int[] builds = {0};
        Object a = WorkerCache.get(new Key("x"), () -> { builds[0]++; return new Object(); });
        Object b = WorkerCache.get(new Key("x"), () -> { builds[0]++; return new Object(); });
        assertThat(b).isSameAs(a);
        assertThat(builds[0]).isEqualTo(1);
        // a build may ask for another key (a task for its runner)
        Object nested = WorkerCache.get(new Key("outer"), () -> WorkerCache.get(new Key("inner"), Object::new));
        assertThat(WorkerCache.get(new Key("inner"), Object::new)).isSameAs(nested);
        assertThatThrownBy(() -> WorkerCache.get(new Key("bad"), () -> { throw new IllegalStateException("no data"); }))
                .hasMessage("no data");
        assertThat(WorkerCache.get(new Key("bad"), () -> "second try")).isEqualTo("second try");
    }
}
