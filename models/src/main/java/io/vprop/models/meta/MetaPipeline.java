package io.vprop.models.meta;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.MetaFeatures;
import io.vprop.models.train.CalibratedTrees;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.seq.OnnxSequenceExport;
import io.vprop.models.seq.GruTrainer;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SequenceDataset;
import io.vprop.models.seq.SequenceFeatures;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.seq.SequenceTraining;
import io.vprop.models.train.Calibration;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.Metrics;
import io.vprop.models.TpSlTraining;
import io.vprop.models.train.WalkForward;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.select.DriftWinProbability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 *   <li>likewise (when {@link Config#seq()} is set) the GRU sequence model is trained ONLY on windows whose bars and
 *       labels lie before the cut;</li>
 *   <li>the real signal engine replays ALL bars with that classifier (and sequence model) served
 *       ({@link MetaReplay}); queries from the cut + embargo on become meta rows, labelled by the bars after them,
 *       with the sequence model's outputs computed live by the serving code from bars up to the query;</li>
 *   <li>the meta-learner (same trees, walk-forward, calibration as the TP/SL classifier) is trained on those rows
 *       with {@link MetaFeatures} twice — with the seq columns and with them blanked ("no sequence model") — on the
 *       same rows, folds and holdout; the with-seq variant is published unless its walk-forward mean log loss is
 *       worse by more than {@link #SEQ_LOG_LOSS_TOLERANCE} (the holdout decides nothing). The inputs alone
 *       (first-stage p, fallback p, classifier p where it answered, seq p oriented by side where it answered) are
 *       scored on the same folds and holdout;</li>
 *   <li>all models are published ("tpsl", "seq", "meta"); with {@code activate} all are served, so serving sees the
 *       classifier and sequence model the meta-learner was trained on.</li>
 * </ol>
 */
public final class MetaPipeline {
    public static final String MODEL_NAME = MetaFeatures.MODEL_NAME;
    /**
     * The with-seq meta model is published unless its walk-forward mean log loss is worse than the without-seq one's
     * by more than this: a tie (the calibrated outputs of both sit near the base rate; EURUSD H1 differed by 3e-6)
     * goes to the variant that uses the served sequence model; a real loss does not.
     */
    static final double SEQ_LOG_LOSS_TOLERANCE = 1e-3;

    /** The sequence model stacked under the meta-learner: windows of {@code window} bars, targets {@code horizon} ahead. */
    public record SeqStage(int window, int horizon, SequenceTraining.Config training) {
        public SeqStage {
            if (window < 1 || horizon < 1) throw new IllegalArgumentException("seq window and horizon must be >= 1, got " + window + ", " + horizon);
        }
    }

    /** @param seq the sequence model under the meta-learner, or null for none (seq columns all "not available") */
    public record Config(double stage1Fraction, TpSlTraining.Config stage1, TpSlTraining.Config meta, Calibration calibration,
                         SeqStage seq) {
        public Config {
            if (!(stage1Fraction > 0.05 && stage1Fraction < 0.9)) {
                throw new IllegalArgumentException("stage1Fraction must be in (0.05, 0.9), got " + stage1Fraction);
            }
        }

        /** Without a sequence model. */
        public Config(double stage1Fraction, TpSlTraining.Config stage1, TpSlTraining.Config meta, Calibration calibration) {
            this(stage1Fraction, stage1, meta, calibration, null);
        }
    }

    /** {@code seqVersion} 0 = no sequence model was trained. */
    public record Outcome(int classifierVersion, int seqVersion, int metaVersion, ModelMetadata metadata, Map<String, Object> report) {
    }

    private MetaPipeline() {
    }

    /**
     * Embargo = 2 label horizons of the bars' timeframe. Sequence model: 32-bar windows, horizon = the engine's
     * horizon (its direction head then answers "up after the trade's horizon"), the trainer's defaults, one
     * walk-forward fold (a report of its own skill before the cut) + the final fit, embargo one window.
     */
    public static Config defaultConfig(Timeframe tf, SignalConfig engine, Calibration calibration) {
        long embargo = 2L * engine.horizonBars * tf.millis();
        int window = 32;
        return new Config(0.3,
                new TpSlTraining.Config(2, embargo, new GradientBoostingTrainer.Params(60, 3, 0.1, 100, 1.0), 256),
                new TpSlTraining.Config(4, embargo, new GradientBoostingTrainer.Params(80, 3, 0.05, 150, 1.0), 256),
                calibration,
                new SeqStage(window, engine.horizonBars,
                        new SequenceTraining.Config(1, window * tf.millis(), GruTrainer.Params.defaults(), 256)));
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

        // 1b. the sequence model, likewise only on bars (inputs AND labels) before the cut
        SeqFit seq = cfg.seq() == null ? null : trainSeq(series, cutMs, cfg.seq(), tf, symbols, now);
        long t1b = System.nanoTime();

        // 2. replay the engine with those models served from scratch registries; the seq outputs of each query come
        //    from the serving code itself (ServedWinProbability.seqOutputs), fed by the bars up to the query only
        MetaReplay.Result replay;
        Path scratch = scratchDir();
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(scratch, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
             ModelRegistry<OnnxSequenceModel> sreg = seq == null ? null : SequencePipeline.registry(scratch)) {
            reg.activate(reg.publish(stage1Onnx, stage1Meta));
            if (sreg != null) sreg.activate(sreg.publish(seq.onnx(), seq.metadata()));
            replay = MetaReplay.run(series, engine, new ServedWinProbability(reg, new DriftWinProbability(), null, sreg),
                    cutMs + cfg.meta().embargoMs());
        } finally {
            deleteTree(scratch);
        }
        TpSlDataset withSeq = dataset(replay.rows(), true), withoutSeq = dataset(replay.rows(), false);
        long t2 = System.nanoTime();

        // 3. meta-learner with and without the seq columns (same rows, folds, holdout); pick by walk-forward only
        TpSlTraining.Result metaWithout = TpSlTraining.train(MODEL_NAME, "meta-gbt", withoutSeq, engine.horizonBars, tp, sl,
                cfg.meta(), cfg.calibration(), now);
        TpSlTraining.Result metaWith = seq == null ? null : TpSlTraining.train(MODEL_NAME, "meta-gbt", withSeq,
                engine.horizonBars, tp, sl, cfg.meta(), cfg.calibration(), now);
        boolean useSeq = metaWith != null
                && meanOf(metaWith.metadata().walkForward(), Metrics.Report::logLoss)
                <= meanOf(metaWithout.metadata().walkForward(), Metrics.Report::logLoss) + SEQ_LOG_LOSS_TOLERANCE;
        TpSlTraining.Result meta = useSeq ? metaWith : metaWithout;
        long t3 = System.nanoTime();
        Map<String, Object> inputs = inputsAlone(replay.rows(), withoutSeq, cfg.meta(), meta.calibrated(), useSeq);

        // 4. publish all (the scratch registries are gone; the stored copies are verified again on activation)
        int cv, sv = 0, mv;
        ModelMetadata stored;
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(registryRoot, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
             ModelRegistry<OnnxSequenceModel> sreg = seq == null ? null : SequencePipeline.registry(registryRoot);
             ModelRegistry<OnnxClassifier> mreg = ModelRegistry.classifiers(registryRoot, MODEL_NAME, MetaFeatures.NAMES)) {
            cv = reg.publish(stage1Onnx, stage1Meta);
            if (sreg != null) sv = sreg.publish(seq.onnx(), seq.metadata());
            byte[] metaOnnx = meta.calibrated().export(MODEL_NAME, Map.of("features", String.join(",", MetaFeatures.NAMES)));
            Map<String, Object> props = new LinkedHashMap<>(Map.of("timeframe", tf.name(), "symbol", symbols,
                    "classifierVersion", cv, "stage1CutMs", cutMs, "seqColumnsUsed", useSeq));
            if (sv > 0) props.put("seqVersion", sv);
            mv = mreg.publish(metaOnnx, meta.metadata().withProperties(props));
            if (activate) {
                reg.activate(cv);
                if (sreg != null) sreg.activate(sv);
                mreg.activate(mv);
            }
            int metaVersion = mv;
            stored = mreg.list().stream().filter(m -> m.version() == metaVersion).findFirst().orElseThrow();
        }

        rep.put("timeframe", tf.name());
        rep.put("symbols", symbols);
        rep.put("barCount", times.length);
        rep.put("stage1CutUtc", Instant.ofEpochMilli(cutMs).toString());
        rep.put("engine", Map.of("horizonBars", engine.horizonBars, "slSigma", sl, "tp1Sigma", tp,
                "breakEvenRate", sl / (sl + tp)));
        rep.put("stage1Classifier", Map.of("rows", stage1Data.size(), "positiveRate", stage1Data.positiveRate(),
                "walkForward", stage1.metadata().walkForward(), "holdout", stage1.metadata().holdout(),
                "calibration", stage1.calibrated().calibration(), "version", cv));
        if (seq != null) rep.put("seqModel", seqReport(seq, cfg.seq(), sv, (t1b - t1) / 1e9));
        rep.put("replay", Map.of("queries", replay.queries(), "tradedCandidates", replay.trades(),
                "labelledRowsAfterCut", replay.rows().size(), "unresolvedOrGap", replay.unresolved(),
                "noSigmaYet", replay.noSigma(),
                "classifierAnsweredFraction", replay.rows().stream().filter(MetaReplay.Row::fromClassifier).count()
                        / (double) Math.max(1, replay.rows().size()),
                "seqAnsweredFraction", replay.rows().stream().filter(MetaReplay.Row::seqAvailable).count()
                        / (double) Math.max(1, replay.rows().size())));
        rep.put("metaRows", withoutSeq.size());
        rep.put("metaPositiveRate", withoutSeq.positiveRate());
        rep.put("metaTrees", cfg.meta().params());
        rep.put("folds", cfg.meta().folds());
        rep.put("embargoMs", cfg.meta().embargoMs());
        rep.put("calibration", meta.calibrated().calibration());
        if (metaWith != null) {
            Map<String, Object> cmp = new LinkedHashMap<>();
            cmp.put("sameRows", withoutSeq.size());
            cmp.put("published", useSeq ? "withSeq" : "withoutSeq");
            cmp.put("rule", "withSeq unless its walk-forward mean log loss exceeds withoutSeq's by more than "
                    + SEQ_LOG_LOSS_TOLERANCE + " (the holdout is not used to choose)");
            cmp.put("withSeq", summary(metaWith));
            cmp.put("withoutSeq", summary(metaWithout));
            rep.put("seqComparison", cmp);
        }
        rep.put("metaWalkForward", meta.metadata().walkForward());
        rep.put("metaWalkForwardMeanAuc", meanAuc(meta.metadata().walkForward()));
        rep.put("metaHoldout", meta.metadata().holdout());
        rep.put("inputsAlone", inputs);
        rep.put("calibrationComparisonOnHoldout", meta.calibrationComparison());
        rep.put("metaVersion", mv);
        if (sv > 0) rep.put("seqVersion", sv);
        rep.put("sha256", stored.sha256());
        rep.put("seconds", Map.of("stage1", (t1 - t0) / 1e9, "seq", (t1b - t1) / 1e9, "replay", (t2 - t1b) / 1e9,
                "meta", (t3 - t2) / 1e9));
        return new Outcome(cv, sv, mv, stored, rep);
    }

    /** The sequence model trained before the cut, its ONNX bytes and the metadata it is published with. */
    private record SeqFit(SequenceTraining.Result result, SequenceDataset data, byte[] onnx, ModelMetadata metadata) {
    }

    static SeqFit trainSeq(List<List<Bar>> series, long cutMs, SeqStage st, Timeframe tf, String symbols, long now) {
        List<SequenceDataset> parts = series.stream()
                .map(s -> s.stream().filter(b -> b.openTimeMs() < cutMs).toList())
                .filter(s -> s.size() > st.window() + SequenceFeatures.SIGMA_LOOKBACK + st.horizon())
                .map(s -> SequenceDataset.build(s, st.window(), st.horizon())).toList();
        SequenceDataset data = mergeWindows(parts);
        SequenceTraining.Result r = SequenceTraining.train(SequencePipeline.MODEL_NAME, data, st.training(), now);
        byte[] onnx = OnnxSequenceExport.export(r.model(), st.window(), SequencePipeline.MODEL_NAME, Map.of(
                "features", String.join(",", data.features()), "window", Integer.toString(st.window()),
                "horizon", Integer.toString(st.horizon())));
        ModelMetadata m = r.metadata().withProperties(Map.of("timeframe", tf.name(), "symbol", symbols, "stage1OfMeta", true));
        return new SeqFit(r, data, onnx, m);
    }

    /** Windows of several symbols in one time order (stable: a symbol's own order is kept). */
    static SequenceDataset mergeWindows(List<SequenceDataset> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no bars before the first-stage cut for the sequence model");
        if (parts.size() == 1) return parts.get(0);
        record W(float[] x, float v, int d, long e, long z) {
        }
        List<W> all = new ArrayList<>();
        for (SequenceDataset d : parts) {
            for (int i = 0; i < d.size(); i++) all.add(new W(d.x()[i], d.vol()[i], d.dir()[i], d.entryMs()[i], d.exitMs()[i]));
        }
        all.sort(Comparator.comparingLong(W::e));
        int n = all.size();
        float[][] x = new float[n][];
        float[] v = new float[n];
        int[] d = new int[n];
        long[] e = new long[n], z = new long[n];
        for (int i = 0; i < n; i++) {
            W w = all.get(i);
            x[i] = w.x();
            v[i] = w.v();
            d[i] = w.d();
            e[i] = w.e();
            z[i] = w.z();
        }
        SequenceDataset first = parts.get(0);
        return new SequenceDataset(first.features(), first.window(), first.horizon(), x, v, d, e, z);
    }

    private static Map<String, Object> seqReport(SeqFit seq, SeqStage st, int version, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowsBeforeCut", seq.data().size());
        m.put("upRate", seq.data().upRate());
        m.put("window", st.window());
        m.put("horizon", st.horizon());
        m.put("trainer", st.training().params());
        m.put("folds", st.training().folds());
        m.put("walkForward", seq.result().folds());
        m.put("holdout", seq.result().holdout());
        m.put("trainedToUtc", Instant.ofEpochMilli(seq.metadata().trainToMs()).toString());
        m.put("version", version);
        m.put("trainSeconds", seconds);
        return m;
    }

    /** AUC / Brier / log loss per fold, their means, and the holdout: the numbers the seq comparison is about. */
    private static Map<String, Object> summary(TpSlTraining.Result r) {
        List<Metrics.Report> wf = r.metadata().walkForward();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("walkForward", wf.stream().map(MetaPipeline::brief).toList());
        m.put("walkForwardMean", Map.of("auc", meanAuc(wf), "brier", meanOf(wf, Metrics.Report::brier),
                "logLoss", meanOf(wf, Metrics.Report::logLoss), "baselineBrier", meanOf(wf, Metrics.Report::baselineBrier)));
        m.put("holdout", brief(r.metadata().holdout()));
        return m;
    }

    private static Map<String, Object> brief(Metrics.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", r.rows());
        m.put("auc", r.auc());
        m.put("brier", r.brier());
        m.put("logLoss", r.logLoss());
        m.put("baselineBrier", r.baselineBrier());
        return m;
    }

    static double meanOf(List<Metrics.Report> r, ToDoubleFunction<Metrics.Report> f) {
        return r.stream().filter(x -> x != null && Double.isFinite(f.applyAsDouble(x))).mapToDouble(f).average().orElse(Double.NaN);
    }

    /** Meta rows from labelled queries (already in entry order), with the sequence model's columns. */
    public static TpSlDataset dataset(List<MetaReplay.Row> rows) {
        return dataset(rows, true);
    }

    /** Meta rows; {@code withSeq} false blanks the seq columns (as if no sequence model answered) — same rows otherwise. */
    public static TpSlDataset dataset(List<MetaReplay.Row> rows, boolean withSeq) {
        int n = rows.size();
        float[][] x = new float[n][];
        int[] y = new int[n];
        long[] e = new long[n], z = new long[n];
        for (int i = 0; i < n; i++) {
            MetaReplay.Row r = rows.get(i);
            x[i] = r.metaFeatures(withSeq);
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
        return inputsAlone(rows, data, cfg, meta, true);
    }

    /**
     * As above; {@code seqPSide} (the sequence model's direction p oriented by the side, on the rows where it
     * answered) is scored too when any row has it. {@code metaUsesSeq}: how the meta model's rows are built.
     */
    static Map<String, Object> inputsAlone(List<MetaReplay.Row> rows, TpSlDataset data, TpSlTraining.Config cfg,
                                           CalibratedTrees meta, boolean metaUsesSeq) {
        Map<String, ToDoubleFunction<MetaReplay.Row>> inputs = new LinkedHashMap<>();
        inputs.put("stage1P", MetaReplay.Row::stage1P);
        inputs.put("fallbackP", MetaReplay.Row::fallbackP);
        inputs.put("classifierP", MetaReplay.Row::classifierP);
        if (rows.stream().anyMatch(MetaReplay.Row::seqAvailable)) {
            inputs.put("seqPSide", r -> r.query().direction() > 0 ? r.seqPUp() : 1 - r.seqPUp());
        }
        List<WalkForward.Split> splits = WalkForward.splits(data.entryMs(), data.exitMs(), cfg.folds(), cfg.embargoMs());
        int n = rows.size();
        int[] hold = IntStream.range((int) (n * 0.9), n).toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : inputs.entrySet()) {
            IntPredicate use = switch (e.getKey()) {
                case "classifierP" -> i -> rows.get(i).fromClassifier();
                case "seqPSide" -> i -> rows.get(i).seqAvailable();
                default -> i -> true;
            };
            List<Metrics.Report> folds = new ArrayList<>();
            for (WalkForward.Split s : splits) folds.add(score(rows, s.test(), use, e.getValue()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("walkForward", folds);
            m.put("walkForwardMeanAuc", meanAuc(folds));
            m.put("holdout", score(rows, hold, use, e.getValue()));
            out.put(e.getKey(), m);
        }
        out.put("metaOnClassifierRowsOfHoldout", score(rows, hold, i -> rows.get(i).fromClassifier(),
                r -> meta.probability(r.metaFeatures(metaUsesSeq))));
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
