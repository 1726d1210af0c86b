package io.vprop.research.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.challenge.sim.ChallengeLab;
import io.vprop.challenge.sim.LabInput;
import io.vprop.challenge.sim.LabJson;
import io.vprop.challenge.sim.LabProgress;
import io.vprop.challenge.sim.LabResult;
import io.vprop.challenge.sim.PathExecutor;
import io.vprop.research.report.ReportJson;
import io.vprop.research.report.ReportWriter;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.sweep.SweepException;
import io.vprop.research.sweep.SweepExecutor;
import io.vprop.research.sweep.SweepExecutors;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.research.walkforward.FoldPlan;
import io.vprop.research.walkforward.Objective;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.WalkForward;
import io.vprop.research.walkforward.WalkForwardResult;
import io.vprop.research.walkforward.WalkForwardSpec;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same small walk-forward (2 symbols of the shared H4 bars, 2 folds, 4 parameter sets) on local threads, on
 * Spark local[2] and on a standalone master with one worker (child JVMs): the report's JSON is byte-identical but for
 * the run section (threads, seconds). The challenge lab over that walk-forward's trades gives the same result on Spark
 * local[2] as on threads. One SparkContext per JVM, so the tests open and close theirs in turn.
 */
class SparkWalkForwardTest {
    static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY");
    static final String GRID = "fast=10,20,slow=60,100";
    static SmaRecipe recipe;
    static BacktestUnitRunner runner;
    static WalkForwardSpec spec;
    static WalkForwardResult local;

    @BeforeAll
    static void localRun() {
        recipe = new SmaRecipe(SharedData.dir().resolve("bars/h4_d1").toString(), SYMBOLS, GRID);
        runner = recipe.create();
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ROLLING, LocalDate.parse("2014-01-01"), LocalDate.parse("2018-01-01"),
                Period.ofYears(2), Period.ofYears(1), Duration.ofDays(3));
        spec = new WalkForwardSpec(SYMBOLS, plan, ParamGrid.parse(GRID), Objective.SHARPE, Period.ofDays(60), 100_000, 0,
                "vprop walkforward --spark-test");
        local = WalkForward.run(spec, runner, SweepOptions.quiet().withThreads(2));
        assertThat(local.folds()).hasSize(2);
        assertThat(local.trades()).isNotEmpty();
    }

    /** result.json as written, without "run" (threads, seconds, units computed: how it ran, not what it found). */
    static String statistics(WalkForwardResult r) throws Exception {
        ObjectNode json = ReportJson.of(r);
        json.remove("run");
        return new ObjectMapper().writeValueAsString(json);
    }

    @Test
    void sparkLocalModeGivesTheSameReportAsLocalThreads(@TempDir Path dir) throws Exception {
        try (SweepExecutor spark = SweepExecutors.spark("local[2]", "vprop-test")) {
            assertThat(spark.description()).isEqualTo("Spark local[2] (2 cores)");
            WalkForwardResult r = WalkForward.run(spec, runner, recipe,
                    SweepOptions.quiet().withExecutor(spark).withCheckpoint(dir.resolve("cp.jsonl")));
            assertThat(statistics(r)).isEqualTo(statistics(local));
            assertThat(r.withoutRunInfo()).isEqualTo(local.withoutRunInfo());
            assertThat(r.run().computed()).isEqualTo(r.run().trainUnits() + r.run().testUnits());
        }
        // the checkpoint written from Spark's results resumes a local run: nothing left to compute
        WalkForwardResult resumed = WalkForward.run(spec, runner,
                SweepOptions.quiet().withThreads(2).withCheckpoint(dir.resolve("cp.jsonl")));
        assertThat(resumed.run().computed()).isZero();
        assertThat(statistics(resumed)).isEqualTo(statistics(local));
    }

    @Test
    void aFailedTaskRerunsAndItsUnitsAreKeptOnce(@TempDir Path dir) throws Exception {
        String victim = "train/USDJPY/f01/fast=20,slow=60";
        Path cp = dir.resolve("cp.jsonl");
        try (SweepExecutor spark = SweepExecutors.spark("local[2]", "vprop-test")) {
            WalkForwardResult r = WalkForward.run(spec, runner, new SmaRecipe.FlakyOnce(recipe, victim),
                    SweepOptions.quiet().withExecutor(spark).withCheckpoint(cp));
            assertThat(statistics(r)).isEqualTo(statistics(local));
        }
        List<String> lines = Files.readAllLines(cp);
        Set<String> ids = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String l : lines) assertThat(ids.add(json.readTree(l).get("id").asText())).as("one line per unit").isTrue();
        assertThat(ids).contains(victim).hasSize(local.run().trainUnits() + local.run().testUnits());
    }

    @Test
    void aUnitThatKeepsFailingFailsTheSweepNamingIt() {
        SmaRecipe broken = new SmaRecipe("/nonexistent/bars", SYMBOLS, GRID); // fails on every attempt
        try (SweepExecutor spark = SweepExecutors.spark("local[1]", "vprop-test")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> WalkForward.run(spec, runner, broken,
                            SweepOptions.quiet().withExecutor(spark)))
                    .isInstanceOf(SweepException.class).hasMessageContaining("failed on Spark");
        }
    }

    @Test
    void theChallengeLabOnSparkLocalModeEqualsLocalThreads(@TempDir Path dir) {
        // the lab reads the walk-forward's out-of-sample trades, as `vprop challenge result.json` does
        LabFile lab = new LabFile(ReportWriter.write(local, dir).json().toString(), List.of("ftmo-2step", "e8-one"), 300, 42);
        LabInput in = lab.create();
        assertThat(in.history().trades()).hasSize(local.trades().size());
        LabResult threads = ChallengeLab.run(in.history(), in.spec(), LabProgress.NONE);
        try (SweepExecutor spark = SweepExecutors.spark("local[2]", "vprop-test")) {
            LabResult onSpark = ChallengeLab.run(in.history(), in.spec(), LabProgress.NONE, (PathExecutor) spark, lab);
            assertThat(LabJson.withoutTiming(onSpark)).isEqualTo(LabJson.withoutTiming(threads));
        }
    }

    @Test
    void aStandaloneMasterWithOneWorkerGivesTheSameReport() throws Exception {
        try (StandaloneCluster cluster = StandaloneCluster.start();
             SweepExecutor spark = new SparkSweepExecutor(cluster.masterUrl(), "vprop-test", Map.of(
                     "spark.executor.extraClassPath", StandaloneCluster.classPath(),
                     "spark.jars", "",
                     "spark.executor.memory", "512m",
                     "spark.driver.host", "127.0.0.1",
                     "spark.driver.bindAddress", "127.0.0.1"))) {
            assertThat(spark.description()).startsWith("Spark " + cluster.masterUrl());
            WalkForwardResult r = WalkForward.run(spec, runner, recipe, SweepOptions.quiet().withExecutor(spark));
            assertThat(statistics(r)).isEqualTo(statistics(local));
            assertThat(cluster.executorLogs()).as("the units ran in an executor the worker started").isPositive();
        }
    }
}
