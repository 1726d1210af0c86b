package io.vprop.bench.models;

import io.vprop.bench.Results;
import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.TpSlTraining;
import io.vprop.signal.Decision;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.SignalPorts;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.RecentOutcomeMemory;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hot swap under load: real EURUSD ticks (2014-05-01..15) through the signal engine whose Q* asks a served M5
 * TP/SL model, twice — once with no swap (baseline) and once while another thread activates the two versions
 * alternately every {@code swapEveryMs} (each activation loads the ONNX file, checks SHA-256, signature and parity,
 * then swaps a volatile reference). Reports, per phase: ticks in, decisions out (every tick must yield a decision —
 * a trade, a skip, idle or a rejection — so "dropped" = ticks − decisions, and exceptions), answers by the served
 * model, per-tick engine latency percentiles (HdrHistogram), and the activation latency; then a third phase while a
 * background thread retrains, publishes and activates the classifier in a loop. JSON: bench/results/models-swap.json.
 * <pre>  bench/run.sh swap  [ticks-file] [swapEveryMs]  </pre>
 */
public final class SwapUnderLoadHarness {
    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("vprop.shared.data", "../shared/data"));
        Path ticks = args.length > 0 ? Path.of(args[0]) : shared.resolve("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
        int swapEveryMs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path m1 = shared.resolve("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz");
        if (!Files.isRegularFile(ticks) || !Files.isRegularFile(m1)) {
            throw new IllegalArgumentException("shared data missing: " + ticks.toAbsolutePath() + " / " + m1.toAbsolutePath()
                    + " (set -Dvprop.shared.data)");
        }
        List<Tick> all = new ArrayList<>();
        try (Mt5TickReader r = MarketFiles.openTicks(ticks, "EURUSD")) {
            for (Tick t = r.next(); t != null; t = r.next()) all.add(t);
        }
        Path regDir = Files.createTempDirectory("vprop-swap");
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(regDir, "tpsl", TpSlFeatures.NAMES)) {
            int[] versions = publishTwo(reg, m1);
            reg.activate(versions[0]);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "model hot swap under load (engine per-tick latency, decisions dropped)");
            out.put("machine", Results.machine());
            out.put("ticks_file", ticks.getFileName().toString());
            out.put("ticks", all.size());
            out.put("swap_every_ms", swapEveryMs);
            out.put("passes_per_phase", passes);
            run(reg, all, versions, 0, 1); // warm-up: JIT, ONNX Runtime
            out.put("baseline", run(reg, all, versions, 0, passes));
            out.put("with_swaps", run(reg, all, versions, swapEveryMs, passes));
            out.put("with_retraining", runWhileRetraining(reg, all, passes, m1));
            Results.write("models-swap", out);
        }
    }

    /** {@code passes} replays of the ticks, each through a fresh engine (time must not go backwards in one). */
    private static Map<String, Object> run(ModelRegistry<OnnxClassifier> reg, List<Tick> ticks, int[] versions, int swapEveryMs,
                                           int passes) throws InterruptedException {
        Histogram tickNs = new Histogram(3_600_000_000_000L, 3);
        Histogram swapNs = new Histogram(3_600_000_000_000L, 3);
        AtomicBoolean done = new AtomicBoolean();
        long[] swaps = {0}, swapFailures = {0};
        Thread swapper = new Thread(() -> {
            int i = 0;
            while (!done.get() && swapEveryMs > 0) {
                long t0 = System.nanoTime();
                try {
                    reg.activate(versions[++i & 1]);
                    swaps[0]++;
                } catch (RuntimeException e) {
                    swapFailures[0]++;
                }
                swapNs.recordValue(System.nanoTime() - t0);
                try {
                    Thread.sleep(swapEveryMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "swapper");
        swapper.start();
        long decisions = 0, exceptions = 0, served = 0, fallback = 0;
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            ServedWinProbability win = new ServedWinProbability(reg, new DriftWinProbability());
            SignalEngine engine = new SignalEngine(SignalConfig.defaults(), List.of(SymbolSpec.fxMajor("EURUSD")),
                    new SignalPorts(PropFirmRiskBudget.typical(100_000), new RecentOutcomeMemory(50), win, EventSource.NONE,
                            () -> 0L), 100_000);
            for (Tick t : ticks) {
                long t0 = System.nanoTime();
                try {
                    Decision d = engine.onTick(t);
                    if (d != null) decisions++;
                } catch (RuntimeException e) {
                    exceptions++;
                }
                tickNs.recordValue(System.nanoTime() - t0);
            }
            served += win.servedCount();
            fallback += win.fallbackCount();
        }
        long total = (long) ticks.size() * passes;
        double secs = (System.nanoTime() - start) / 1e9;
        done.set(true);
        swapper.join();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticks", total);
        m.put("decisions", decisions);
        m.put("dropped", total - decisions);
        m.put("exceptions", exceptions);
        m.put("served_answers", served);
        m.put("fallback_answers", fallback);
        m.put("seconds", secs);
        m.put("tick_latency", Results.latency(tickNs));
        m.put("swaps", swaps[0]);
        m.put("swap_failures", swapFailures[0]);
        if (swaps[0] > 0) m.put("activation_latency", Results.latency(swapNs));
        System.out.printf("%s: %d ticks, %d decisions, %d dropped, %d exceptions, %d swaps, served %d, tick p50 %.1f us p99 %.1f us%n",
                swapEveryMs > 0 ? "with swaps" : "baseline", total, decisions, total - decisions, exceptions,
                swaps[0], served, tickNs.getValueAtPercentile(50) / 1000.0, tickNs.getValueAtPercentile(99) / 1000.0);
        return m;
    }

    /**
     * The same replay while a background thread of minimum priority retrains the classifier on the M1 file in a loop
     * (label, purged walk-forward, calibrate, export, publish, activate — what a retraining does), to see whether
     * training on the other core disturbs the signal path.
     */
    private static Map<String, Object> runWhileRetraining(ModelRegistry<OnnxClassifier> reg, List<Tick> ticks, int passes,
                                                          Path m1File) throws InterruptedException {
        List<Bar> m5 = toM5(BarFiles.readAll(m1File));
        SignalConfig sc = SignalConfig.defaults();
        TpSlLabeler labeler = new TpSlLabeler(sc.horizonBars, sc.slSigma * sc.tp1Multiple, sc.slSigma);
        AtomicBoolean done = new AtomicBoolean();
        long[] retrains = {0};
        Histogram trainNs = new Histogram(3_600_000_000_000L, 3);
        Thread trainer = new Thread(() -> {
            while (!done.get()) {
                long t0 = System.nanoTime();
                TpSlTraining.Result r = TpSlTraining.train("tpsl", labeler.label(m5), labeler, new TpSlTraining.Config(4,
                        1_800_000L, new GradientBoostingTrainer.Params(80, 3, 0.1, 50, 1.0), 256), System.currentTimeMillis());
                int v = reg.publish(OnnxTreeExport.export(r.model(), "tpsl", Map.of()),
                        r.metadata().withProperties(Map.of("timeframe", "M5", "symbol", "EURUSD")));
                reg.activate(v);
                trainNs.recordValue(System.nanoTime() - t0);
                retrains[0]++;
            }
        }, "retrainer");
        trainer.setPriority(Thread.MIN_PRIORITY);
        trainer.setDaemon(true);
        trainer.start();
        Histogram tickNs = new Histogram(3_600_000_000_000L, 3);
        long decisions = 0, exceptions = 0, served = 0;
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            ServedWinProbability win = new ServedWinProbability(reg, new DriftWinProbability());
            SignalEngine engine = new SignalEngine(sc, List.of(SymbolSpec.fxMajor("EURUSD")),
                    new SignalPorts(PropFirmRiskBudget.typical(100_000), new RecentOutcomeMemory(50), win, EventSource.NONE,
                            () -> 0L), 100_000);
            for (Tick t : ticks) {
                long t0 = System.nanoTime();
                try {
                    if (engine.onTick(t) != null) decisions++;
                } catch (RuntimeException e) {
                    exceptions++;
                }
                tickNs.recordValue(System.nanoTime() - t0);
            }
            served += win.servedCount();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        done.set(true);
        trainer.join();
        long total = (long) ticks.size() * passes;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticks", total);
        m.put("decisions", decisions);
        m.put("dropped", total - decisions);
        m.put("exceptions", exceptions);
        m.put("served_answers", served);
        m.put("seconds", secs);
        m.put("tick_latency", Results.latency(tickNs));
        m.put("retrainings_completed", retrains[0]);
        if (retrains[0] > 0) m.put("retraining_duration", Results.latency(trainNs));
        System.out.printf("with retraining: %d ticks, %d dropped, %d retrainings, tick p50 %.1f us p99 %.1f us p99.9 %.1f us%n",
                total, total - decisions, retrains[0], tickNs.getValueAtPercentile(50) / 1000.0,
                tickNs.getValueAtPercentile(99) / 1000.0, tickNs.getValueAtPercentile(99.9) / 1000.0);
        return m;
    }

    /** Two versions of an M5 model with the engine's stop geometry: the trained one and a sharper copy of it. */
    private static int[] publishTwo(ModelRegistry<OnnxClassifier> reg, Path m1File) {
        List<Bar> m5 = toM5(BarFiles.readAll(m1File));
        SignalConfig sc = SignalConfig.defaults();
        TpSlLabeler labeler = new TpSlLabeler(sc.horizonBars, sc.slSigma * sc.tp1Multiple, sc.slSigma);
        TpSlTraining.Result r = TpSlTraining.train("tpsl", labeler.label(m5), labeler, new TpSlTraining.Config(2, 1_800_000L,
                new GradientBoostingTrainer.Params(80, 3, 0.1, 50, 1.0), 256), System.currentTimeMillis());
        int[] v = new int[2];
        for (int k = 0; k < 2; k++) {
            TreeEnsemble m = k == 0 ? r.model() : r.model().scaled(2, 0);
            ModelMetadata base = r.metadata();
            float[] py = new float[base.parityInputs().length];
            for (int i = 0; i < py.length; i++) py[i] = (float) m.probability(base.parityInputs()[i]);
            ModelMetadata meta = new ModelMetadata("tpsl", 0, base.kind(), base.features(), base.horizonBars(),
                    base.tpSigma(), base.slSigma(), base.trainFromMs(), base.trainToMs(), base.createdAtMs(), null,
                    base.holdout(), base.walkForward(), base.parityInputs(), py, Map.of("timeframe", "M5", "symbol", "EURUSD"));
            v[k] = reg.publish(OnnxTreeExport.export(m, "tpsl", Map.of()), meta);
        }
        return v;
    }

    static List<Bar> toM5(List<Bar> m1) {
        List<Bar> m5 = new ArrayList<>();
        for (Bar b : m1) {
            long open = b.openTimeMs() - Math.floorMod(b.openTimeMs(), 300_000L);
            Bar last = m5.isEmpty() ? null : m5.get(m5.size() - 1);
            if (last == null || last.openTimeMs() != open) {
                m5.add(new Bar(b.symbol(), Timeframe.M5, open, b.open(), b.high(), b.low(), b.close(), b.tickVolume(), 0));
            } else {
                m5.set(m5.size() - 1, new Bar(b.symbol(), Timeframe.M5, open, last.open(), Math.max(last.high(), b.high()),
                        Math.min(last.low(), b.low()), b.close(), last.tickVolume() + b.tickVolume(), 0));
            }
        }
        return m5;
    }
}
