package io.vprop.bench.backtest;

import io.vprop.bench.Results;
import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.research.BacktestResult;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.BacktestListener;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.signal.Decision;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.SignalPorts;
import io.vprop.signal.Skip;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.RecentOutcomeMemory;
import io.vprop.strategy.DemoStrategy;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;
import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Throughput of the in-process backtester on one core (issue 14), every case in the same run, repetitions
 * interleaved so the machine's noise hits all cases alike:
 * <ul>
 *   <li>{@code engine}: the signal engine alone ({@code SignalEngine.onTick}) over the preloaded shared EURUSD + NZDUSD
 *       ticks (990,602, 2014-05-01..15) — the baseline;</li>
 *   <li>{@code engine_backtest}: the same ticks through the Backtester with {@code SignalEngineStrategy}, the paper
 *       broker and the ftmo-2step governors (and without governors, for the breakdown);</li>
 *   <li>{@code demo_backtest}: the demo EMA crossover through the Backtester with ftmo-2step (and without);</li>
 *   <li>{@code bars}: a Donchian breakout ({@link BreakoutStrategy}) over the shared H4 + D1 bars of all 12 pairs
 *       (2007–2023), the governors on.</li>
 * </ul>
 * Data are preloaded in memory (decoding excluded). Per run: events/s; per 4,096 events: ns per event, so each case
 * has a median of runs and percentiles of chunks. Ratios are of medians of the same run, and the median of per-rep
 * paired ratios. Writes bench/results/backtest-throughput.json.
 *
 * <p>Usage: BacktestThroughputHarness [reps=7] [sharedDataDir=../shared/data] [cases=all|comma list] [warmups=5]
 * (the JIT needs about four rounds before the code stops being recompiled; warm-up rounds are not counted)
 */
public final class BacktestThroughputHarness {
    private static final int CHUNK = 4096;

    /** One case: what it plays and how to run it once. */
    private record Case(String name, String description, Supplier<Run> run) {
    }

    /**
     * One run's outcome: wall time, and the CPU time of the benchmark thread plus the time the JVM spent in garbage
     * collection meanwhile (the thread's own cost on one core: what a busy neighbour on the 2 shared cores cannot add).
     */
    record Run(long events, long nanos, long cpuNanos, long gcNanos, Histogram chunks, Map<String, Long> counters, int trades) {
        double perSecond() { return events / (nanos / 1e9); }

        double perCpuSecond() { return events / ((cpuNanos + gcNanos) / 1e9); }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Wall, thread-CPU and GC clocks at one instant. */
    private record Clocks(long wall, long cpu, long gc) {
        static Clocks now() {
            long gc = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) gc += Math.max(0, b.getCollectionTime());
            return new Clocks(System.nanoTime(), THREADS.getCurrentThreadCpuTime(), gc * 1_000_000);
        }
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/data");
        String only = args.length > 2 ? args[2] : "all";
        int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Map<String, Object> machine = Results.machine();

        List<Path> tickFiles = BacktestInputs.tickFiles(data);
        Tick[] ticks = BacktestInputs.ticks(tickFiles, Long.MIN_VALUE, Long.MAX_VALUE);
        BacktestConfig tickGoverned = BacktestInputs.config(tickFiles, BacktestInputs.PROFILE);
        BacktestConfig tickFree = BacktestInputs.config(tickFiles, null);
        List<Path> barFiles = BacktestInputs.barFiles(data);
        List<Bar[]> bars = BacktestInputs.bars(barFiles);
        BacktestConfig barGoverned = BacktestInputs.config(barFiles, BacktestInputs.PROFILE);
        BacktestConfig barFree = BacktestInputs.config(barFiles, null);
        Timeframe finest = BacktestInputs.finest(bars);
        long barCount = bars.stream().mapToLong(b -> b.length).sum();
        System.out.printf("%,d ticks (%s), %,d bars in %d files%n", ticks.length, tickFiles, barCount, barFiles.size());

        List<Case> cases = new ArrayList<>(List.of(
                new Case("engine", "the signal engine alone: SignalEngine.onTick over the ticks (defaults: M5/M15/H1)",
                        () -> engineAlone(ticks, tickGoverned.specs())),
                new Case("engine_backtest", "Backtester + SignalEngineStrategy (defaults) + paper broker + ftmo-2step governors",
                        () -> backtest(tickGoverned, new SignalEngineStrategy(SignalConfig.defaults(), EventSource.NONE),
                                () -> BacktestInputs.tickFeed(ticks))),
                new Case("engine_backtest_no_governors", "the same without a firm profile",
                        () -> backtest(tickFree, new SignalEngineStrategy(SignalConfig.defaults(), EventSource.NONE),
                                () -> BacktestInputs.tickFeed(ticks))),
                new Case("demo_backtest", "Backtester + DemoStrategy (EMA 8/21 on M1) + paper broker + ftmo-2step governors",
                        () -> backtest(tickGoverned, new DemoStrategy(30_000, 0.0025), () -> BacktestInputs.tickFeed(ticks))),
                new Case("demo_backtest_no_governors", "the same without a firm profile",
                        () -> backtest(tickFree, new DemoStrategy(30_000, 0.0025), () -> BacktestInputs.tickFeed(ticks))),
                new Case("bars", "Backtester over the H4 + D1 bars of 12 pairs (OHLC path), Donchian breakout, ftmo-2step governors",
                        () -> backtest(barGoverned, new BreakoutStrategy(finest, Timeframe.D1, 0.001), () -> BacktestInputs.barFeed(bars, barGoverned))),
                new Case("bars_no_governors", "the same without a firm profile",
                        () -> backtest(barFree, new BreakoutStrategy(finest, Timeframe.D1, 0.001), () -> BacktestInputs.barFeed(bars, barFree)))));
        if (!only.equals("all")) {
            List<String> names = List.of(only.split(","));
            cases.removeIf(c -> !names.contains(c.name()));
            if (cases.isEmpty()) throw new IllegalArgumentException("no such case: " + only);
        }

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (Case c : cases) runs.put(c.name(), new ArrayList<>());
        for (int r = -warmups; r < reps; r++) {                     // r < 0 warms the JIT up
            for (Case c : cases) {
                Run run = c.run().get();
                System.out.printf("%s %-30s %,12.0f events/s wall, %,12.0f per CPU-second  (%,d events, %.3f s)%n",
                        r < 0 ? "warm-up" : "rep " + (r + 1), c.name(), run.perSecond(), run.perCpuSecond(), run.events(), run.nanos() / 1e9);
                if (r >= 0) runs.get(c.name()).add(run);
            }
        }

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "backtester throughput, one thread, preloaded shared data (issue 14)");
        res.put("ticks", Map.of("files", tickFiles.stream().map(p -> p.getFileName().toString()).toList(), "count", ticks.length));
        res.put("bars", Map.of("files", barFiles.size(), "count", barCount));
        res.put("repetitions", reps);
        res.put("warm_up_rounds", warmups);
        res.put("machine", machine);
        Map<String, Object> byCase = new LinkedHashMap<>();
        for (Case c : cases) byCase.put(c.name(), summary(c.description(), runs.get(c.name())));
        res.put("cases", byCase);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratio(ratios, runs, "engine_backtest", "engine");
        ratio(ratios, runs, "engine_backtest_no_governors", "engine");
        ratio(ratios, runs, "engine_backtest", "engine_backtest_no_governors");
        ratio(ratios, runs, "demo_backtest", "demo_backtest_no_governors");
        ratio(ratios, runs, "bars", "bars_no_governors");
        res.put("ratios", ratios);
        // met: on the wall-clock medians (what a user waits for); the CPU-time figures beside them
        Map<String, Object> targets = new LinkedHashMap<>();
        if (runs.containsKey("engine_backtest")) target(targets, "engine_backtest >= 1,000,000 ticks/s", runs.get("engine_backtest"), 1_000_000);
        if (ratios.get("engine_backtest/engine") instanceof Map<?, ?> m) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("ratio_of_medians", m.get("of_medians"));
            t.put("paired_median", m.get("paired_median"));
            t.put("cpu_paired_median", ((Map<?, ?>) m.get("cpu")).get("paired_median"));
            t.put("met", (double) m.get("of_medians") >= 0.8);
            targets.put("engine_backtest / engine >= 0.8", t);
        }
        if (runs.containsKey("bars")) target(targets, "bars >= 5,000,000 bars/s", runs.get("bars"), 5_000_000);
        res.put("targets", targets);
        Results.write("backtest-throughput", res);
        System.out.println(targets);
    }

    /** The signal engine alone, with the baseline ports the strategy gives it (fixed typical prop-firm budget). */
    static Run engineAlone(Tick[] ticks, List<SymbolSpec> specs) {
        List<SymbolSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparing(SymbolSpec::symbol));
        long[] now = {0};
        SignalEngine engine = new SignalEngine(SignalConfig.defaults(), sorted, new SignalPorts(PropFirmRiskBudget.typical(BacktestInputs.BALANCE),
                new RecentOutcomeMemory(50), new DriftWinProbability(), EventSource.NONE, () -> now[0]), BacktestInputs.BALANCE);
        Histogram chunks = new Histogram(3);
        long trades = 0, skips = 0;
        Clocks c0 = Clocks.now();
        long last = c0.wall();
        for (int i = 0; i < ticks.length; i++) {
            Tick t = ticks[i];
            now[0] = t.timeMs();
            Decision d = engine.onTick(t);
            if (d instanceof TradeCandidate) trades++;
            else if (d instanceof Skip) skips++;
            if ((i + 1) % CHUNK == 0) {
                long n = System.nanoTime();
                chunks.recordValue(Math.max(1, (n - last) / CHUNK));
                last = n;
            }
        }
        Clocks c1 = Clocks.now();
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("trade_candidates", trades);
        counters.put("skips", skips);
        return new Run(ticks.length, c1.wall() - c0.wall(), c1.cpu() - c0.cpu(), c1.gc() - c0.gc(), chunks, counters, 0);
    }

    static Run backtest(BacktestConfig config, Strategy strategy, Supplier<MarketFeed> feed) {
        Histogram chunks = new Histogram(3);
        long[] last = {0, 0};
        BacktestListener timing = new BacktestListener() {
            @Override
            public void progress(long events, long marketTimeMs) {
                long n = System.nanoTime();
                if (events > last[1] && last[0] != 0) chunks.recordValue(Math.max(1, (n - last[0]) / (events - last[1])));
                last[0] = n;
                last[1] = events;
            }
        };
        MarketFeed f = feed.get();
        Clocks c0 = Clocks.now();
        last[0] = c0.wall();
        BacktestResult r = new Backtester(config, timing).run(strategy, f);
        Clocks c1 = Clocks.now();
        return new Run(r.events(), c1.wall() - c0.wall(), c1.cpu() - c0.cpu(), c1.gc() - c0.gc(), chunks, new TreeMap<>(r.counters()),
                r.trades().size());
    }

    private static Map<String, Object> summary(String description, List<Run> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", description);
        m.put("events", runs.get(0).events());
        m.put("events_per_s", distribution(rates(runs)));
        m.put("events_per_cpu_s", distribution(cpuRates(runs)));
        Histogram all = new Histogram(3);
        for (Run r : runs) all.add(r.chunks());
        Map<String, Object> ns = new LinkedHashMap<>();
        ns.put("chunks", all.getTotalCount());
        ns.put("p50", all.getValueAtPercentile(50));
        ns.put("p90", all.getValueAtPercentile(90));
        ns.put("p99", all.getValueAtPercentile(99));
        ns.put("max", all.getMaxValue());
        m.put("ns_per_event_per_" + CHUNK + "_events", ns);
        m.put("trades", runs.get(0).trades());
        m.put("counters", runs.get(0).counters());
        return m;
    }

    private static void target(Map<String, Object> out, String name, List<Run> runs, double atLeast) {
        double wall = median(rates(runs)), cpu = median(cpuRates(runs));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("median_per_s", Math.round(wall));
        t.put("median_per_cpu_s", Math.round(cpu));
        t.put("met", wall >= atLeast);
        out.put(name, t);
    }

    /** Median, min, max and every run's figure. */
    private static Map<String, Object> distribution(double[] rates) {
        Map<String, Object> perRun = new LinkedHashMap<>();
        perRun.put("median", Math.round(median(rates)));
        perRun.put("min", Math.round(Arrays.stream(rates).min().orElse(0)));
        perRun.put("max", Math.round(Arrays.stream(rates).max().orElse(0)));
        perRun.put("all", Arrays.stream(rates).map(Math::round).toArray());
        return perRun;
    }

    private static void ratio(Map<String, Object> out, Map<String, List<Run>> runs, String a, String b) {
        if (!runs.containsKey(a) || !runs.containsKey(b)) return;
        Map<String, Object> m = ratio(rates(runs.get(a)), rates(runs.get(b)));
        m.put("cpu", ratio(cpuRates(runs.get(a)), cpuRates(runs.get(b))));
        out.put(a + "/" + b, m);
    }

    private static Map<String, Object> ratio(double[] ra, double[] rb) {
        double[] paired = new double[ra.length];
        for (int i = 0; i < ra.length; i++) paired[i] = ra[i] / rb[i];
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("of_medians", round3(median(ra) / median(rb)));
        m.put("paired_median", round3(median(paired)));
        m.put("paired_min", round3(Arrays.stream(paired).min().orElse(0)));
        m.put("paired_max", round3(Arrays.stream(paired).max().orElse(0)));
        return m;
    }

    private static double[] rates(List<Run> runs) { return runs.stream().mapToDouble(Run::perSecond).toArray(); }

    private static double[] cpuRates(List<Run> runs) { return runs.stream().mapToDouble(Run::perCpuSecond).toArray(); }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round3(double v) { return Math.round(v * 1000) / 1000.0; }
}
