package io.vprop.models;

import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.train.CalibratedTrees;
import io.vprop.models.train.Calibration;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.IsotonicCalibration;
import io.vprop.models.train.Metrics;
import io.vprop.models.train.PlattScaling;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.models.train.WalkForward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TP/SL classifier pipeline. Evaluation: purged walk-forward folds; in each, trees are fit on the older 80 % of
 * the training window and Platt-calibrated on the newer 20 % (purged from the fit part), then scored on the test
 * block. Final model: fit on the first 80 % of all rows, calibrated on the next 10 %, and the last 10 % is held out
 * (each part purged + embargoed from the previous) for the holdout metrics and the parity rows.
 * Calibration is Platt or isotonic ({@link Calibration}); the final fit is calibrated both ways on the same
 * calibration rows and both are scored on the same holdout ({@link Result#calibrationComparison()}), the chosen
 * one becomes the model. The same code trains any binary tree model on a {@link TpSlDataset}-shaped table (the
 * meta-learner uses it with its own features).
 */
public final class TpSlTraining {
    public record Config(int folds, long embargoMs, GradientBoostingTrainer.Params params, int parityRows) {
        public Config {
            if (folds < 1) throw new IllegalArgumentException("folds must be >= 1, got " + folds);
            if (embargoMs < 0) throw new IllegalArgumentException("embargoMs must be >= 0, got " + embargoMs);
            if (parityRows < 1) throw new IllegalArgumentException("parityRows must be >= 1, got " + parityRows);
        }
    }

    /**
     * @param calibrationComparison holdout reports of Platt and isotonic fitted on the same rows ("platt",
     *                              "isotonic", "isotonicKnots")
     */
    public record Result(CalibratedTrees calibrated, ModelMetadata metadata, Map<String, Object> calibrationComparison) {
        /** The Platt-folded ensemble (P = sigmoid(margin)); only for Platt-calibrated results. */
        public TreeEnsemble model() {
            if (calibrated.isotonic() != null) throw new IllegalStateException("an isotonic model is not a plain ensemble; use calibrated()");
            return calibrated.ensemble();
        }
    }

    private TpSlTraining() {
    }

    public static Result train(String name, TpSlDataset data, TpSlLabeler labeler, Config cfg, long nowMs) {
        return train(name, data, labeler, cfg, nowMs, Calibration.PLATT);
    }

    public static Result train(String name, TpSlDataset data, TpSlLabeler labeler, Config cfg, long nowMs, Calibration cal) {
        return train(name, "tpsl-gbt", data, labeler.horizon(), labeler.tpSigma(), labeler.slSigma(), cfg, cal, nowMs);
    }

    /** Any binary tree model: {@code kind} and the geometry fields go into the metadata as given. */
    public static Result train(String name, String kind, TpSlDataset data, int horizonBars, double tpSigma, double slSigma,
                               Config cfg, Calibration cal, long nowMs) {
        if (data.size() < 500) throw new IllegalArgumentException("too few labelled rows to train: " + data.size());
        GradientBoostingTrainer trainer = new GradientBoostingTrainer(cfg.params());
        List<Metrics.Report> folds = new ArrayList<>();
        for (WalkForward.Split s : WalkForward.splits(data.entryMs(), data.exitMs(), cfg.folds(), cfg.embargoMs())) {
            TpSlDataset train = data.subset(s.train());
            int cut = (int) (train.size() * 0.8);
            int[][] parts = purgedCut(train, cut, cfg.embargoMs());
            CalibratedTrees m = fitCalibrated(trainer, train.subset(parts[0]), train.subset(parts[1]), cal, null);
            folds.add(score(m, data.subset(s.test())));
        }
        int n = data.size();
        int[] all = range(0, n);
        int[][] fc = purgedCut(data.subset(all), (int) (n * 0.8), cfg.embargoMs());
        int[] fit = fc[0];
        // second cut: calibration (80..90 %) vs holdout (90..100 %)
        int holdFrom = (int) (n * 0.9);
        long holdStart = data.entryMs()[holdFrom];
        int[] calib = Arrays.stream(fc[1]).filter(i -> i < holdFrom && data.exitMs()[i] < holdStart - cfg.embargoMs()).toArray();
        int[] hold = range(holdFrom, n);
        TpSlDataset h = data.subset(hold);
        Map<String, Object> comparison = new LinkedHashMap<>();
        CalibratedTrees model = fitCalibrated(trainer, data.subset(fit), data.subset(calib), cal, (platt, iso) -> {
            comparison.put("platt", score(platt, h));
            comparison.put("isotonic", score(iso, h));
            comparison.put("isotonicKnots", iso.isotonic().knots().length);
        });
        Metrics.Report holdout = score(model, h);
        int pr = Math.min(cfg.parityRows(), h.size());
        float[][] px = new float[pr][];
        float[] py = new float[pr];
        for (int i = 0; i < pr; i++) {
            px[i] = h.x()[i].clone();
            py[i] = (float) model.probability(px[i]);
        }
        ModelMetadata meta = new ModelMetadata(name, 0, kind, data.features(), horizonBars,
                tpSigma, slSigma, data.entryMs()[fit[0]], data.exitMs()[calib.length > 0 ? calib[calib.length - 1] : fit[fit.length - 1]],
                nowMs, null, holdout, folds, px, py, Map.of("calibration", model.calibration()));
        return new Result(model, meta, comparison);
    }

    /** Rows [0, cut) minus those whose label is known after the second part starts − embargo; rows [cut, n). */
    private static int[][] purgedCut(TpSlDataset d, int cut, long embargoMs) {
        long start = d.entryMs()[cut];
        int[] first = Arrays.stream(range(0, cut)).filter(i -> d.exitMs()[i] < start - embargoMs).toArray();
        return new int[][]{first, range(cut, d.size())};
    }

    private interface BothCalibrations {
        void accept(CalibratedTrees platt, CalibratedTrees isotonic);
    }

    /** Fits trees, then the calibration on {@code calib}; {@code both}, if given, sees the Platt and isotonic fits. */
    private static CalibratedTrees fitCalibrated(GradientBoostingTrainer trainer, TpSlDataset fit, TpSlDataset calib,
                                                 Calibration cal, BothCalibrations both) {
        TreeEnsemble raw = trainer.fit(fit.x(), fit.y());
        if (calib.size() < 50) throw new IllegalArgumentException("too few calibration rows: " + calib.size());
        double[] m = new double[calib.size()];
        for (int i = 0; i < m.length; i++) m[i] = raw.margin(calib.x()[i]);
        CalibratedTrees platt = null, iso = null;
        if (cal == Calibration.PLATT || both != null) {
            PlattScaling ps = PlattScaling.fit(m, calib.y());
            platt = CalibratedTrees.platt(raw.scaled(ps.a(), ps.b()));
        }
        if (cal == Calibration.ISOTONIC || both != null) {
            iso = new CalibratedTrees(raw, IsotonicCalibration.fit(m, calib.y(), IsotonicCalibration.DEFAULT_MIN_GAP));
        }
        if (both != null) both.accept(platt, iso);
        return cal == Calibration.PLATT ? platt : iso;
    }

    public static Metrics.Report score(CalibratedTrees model, TpSlDataset test) {
        double[] p = new double[test.size()];
        for (int i = 0; i < p.length; i++) p[i] = model.probability(test.x()[i]);
        return Metrics.report(p, test.y());
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
