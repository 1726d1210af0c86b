package io.vprop.models.train;

import io.vprop.models.TreeEnsemble;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TP/SL classifier pipeline. Evaluation: purged walk-forward folds; in each, trees are fit on the older 80 % of
 * the training window and Platt-calibrated on the newer 20 % (purged from the fit part), then scored on the test
 * block. Final model: fit on the first 80 % of all rows, calibrated on the next 10 %, and the last 10 % is held out
 * (each part purged + embargoed from the previous) for the holdout metrics and the parity rows.
 */
public final class TpSlTraining {
    public record Config(int folds, long embargoMs, GradientBoostingTrainer.Params params, int parityRows) {
        public Config {
            if (folds < 1) throw new IllegalArgumentException("folds must be >= 1, got " + folds);
            if (embargoMs < 0) throw new IllegalArgumentException("embargoMs must be >= 0, got " + embargoMs);
            if (parityRows < 1) throw new IllegalArgumentException("parityRows must be >= 1, got " + parityRows);
        }
    }

    public record Result(TreeEnsemble model, ModelMetadata metadata) {
    }

    private TpSlTraining() {
    }

    public static Result train(String name, TpSlDataset data, TpSlLabeler labeler, Config cfg, long nowMs) {
        if (data.size() < 500) throw new IllegalArgumentException("too few labelled rows to train: " + data.size());
        GradientBoostingTrainer trainer = new GradientBoostingTrainer(cfg.params());
        List<Metrics.Report> folds = new ArrayList<>();
        for (WalkForward.Split s : WalkForward.splits(data.entryMs(), data.exitMs(), cfg.folds(), cfg.embargoMs())) {
            TpSlDataset train = data.subset(s.train());
            int cut = (int) (train.size() * 0.8);
            int[][] parts = purgedCut(train, cut, cfg.embargoMs());
            TreeEnsemble m = fitCalibrated(trainer, train.subset(parts[0]), train.subset(parts[1]));
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
        TreeEnsemble model = fitCalibrated(trainer, data.subset(fit), data.subset(calib));
        TpSlDataset h = data.subset(hold);
        Metrics.Report holdout = score(model, h);
        int pr = Math.min(cfg.parityRows(), h.size());
        float[][] px = new float[pr][];
        float[] py = new float[pr];
        for (int i = 0; i < pr; i++) {
            px[i] = h.x()[i].clone();
            py[i] = (float) model.probability(px[i]);
        }
        ModelMetadata meta = new ModelMetadata(name, 0, "tpsl-gbt", data.features(), labeler.horizon(),
                labeler.tpSigma(), labeler.slSigma(), data.entryMs()[fit[0]], data.exitMs()[calib.length > 0 ? calib[calib.length - 1] : fit[fit.length - 1]],
                nowMs, null, holdout, folds, px, py);
        return new Result(model, meta);
    }

    /** Rows [0, cut) minus those whose label is known after the second part starts − embargo; rows [cut, n). */
    private static int[][] purgedCut(TpSlDataset d, int cut, long embargoMs) {
        long start = d.entryMs()[cut];
        int[] first = Arrays.stream(range(0, cut)).filter(i -> d.exitMs()[i] < start - embargoMs).toArray();
        return new int[][]{first, range(cut, d.size())};
    }

    private static TreeEnsemble fitCalibrated(GradientBoostingTrainer trainer, TpSlDataset fit, TpSlDataset calib) {
        TreeEnsemble raw = trainer.fit(fit.x(), fit.y());
        if (calib.size() < 50) throw new IllegalArgumentException("too few calibration rows: " + calib.size());
        double[] m = new double[calib.size()];
        for (int i = 0; i < m.length; i++) m[i] = raw.margin(calib.x()[i]);
        PlattScaling platt = PlattScaling.fit(m, calib.y());
        return raw.scaled(platt.a(), platt.b());
    }

    static Metrics.Report score(TreeEnsemble model, TpSlDataset test) {
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
