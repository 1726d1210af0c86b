package io.vprop.research.spark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.sweep.SweepExecutor;
import io.vprop.research.sweep.SweepExecutors;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.research.walkforward.FoldPlan;
import io.vprop.research.walkforward.Objective;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.RunnerRecipe;
import io.vprop.research.walkforward.WalkForward;
import io.vprop.research.walkforward.WalkForwardResult;
import io.vprop.research.walkforward.WalkForwardSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench/run.sh spark [runs]}: the same walk-forward (4 pairs of the shared H4 bars, 3 folds, 12-point SMA grid
 * on the backtester) on 2 local threads and on Spark local[2] in one JVM, each run {@code runs} times after a warm-up
 * run; medians, the overhead ratio, the Spark context's start, the measured cost per unit and a projection for N
 * workers. Every Spark run's result is checked equal to the local one. Writes bench/results/spark-sweep.json.
 */
public final class SparkSweepBench {
    static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "NZDUSD");
    static final String GRID = "fast=10..30:10,slow=60..150:30";

    /** The SMA crossover on the backtester over an H4 bar folder: what the executors rebuild. */
    record Sma(String barsDir, List<String> symbols, String grid) implements RunnerRecipe {
        @Override
        public BacktestUnitRunner create() {
            BacktestUnitRunner r = new BacktestUnitRunner(new BarLibrary(List.of(Path.of(barsDir)), ServerClock.UTC),
                    StrategyFactory.ofClass(SmaCrossStrategy.class), BacktestUnitRunner.Options.defaults(Timeframe.H4));
            r.prepare(symbols, ParamGrid.parse(grid));
            return r;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path data = Path.of(System.getProperty("vprop.shared.data", "../shared/data")).resolve("bars/h4_d1").toAbsolutePath();
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results/spark-sweep.json");
        Sma recipe = new Sma(data.toString(), SYMBOLS, GRID);
        BacktestUnitRunner runner = recipe.create();
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ROLLING, LocalDate.parse("2012-01-01"), LocalDate.parse("2019-01-01"),
                Period.ofYears(4), Period.ofYears(1), Duration.ofDays(5));
        WalkForwardSpec spec = new WalkForwardSpec(SYMBOLS, plan, ParamGrid.parse(GRID), Objective.SHARPE, Period.ofDays(90),
                100_000, 0, "bench/run.sh spark");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();

        SweepOptions local = SweepOptions.quiet().withThreads(2);
        WalkForwardResult reference = WalkForward.run(spec, runner, local); // warm-up
        int units = reference.run().trainUnits() + reference.run().testUnits();
        double[] localS = new double[runs], localCpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime(), c = cpuNs();
            WalkForward.run(spec, runner, local);
            localS[i] = (System.nanoTime() - s) / 1e9;
            localCpu[i] = (cpuNs() - c) / 1e9;
        }

        long t0 = System.nanoTime();
        double[] sparkS = new double[runs], sparkCpu = new double[runs];
        double startS;
        try (SweepExecutor spark = SweepExecutors.spark("local[2]", "vprop bench")) {
            startS = (System.nanoTime() - t0) / 1e9;
            SweepOptions onSpark = SweepOptions.quiet().withExecutor(spark);
            check(WalkForward.run(spec, runner, recipe, onSpark), reference); // warm-up
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime(), c = cpuNs();
                WalkForwardResult r = WalkForward.run(spec, runner, recipe, onSpark);
                sparkS[i] = (System.nanoTime() - s) / 1e9;
                sparkCpu[i] = (cpuNs() - c) / 1e9;
                check(r, reference);
            }
        }
        double localMed = median(localS), sparkMed = median(sparkS);
        double localCpuMed = median(localCpu), sparkCpuMed = median(sparkCpu);
        // CPU time, not wall: on a shared machine the wall time mostly measures the neighbours
        double perUnitCpu = localCpuMed / units;
        double overheadCpu = Math.max(0, sparkCpuMed - localCpuMed); // what Spark adds to a run, CPU-seconds

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = json.createObjectNode();
        o.put("benchmark", "spark-sweep");
        o.put("date_utc", Instant.now().toString());
        o.put("machine", Runtime.getRuntime().availableProcessors() + " cores (shared), Java " + Runtime.version());
        o.put("load_average_before", loadBefore);
        o.put("load_average_after", Files.readString(Path.of("/proc/loadavg")).trim());
        o.put("workload", SYMBOLS.size() + " symbols of shared/data/bars/h4_d1, " + plan.folds().size() + " folds (rolling 4y/1y from "
                + plan.from() + "), grid " + GRID + " (" + spec.grid().size() + " points), SMA crossover on the backtester");
        o.put("units", units);
        o.put("runs", runs);
        o.put("spark", "local[2] (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + "), "
                + 2 * 4 + " partitions a job; context started once");
        ArrayNode l = o.putArray("local_2_threads_s");
        Arrays.stream(localS).forEach(l::add);
        ArrayNode s = o.putArray("spark_local2_s");
        Arrays.stream(sparkS).forEach(s::add);
        o.put("local_2_threads_median_s", localMed);
        o.put("spark_local2_median_s", sparkMed);
        o.put("overhead_ratio", sparkMed / localMed);
        ArrayNode lc = o.putArray("local_2_threads_cpu_s");
        Arrays.stream(localCpu).forEach(lc::add);
        ArrayNode sc2 = o.putArray("spark_local2_cpu_s");
        Arrays.stream(sparkCpu).forEach(sc2::add);
        o.put("local_cpu_median_s", localCpuMed);
        o.put("spark_cpu_median_s", sparkCpuMed);
        o.put("overhead_ratio_cpu", sparkCpuMed / localCpuMed);
        o.put("spark_context_start_s", startS);
        o.put("cpu_s_per_unit", perUnitCpu);
        o.put("spark_overhead_cpu_s_per_run", overheadCpu);
        o.put("spark_overhead_cpu_s_per_unit", overheadCpu / units);
        ObjectNode proj = o.putObject("projection");
        proj.put("model", "T(N workers × 2 idle cores) = units × (cpu_s_per_unit + spark_overhead_cpu_s_per_unit) / (2N), "
                + "plus the context start once; measured on local[2] (a cluster adds network and executor start, not measured "
                + "here); the 100,000-unit row is the issue's scale");
        List<int[]> scenarios = List.of(new int[]{1, 1}, new int[]{4, 1}, new int[]{16, 1}, new int[]{64, 1});
        ArrayNode thisSweep = proj.putArray("this_sweep");
        ArrayNode big = proj.putArray("units_100000");
        for (int[] sc : scenarios) {
            int n = sc[0];
            ObjectNode a = thisSweep.addObject();
            a.put("workers", n);
            a.put("seconds", units * (perUnitCpu + overheadCpu / units) / (2.0 * n));
            ObjectNode b = big.addObject();
            b.put("workers", n);
            b.put("seconds", 100_000 * (perUnitCpu + overheadCpu / units) / (2.0 * n));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json.writeValueAsString(o) + "\n");
        System.out.println(json.writeValueAsString(o));
    }

    private static void check(WalkForwardResult r, WalkForwardResult reference) {
        if (!r.withoutRunInfo().equals(reference.withoutRunInfo())) {
            throw new IllegalStateException("the Spark run's result differs from the local run's");
        }
    }

    private static long cpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private SparkSweepBench() {
    }

}
