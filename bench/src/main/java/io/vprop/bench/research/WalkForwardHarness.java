package io.vprop.bench.research;

import io.vprop.bench.Results;
import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.BacktestResult;
import io.vprop.research.EquityPoint;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.research.walkforward.FoldPlan;
import io.vprop.research.walkforward.Objective;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.UnitRunner;
import io.vprop.research.walkforward.WalkForward;
import io.vprop.research.walkforward.WalkForwardResult;
import io.vprop.research.walkforward.WalkForwardSpec;
import io.vprop.research.walkforward.WorkUnit;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target case: the 12 shared pairs × 16 years of H4 × a 100-point grid, rolling 4y/1y, on N threads
 * (default 2), with a real strategy ({@link SmaCrossStrategy}: fast=5..50:5 × slow=60..150:10) on the live-code
 * backtester ({@link BacktestUnitRunner}: instrument costs, conversion at the data's quotes). Measures bar loading,
 * the whole walk-forward (fresh, and resumed from its checkpoint), and the walk-forward's own overhead per unit with a
 * runner that returns at once. Writes bench/results/walkforward.json.
 * <pre>bench/run.sh walkforward [threads] [bar folder] [repetitions]</pre>
 */
public final class WalkForwardHarness {
    static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF", "NZDUSD", "EURAUD", "EURCAD",
            "EURCHF", "EURJPY", "GBPAUD", "GBPCAD", "GBPCHF");
    static final String GRID = "fast=5..50:5,slow=60..150:10";

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path bars = Path.of(args.length > 1 ? args[1] : "../shared/data/bars/h4_d1");
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long t0 = System.nanoTime();
        BacktestUnitRunner runner = new BacktestUnitRunner(new BarLibrary(List.of(bars), ServerClock.UTC),
                StrategyFactory.ofClass(SmaCrossStrategy.class), BacktestUnitRunner.Options.defaults(Timeframe.H4));
        runner.prepare(SYMBOLS, ParamGrid.parse(GRID));
        runner.fingerprint();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ROLLING, LocalDate.parse("2007-09-05"), LocalDate.parse("2023-09-05"),
                Period.ofYears(4), Period.ofYears(1), Duration.ofDays(5));
        WalkForwardSpec spec = new WalkForwardSpec(SYMBOLS, plan, ParamGrid.parse(GRID), Objective.SHARPE,
                Period.ofDays(90), 100_000, 0, "WalkForwardHarness");
        SweepOptions options = SweepOptions.quiet().withThreads(threads);
        Path dir = Files.createTempDirectory("wf-bench");

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", Results.machine());
        out.put("threads", threads);
        out.put("case", "12 pairs x H4 2007-09..2023-09, rolling 4y/1y (12 folds), 100-point grid " + GRID
                + ", embargo 5 d, warm-up 90 d");
        out.put("runner", runner.description());
        out.put("bar_loading_and_fingerprint_s", round(loadSeconds));
        for (int i = 1; i <= reps; i++) out.put("backtester_fresh_" + i, measure(spec, runner, options));
        out.put("backtester_with_checkpoint", measure(spec, runner, options.withCheckpoint(dir.resolve("cp.jsonl"))));
        out.put("backtester_resumed", measure(spec, runner, options.withCheckpoint(dir.resolve("cp.jsonl"))));
        UnitRunner instant = new Instant();
        WalkForward.run(spec, instant, options);
        out.put("overhead_only_fresh", measure(spec, instant, options));
        out.put("overhead_only_with_checkpoint", measure(spec, instant, options.withCheckpoint(dir.resolve("cp0.jsonl"))));
        out.put("load_average_at_end", Results.machine().get("load_average_at_start"));
        Results.write("walkforward", out);
    }

    private static Map<String, Object> measure(WalkForwardSpec spec, UnitRunner runner, SweepOptions options) {
        long t0 = System.nanoTime(), cpu0 = processCpuNanos();
        WalkForwardResult r = WalkForward.run(spec, runner, options);
        double s = (System.nanoTime() - t0) / 1e9, cpu = (processCpuNanos() - cpu0) / 1e9;
        int units = r.run().trainUnits() + r.run().testUnits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", round(s));
        // the machine is shared: CPU seconds of this process (workers, GC, JIT) are what 2 idle cores would need
        m.put("process_cpu_s", round(cpu));
        m.put("cpu_s_per_thread", round(cpu / options.threads()));
        m.put("units", units);
        m.put("computed_units", r.run().computed());
        m.put("units_per_s", Math.round(units / s));
        m.put("ms_per_unit_per_thread", round(s * 1e3 * options.threads() / units));
        m.put("oos_trades", r.overall().trade().trades());
        m.put("oos_pnl_usd", Math.round(r.overall().trade().pnlUsd() * 100) / 100.0);
        System.err.println(m);
        return m;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Answers every unit at once with no trade: what is left is the walk-forward's and the sweep's own work. */
    static final class Instant implements UnitRunner {
        @Override
        public BacktestResult run(WorkUnit u) {
            return new BacktestResult(List.of(), List.of(new EquityPoint(u.fromMs(), u.initialBalance(), u.initialBalance())),
                    List.of(), u.initialBalance(), "USD", u.fromMs(), u.fromMs(), 0, Map.of());
        }

        @Override public String description() { return "instant runner (benchmark of the overhead)"; }

        @Override public String fingerprint() { return "instant"; }
    }
}
