package io.vprop.models.live;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ParseMode;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.Metrics;
import io.vprop.models.TpSlTraining;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One retraining of the TP/SL classifier, champion against challenger: bars of the served model's symbol and
 * timeframe (configured history files merged with the bars recorded live, de-duplicated by open time) → labels →
 * purged walk-forward training → ONNX → published version. The challenger is activated only if its Brier score on
 * the newest 10 % of rows (its holdout, which it never saw) is no worse than the served model's on the very same
 * rows — different holdout windows would make the comparison meaningless. Runs on the models' background thread.
 */
final class Retrainer {
    /** What a run did, for /api/models and the journal. */
    public record Result(String trigger, long startedMs, double seconds, int rows, Integer published, boolean activated,
                         double challengerBrier, double championBrier, String message) {
    }

    private final ModelRegistry<OnnxClassifier> registry;
    private final List<Path> historyFiles;
    private final Path recordedDir;
    private final TpSlTraining.Config config;
    private final TpSlLabeler defaultLabeler;

    /** @param defaultLabeler label geometry when no served model states one (the engine's: horizon, TP1, SL in σ) */
    public Retrainer(ModelRegistry<OnnxClassifier> registry, List<Path> historyFiles, Path recordedDir,
                     TpSlTraining.Config config, TpSlLabeler defaultLabeler) {
        this.registry = registry;
        this.historyFiles = List.copyOf(historyFiles);
        this.recordedDir = recordedDir;
        this.config = config;
        this.defaultLabeler = defaultLabeler;
    }

    /** The symbol and timeframe to learn: the served model's, else the first history file's. */
    record Target(String symbol, Timeframe timeframe, TpSlLabeler labeler) {
    }

    Target target() {
        ModelRegistry.Served<OnnxClassifier> s = registry.current();
        if (s != null) {
            ModelMetadata m = s.metadata();
            Object sym = m.properties().get("symbol");
            if (sym != null && m.timeframe() != null) {
                return new Target(sym.toString(), m.timeframe(),
                        new TpSlLabeler(m.horizonBars(), m.tpSigma(), m.slSigma()));
            }
        }
        for (Path f : historyFiles) {
            Timeframe tf = MarketFiles.timeframeFromFileName(f);
            if (tf != null) return new Target(MarketFiles.symbolFromFileName(f), tf, defaultLabeler);
        }
        return null;
    }

    public Result run(String trigger, long nowMs) {
        long t0 = System.nanoTime();
        Target t = target();
        if (t == null) {
            return new Result(trigger, nowMs, 0, 0, null, false, Double.NaN, Double.NaN,
                    "nothing to learn: no served model names a symbol/timeframe and models.retrain.bars is empty");
        }
        List<Bar> bars = bars(t);
        TpSlDataset data;
        try {
            data = t.labeler().label(bars);
        } catch (IllegalArgumentException e) {
            return new Result(trigger, nowMs, secs(t0), 0, null, false, Double.NaN, Double.NaN,
                    "cannot label " + bars.size() + " bars of " + t.symbol() + " " + t.timeframe() + ": " + e.getMessage());
        }
        if (data.size() < 500) {
            return new Result(trigger, nowMs, secs(t0), data.size(), null, false, Double.NaN, Double.NaN,
                    "too few labelled rows to retrain (" + data.size() + " < 500) from " + bars.size() + " bars of "
                            + t.symbol() + " " + t.timeframe());
        }
        TpSlTraining.Result r = TpSlTraining.train(TpSlPipeline.MODEL_NAME, data, t.labeler(), config, nowMs);
        int n = data.size(), from = (int) (n * 0.9);
        int[] hold = new int[n - from];
        for (int i = 0; i < hold.length; i++) hold[i] = from + i;
        TpSlDataset h = data.subset(hold);
        double challenger = r.metadata().holdout().brier();
        ModelRegistry.Served<OnnxClassifier> champion = registry.current();
        double championBrier = Double.NaN;
        if (champion != null && champion.metadata().features().equals(data.features())) {
            float[] p = champion.model().predictBatch(h.x());
            double[] pd = new double[p.length];
            for (int i = 0; i < p.length; i++) pd[i] = p[i];
            championBrier = Metrics.brier(pd, h.y());
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("symbol", t.symbol());
        props.put("timeframe", t.timeframe().name());
        props.put("trigger", trigger);
        props.put("bars", bars.size());
        if (Double.isFinite(championBrier)) props.put("championBrierOnHoldout", championBrier);
        byte[] onnx = OnnxTreeExport.export(r.model(), TpSlPipeline.MODEL_NAME,
                Map.of("features", String.join(",", data.features()), "trigger", trigger));
        int v = registry.publish(onnx, r.metadata().withProperties(props));
        boolean better = !Double.isFinite(championBrier) || challenger <= championBrier;
        String msg;
        if (better) {
            registry.activate(v);
            msg = "v" + v + " serves: holdout Brier " + fmt(challenger)
                    + (Double.isFinite(championBrier) ? " vs the previous model's " + fmt(championBrier) + " on the same rows" : "");
        } else {
            msg = "v" + v + " published but not served: holdout Brier " + fmt(challenger) + " is worse than the served v"
                    + champion.version() + "'s " + fmt(championBrier) + " on the same rows";
        }
        return new Result(trigger, nowMs, secs(t0), n, v, better, challenger, championBrier, msg);
    }

    /** The bars the next run would learn from (for refitting the drift reference on the same window), or empty. */
    public List<Bar> trainingBars() {
        Target t = target();
        return t == null ? List.of() : bars(t);
    }

    /** History files of the target, then the live recording, merged by open time (the later source wins a tie). */
    List<Bar> bars(Target t) {
        TreeMap<Long, Bar> byTime = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        for (Path f : historyFiles) {
            if (t.timeframe() == MarketFiles.timeframeFromFileName(f) && t.symbol().equals(MarketFiles.symbolFromFileName(f))) {
                files.add(f);
            }
        }
        if (recordedDir != null) files.add(BarRecorder.file(recordedDir, t.symbol(), t.timeframe()));
        for (Path f : files) {
            if (!Files.isRegularFile(f)) continue;
            try (BarSource src = MarketFiles.openBars(f, t.symbol(), t.timeframe(), ZoneOffset.UTC, ParseMode.LENIENT)) {
                for (Bar b = src.next(); b != null; b = src.next()) byTime.put(b.openTimeMs(), b);
            }
        }
        return new ArrayList<>(byTime.values());
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
