package io.vprop.models.meta;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.CalibratedTrees;
import io.vprop.models.OnnxClassifier;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.Calibration;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.Metrics;
import io.vprop.models.train.TpSlTraining;
import io.vprop.models.train.WalkForward;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.select.DriftWinProbability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Meta-learner pipeline (stacking without leakage):
 * <ol>
 *   <li>the timeline of all bar files is cut at {@code stage1Fraction}; a first-stage TP/SL classifier is trained
 *       ONLY on bars before the cut, with the engine's own geometry (H = horizonBars, SL = slSigma, TP1 =
 *       tp1Multiple·slSigma);</li>
 *   <li>the real signal engine replays ALL bars with that classifier served ({@link MetaReplay}); queries from the
 *       cut + embargo on become meta rows, labelled by the bars after them;</li>
 *   <li>the meta-learner (same trees, walk-forward, calibration as the TP/SL classifier) is trained on those rows
 *       with {@link MetaFeatures}; the inputs alone (first-stage p, fallback p, classifier p where it answered) are
 *       scored on the same folds and holdout so the report shows whether the refinement helps;</li>
 *   <li>both models are published ("tpsl" and "meta"); with {@code activate} both are served, so serving sees the
 *       classifier the meta-learner was trained on.</li>
 * </ol>
 */
public final class MetaPipeline {
    public static final String MODEL_NAME = "meta";

    public record Config(double stage1Fraction, TpSlTraining.Config stage1, TpSlTraining.Config meta, Calibration calibration) {
        public Config {
            if (!(stage1Fraction > 0.05 && stage1Fraction < 0.9)) {
                throw new IllegalArgumentException("stage1Fraction must be in (0.05, 0.9), got " + stage1Fraction);
            }
        }
    }

    public record Outcome(int classifierVersion, int metaVersion, ModelMetadata metadata, Map<String, Object> report) {
    }

    private MetaPipeline() {
    }

    /** Embargo = 2 label horizons of the bars' timeframe. */
    public static Config defaultConfig(Timeframe tf, SignalConfig engine, Calibration calibration) {
        long embargo = 2L * engine.horizonBars * tf.millis();
        return new Config(0.3,
                new TpSlTraining.Config(2, embargo, new GradientBoostingTrainer.Params(60, 3, 0.1, 100, 1.0), 256),
                new TpSlTraining.Config(4, embargo, new GradientBoostingTrainer.Params(80, 3, 0.05, 150, 1.0), 256),
                calibration);
    }

    public static Outcome run(List<Path> barFiles, Calibration calibration, Path registryRoot, Path reportFile,
                              boolean activate) {
        if (barFiles.isEmpty()) throw new IllegalArgumentException("no bar files given");
        List<List<Bar>> series = barFiles.stream().map(BarFiles::readAll).toList();
        Timeframe tf = series.get(0).get(0).timeframe();
        SignalConfig engine = MetaReplay.config(tf);
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("bars", barFiles.stream().map(p -> p.getFileName().toString()).toList());
        Outcome o = run(series, engine, defaultConfig(tf, engine, calibration), registryRoot, activate, rep);
        TpSlPipeline.writeReport(reportFile, o.report());
        return o;
    }

    public static Outcome run(List<List<Bar>> series, SignalConfig engine, Config cfg, Path registryRoot, boolean activate,
                              Map<String, Object> rep) {
        long t0 = System.nanoTime();
        Timeframe tf = series.get(0).get(0).timeframe();
        for (List<Bar> s : series) {
            if (s.get(0).timeframe() != tf) throw new IllegalArgumentException("all bar files must share one timeframe: "
                    + s.get(0).symbol() + " is " + s.get(0).timeframe() + ", the first is " + tf);
        }
        long[] times = series.stream().flatMap(List::stream).mapToLong(Bar::openTimeMs).sorted().toArray();
        long cutMs = times[(int) (times.length * cfg.stage1Fraction())];
        double sl = engine.slSigma, tp = engine.tp1Multiple * engine.slSigma;
        TpSlLabeler labeler = new TpSlLabeler(engine.horizonBars, tp, sl);

        // 1. first stage on bars before the cut only
        TpSlDataset stage1Data = merge(series.stream()
                .map(s -> s.stream().filter(b -> b.openTimeMs() < cutMs).toList())
                .filter(s -> s.size() > TpSlFeatures.LOOKBACK + engine.horizonBars)
                .map(labeler::label).toList());
        long now = System.currentTimeMillis();
        TpSlTraining.Result stage1 = TpSlTraining.train(TpSlPipeline.MODEL_NAME, stage1Data, labeler, cfg.stage1(), now, cfg.calibration());
        String symbols = String.join(",", series.stream().map(s -> s.get(0).symbol()).toList());
        byte[] stage1Onnx = stage1.calibrated().export(TpSlPipeline.MODEL_NAME, Map.of("features", String.join(",", TpSlFeatures.NAMES)));
        ModelMetadata stage1Meta = stage1.metadata().withProperties(Map.of("timeframe", tf.name(), "symbol", symbols,
                "stage1OfMeta", true));
        long t1 = System.nanoTime();

        // 2. replay the engine with that classifier served from a scratch registry
        MetaReplay.Result replay;
        Path scratch = scratchDir();
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(scratch, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES)) {
            reg.activate(reg.publish(stage1Onnx, stage1Meta));
            replay = MetaReplay.run(series, engine, new ServedWinProbability(reg, new DriftWinProbability()),
                    cutMs + cfg.meta().embargoMs());
        } finally {
            deleteTree(scratch);
        }
        TpSlDataset data = dataset(replay.rows());
        long t2 = System.nanoTime();

        // 3. meta-learner, and the inputs alone on the same folds / holdout
        TpSlTraining.Result meta = TpSlTraining.train(MODEL_NAME, "meta-gbt", data, engine.horizonBars, tp, sl, cfg.meta(),
                cfg.calibration(), now);
        long t3 = System.nanoTime();
        Map<String, Object> inputs = inputsAlone(replay.rows(), data, cfg.meta(), meta.calibrated());

        // 4. publish both (the scratch registry is gone; the stored copies are verified again on activation)
        int cv, mv;
        ModelMetadata stored;
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(registryRoot, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
             ModelRegistry<OnnxClassifier> mreg = ModelRegistry.classifiers(registryRoot, MODEL_NAME, MetaFeatures.NAMES)) {
            cv = reg.publish(stage1Onnx, stage1Meta);
            byte[] metaOnnx = meta.calibrated().export(MODEL_NAME, Map.of("features", String.join(",", MetaFeatures.NAMES)));
            mv = mreg.publish(metaOnnx, meta.metadata().withProperties(Map.of("timeframe", tf.name(), "symbol", symbols,
                    "classifierVersion", cv, "stage1CutMs", cutMs)));
            if (activate) {
                reg.activate(cv);
                mreg.activate(mv);
            }
            stored = mreg.list().stream().filter(m -> m.version() == mv).findFirst().orElseThrow();
        }

        rep.put("timeframe", tf.name());
        rep.put("symbols", symbols);
        rep.put("barCount", times.length);
        rep.put("stage1CutUtc", java.time.Instant.ofEpochMilli(cutMs).toString());
        rep.put("engine", Map.of("horizonBars", engine.horizonBars, "slSigma", sl, "tp1Sigma", tp,
                "breakEvenRate", sl / (sl + tp)));
        rep.put("stage1Classifier", Map.of("rows", stage1Data.size(), "positiveRate", stage1Data.positiveRate(),
                "walkForward", stage1.metadata().walkForward(), "holdout", stage1.metadata().holdout(),
                "calibration", stage1.calibrated().calibration(), "version", cv));
        rep.put("replay", Map.of("queries", replay.queries(), "tradedCandidates", replay.trades(),
                "labelledRowsAfterCut", replay.rows().size(), "unresolvedOrGap", replay.unresolved(),
                "noSigmaYet", replay.noSigma(),
                "classifierAnsweredFraction", replay.rows().stream().filter(MetaReplay.Row::fromClassifier).count()
                        / (double) Math.max(1, replay.rows().size())));
        rep.put("metaRows", data.size());
        rep.put("metaPositiveRate", data.positiveRate());
        rep.put("metaTrees", cfg.meta().params());
        rep.put("folds", cfg.meta().folds());
        rep.put("embargoMs", cfg.meta().embargoMs());
        rep.put("calibration", meta.calibrated().calibration());
        rep.put("metaWalkForward", meta.metadata().walkForward());
        rep.put("metaWalkForwardMeanAuc", meanAuc(meta.metadata().walkForward()));
        rep.put("metaHoldout", meta.metadata().holdout());
        rep.put("inputsAlone", inputs);
        rep.put("calibrationComparisonOnHoldout", meta.calibrationComparison());
        rep.put("metaVersion", mv);
        rep.put("sha256", stored.sha256());
        rep.put("seconds", Map.of("stage1", (t1 - t0) / 1e9, "replay", (t2 - t1) / 1e9, "meta", (t3 - t2) / 1e9));
        return new Outcome(cv, mv, stored, rep);
    }

    /** Meta rows from labelled queries (already in entry order). */
    public static TpSlDataset dataset(List<MetaReplay.Row> rows) {
        int n = rows.size();
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] e = new long[n], z = new long[n];
        for (int i = 0; i < n; i++) {
            MetaReplay.Row r = rows.get(i);
            x[i] = MetaFeatures.of(r.query(), r.stage1P(), r.fromClassifier());
            y[i] = r.label();
            e[i] = r.entryMs();
            z[i] = r.exitMs();
        }
        return new TpSlDataset(MetaFeatures.NAMES, x, y, e, z);
    }

    /**
     * Scores of the first-stage p, the fallback p and the classifier p (rows where it answered) on the meta
     * learner's walk-forward test blocks and holdout (last 10 %), plus the meta-learner on the classifier rows of
     * the holdout — the same rows, so the numbers compare.
     */
    static Map<String, Object> inputsAlone(List<MetaReplay.Row> rows, TpSlDataset data, TpSlTraining.Config cfg,
                                           CalibratedTrees meta) {
        Map<String, ToDoubleFunction<MetaReplay.Row>> inputs = new LinkedHashMap<>();
        inputs.put("stage1P", MetaReplay.Row::stage1P);
        inputs.put("fallbackP", MetaReplay.Row::fallbackP);
        inputs.put("classifierP", MetaReplay.Row::classifierP);
        List<WalkForward.Split> splits = WalkForward.splits(data.entryMs(), data.exitMs(), cfg.folds(), cfg.embargoMs());
        int n = rows.size();
        int[] hold = IntStream.range((int) (n * 0.9), n).toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : inputs.entrySet()) {
            IntPredicate use = e.getKey().equals("classifierP") ? i -> rows.get(i).fromClassifier() : i -> true;
            List<Metrics.Report> folds = new ArrayList<>();
            for (WalkForward.Split s : splits) folds.add(score(rows, s.test(), use, e.getValue()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("walkForward", folds);
            m.put("walkForwardMeanAuc", meanAuc(folds));
            m.put("holdout", score(rows, hold, use, e.getValue()));
            out.put(e.getKey(), m);
        }
        out.put("metaOnClassifierRowsOfHoldout", score(rows, hold, i -> rows.get(i).fromClassifier(),
                r -> meta.probability(MetaFeatures.of(r.query(), r.stage1P(), r.fromClassifier()))));
        return out;
    }

    private static Metrics.Report score(List<MetaReplay.Row> rows, int[] idx, IntPredicate use,
                                        ToDoubleFunction<MetaReplay.Row> p) {
        int[] sel = Arrays.stream(idx).filter(use).toArray();
        if (sel.length == 0) return null;
        double[] ps = new double[sel.length];
        int[] y = new int[sel.length];
        for (int k = 0; k < sel.length; k++) {
            ps[k] = Math.min(1, Math.max(0, p.applyAsDouble(rows.get(sel[k]))));
            y[k] = rows.get(sel[k]).label();
        }
        return Metrics.report(ps, y);
    }

    static double meanAuc(List<Metrics.Report> r) {
        return r.stream().filter(x -> x != null && !Double.isNaN(x.auc())).mapToDouble(Metrics.Report::auc).average().orElse(Double.NaN);
    }

    /** Rows of several symbols' datasets in one time order. */
    static TpSlDataset merge(List<TpSlDataset> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no bars before the first-stage cut");
        record R(float[] x, int y, long e, long z) {
        }
        List<R> all = new ArrayList<>();
        for (TpSlDataset d : parts) for (int i = 0; i < d.size(); i++) all.add(new R(d.x()[i], d.y()[i], d.entryMs()[i], d.exitMs()[i]));
        all.sort(Comparator.comparingLong(R::e));
        int n = all.size();
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] e = new long[n], z = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = all.get(i).x();
            y[i] = all.get(i).y();
            e[i] = all.get(i).e();
            z[i] = all.get(i).z();
        }
        return new TpSlDataset(TpSlFeatures.NAMES, x, y, e, z);
    }

    private static Path scratchDir() {
        try {
            return Files.createTempDirectory("vprop-meta-stage1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch registry directory", e);
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
