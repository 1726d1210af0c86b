package io.vprop.cli;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.MetaFeatures;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.meta.MetaPipeline;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.train.Calibration;
import io.vprop.models.TpSlTraining;
import io.vprop.signal.SignalConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The served models of one walk-forward fold, trained in-process by the models module's own trainers on the bars that
 * CLOSED before the fold's cut (its test start minus the embargo) and opened in its training window — nothing later
 * reaches a trainer, so a label (TP1 before SL within the horizon) can only use bars before the cut. Published and
 * served from {@code root} (one folder per fold and arm), so the engine asks them exactly as the sidecar does.
 */
final class FoldModels implements AutoCloseable {

    /** What wraps the engine's win-probability port in a walk-forward arm. */
    enum Arm {
        /** the engine's baseline only (the fitted or hand-set edges' p) */
        NONE,
        /** the TP/SL classifier with the engine's geometry, trained on the whole training window */
        TPSL,
        /** the meta-learner on its stage-1 classifier (MetaPipeline: stage 1 on the first 30 %, meta rows after) */
        META,
        /** as META with the GRU sequence model's heads among the meta-learner's inputs (when its fold keeps them) */
        META_SEQ;

        static Arm parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--models " + s + ": none, tpsl, meta or meta-seq");
            }
        }

        String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    final Arm arm;
    final ModelRegistry<OnnxClassifier> tpsl;
    final ModelRegistry<OnnxClassifier> meta;
    final ModelRegistry<OnnxSequenceModel> seq;
    final Map<String, Object> report = new LinkedHashMap<>();

    private FoldModels(Arm arm, ModelRegistry<OnnxClassifier> tpsl, ModelRegistry<OnnxClassifier> meta,
                       ModelRegistry<OnnxSequenceModel> seq) {
        this.arm = arm;
        this.tpsl = tpsl;
        this.meta = meta;
        this.seq = seq;
    }

    /** The bars a fold's trainer may see: opened at or after {@code fromMs} and closed at or before {@code cutMs}. */
    static List<Bar> trainingBars(List<Bar> bars, long fromMs, long cutMs) {
        return bars.stream().filter(b -> b.openTimeMs() >= fromMs && b.openTimeMs() + b.timeframe().millis() <= cutMs).toList();
    }

    /**
     * Trains and serves {@code arm}'s models on {@code bars} (one series per symbol, all of one timeframe) restricted to
     * {@link #trainingBars}; the engine's default geometry sets the labels.
     */
    static FoldModels train(Arm arm, List<List<Bar>> bars, long fromMs, long cutMs, Path root) {
        if (arm == Arm.NONE) return new FoldModels(arm, null, null, null);
        List<List<Bar>> series = bars.stream().map(s -> trainingBars(s, fromMs, cutMs)).filter(s -> !s.isEmpty()).toList();
        if (series.isEmpty()) throw new IllegalArgumentException("no bars closed before the fold's cut to train on");
        Timeframe tf = series.get(0).get(0).timeframe();
        // the meta pipeline's replay configuration (MetaReplay.config): one timeframe, regime on it, defaults otherwise
        SignalConfig engine = SignalConfig.builder().timeframes(tf).regimeTimeframe(tf).build();
        MetaPipeline.Config cfg = MetaPipeline.defaultConfig(tf, engine, Calibration.PLATT);
        FoldModels m;
        if (arm == Arm.TPSL) {
            if (series.size() != 1) throw new IllegalArgumentException("--models tpsl trains one classifier per symbol: give one symbol");
            TpSlLabeler labeler = new TpSlLabeler(engine.horizonBars, engine.tp1Multiple * engine.slSigma, engine.slSigma);
            List<Bar> s = series.get(0);
            TpSlDataset data = labeler.label(s);
            // the stage-1 settings of the meta pipeline (2 purged folds, embargo 2 horizons): cheap enough per fold
            TpSlTraining.Result r = TpSlTraining.train(TpSlPipeline.MODEL_NAME, data, labeler, cfg.stage1(), 0L, Calibration.PLATT);
            ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
            reg.activate(reg.publish(r.calibrated().export(TpSlPipeline.MODEL_NAME, Map.of("features", String.join(",", TpSlFeatures.NAMES))),
                    r.metadata().withProperties(Map.of("timeframe", tf.name(), "symbol", s.get(0).symbol()))));
            m = new FoldModels(arm, reg, null, null);
            m.report.put("rows", data.size());
            m.report.put("holdoutAuc", r.metadata().holdout().auc());
        } else {
            MetaPipeline.Config c = arm == Arm.META ? new MetaPipeline.Config(cfg.stage1Fraction(), cfg.stage1(), cfg.meta(), cfg.calibration())
                    : cfg;
            Map<String, Object> rep = new LinkedHashMap<>();
            MetaPipeline.Outcome o = MetaPipeline.run(series, engine, c, root, true, rep);
            m = new FoldModels(arm, ModelRegistry.classifiers(root, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES),
                    ModelRegistry.classifiers(root, MetaFeatures.MODEL_NAME, MetaFeatures.NAMES),
                    arm == Arm.META_SEQ ? SequencePipeline.registry(root) : null);
            m.report.put("metaRows", rep.get("metaRows"));
            m.report.put("metaHoldoutAuc", o.metadata().holdout().auc());
            m.report.put("seqColumnsUsed", o.metadata().properties().get("seqColumnsUsed"));
        }
        m.report.put("trainBars", series.stream().mapToInt(List::size).sum());
        m.report.put("lastTrainingBarCloseMs", series.stream().mapToLong(s -> s.get(s.size() - 1).openTimeMs() + tf.millis()).max().orElseThrow());
        return m;
    }

    /** The SHA-256 of each served version (what a lookahead test compares). */
    Map<String, String> servedSha256() {
        Map<String, String> m = new LinkedHashMap<>();
        if (tpsl != null && tpsl.current() != null) m.put("tpsl", tpsl.current().metadata().sha256());
        if (meta != null && meta.current() != null) m.put("meta", meta.current().metadata().sha256());
        if (seq != null && seq.current() != null) m.put("seq", seq.current().metadata().sha256());
        return m;
    }

    @Override
    public void close() {
        if (tpsl != null) tpsl.close();
        if (meta != null) meta.close();
        if (seq != null) seq.close();
    }
}
