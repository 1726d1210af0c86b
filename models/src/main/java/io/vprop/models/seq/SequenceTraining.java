package io.vprop.models.seq;

import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.train.Metrics;
import io.vprop.models.train.PlattScaling;
import io.vprop.models.train.WalkForward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains and evaluates the sequence model the way {@code TpSlTraining} does the classifier. Evaluation: purged
 * walk-forward folds; in each, the GRU is fit on the older 80 % of the training window, its direction head
 * Platt-calibrated and its volatility head linearly recalibrated (least squares a·v̂ + b) on the newer 20 % (purged
 * from the fit part) — both folded into the head weights, so the exported graph is unchanged — and both heads scored
 * on the test block, the volatility head against two naive forecasts (log ratio 0 = "σ stays as it is", and the
 * fit part's mean).
 * Final model: fit 0–80 %, calibrate 80–90 %, hold out 90–100 % (each cut purged + embargoed); parity rows come
 * from the holdout.
 */
public final class SequenceTraining {
    public static final String KIND = "seq-gru";
    /** Metadata property keys the loader and the server rely on. */
    public static final String WINDOW = "window", HORIZON = "horizon", HIDDEN = "hidden";

    public record Config(int folds, long embargoMs, GruTrainer.Params params, int parityRows) {
        public Config {
            if (folds < 1) throw new IllegalArgumentException("folds must be >= 1, got " + folds);
            if (embargoMs < 0) throw new IllegalArgumentException("embargoMs must be >= 0, got " + embargoMs);
            if (parityRows < 1) throw new IllegalArgumentException("parityRows must be >= 1, got " + parityRows);
        }
    }

    /** Volatility head out of sample: RMSE of the model and of the two naive forecasts, and the correlation. */
    public record VolReport(int rows, double rmse, double rmseNaiveZero, double rmseNaiveTrainMean, double trainMean,
                            double correlation) {
    }

    public record Fold(long testStartMs, long testEndMs, int fitRows, int calibrationRows, Metrics.Report direction,
                       VolReport volatility, double plattA, double plattB, double volA, double volB) {
    }

    public record Result(GruNetwork model, ModelMetadata metadata, List<Fold> folds, Fold holdout) {
    }

    private SequenceTraining() {
    }

    public static Result train(String name, SequenceDataset data, Config cfg, long nowMs) {
        if (data.size() < 500) throw new IllegalArgumentException("too few windows to train: " + data.size());
        GruTrainer trainer = new GruTrainer(cfg.params());
        List<Fold> folds = new ArrayList<>();
        for (WalkForward.Split s : WalkForward.splits(data.entryMs(), data.exitMs(), cfg.folds(), cfg.embargoMs())) {
            SequenceDataset train = data.subset(s.train());
            int[][] parts = purgedCut(train, (int) (train.size() * 0.8), cfg.embargoMs());
            folds.add(fitAndScore(trainer, train.subset(parts[0]), train.subset(parts[1]), data.subset(s.test()),
                    s.testStartMs(), s.testEndMs()));
        }
        int n = data.size();
        int[][] fc = purgedCut(data, (int) (n * 0.8), cfg.embargoMs());
        int holdFrom = (int) (n * 0.9);
        long holdStart = data.entryMs()[holdFrom];
        int[] calib = Arrays.stream(fc[1]).filter(i -> i < holdFrom && data.exitMs()[i] < holdStart - cfg.embargoMs()).toArray();
        SequenceDataset fit = data.subset(fc[0]), hold = data.subset(range(holdFrom, n));
        Calibrated final_ = fitCalibrated(trainer, fit, data.subset(calib));
        Fold holdout = score(final_, fit, hold, hold.entryMs()[0], hold.entryMs()[hold.size() - 1]);

        int pr = Math.min(cfg.parityRows(), hold.size());
        float[][] px = new float[pr][];
        float[] py = new float[2 * pr];
        for (int i = 0; i < pr; i++) {
            px[i] = hold.x()[i].clone();
            GruNetwork.Output o = final_.net().forward(px[i]);
            py[2 * i] = o.volatility();
            py[2 * i + 1] = o.direction();
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(WINDOW, data.window());
        props.put(HORIZON, data.horizon());
        props.put(HIDDEN, cfg.params().hidden());
        props.put("outputs", List.of("volatility", "direction"));
        props.put("volatilityTarget", "log(rms of next horizon 1-bar log returns / sigma60 at the last bar)");
        props.put("directionTarget", "close[t+horizon] > close[t]");
        props.put("volatilityHoldout", holdout.volatility());
        props.put("volatilityWalkForward", folds.stream().map(Fold::volatility).toList());
        ModelMetadata meta = new ModelMetadata(name, 0, KIND, data.features(), data.horizon(), 0, 0,
                fit.entryMs()[0], data.exitMs()[calib.length > 0 ? calib[calib.length - 1] : fc[0][fc[0].length - 1]],
                nowMs, null, holdout.direction(), folds.stream().map(Fold::direction).toList(), px, py, props);
        return new Result(final_.net(), meta, folds, holdout);
    }

    private record Calibrated(GruNetwork net, PlattScaling platt, double volA, double volB, int fitRows, int calibRows) {
    }

    private static Fold fitAndScore(GruTrainer trainer, SequenceDataset fit, SequenceDataset calib, SequenceDataset test,
                                    long from, long to) {
        return score(fitCalibrated(trainer, fit, calib), fit, test, from, to);
    }

    private static Calibrated fitCalibrated(GruTrainer trainer, SequenceDataset fit, SequenceDataset calib) {
        if (calib.size() < 50) throw new IllegalArgumentException("too few calibration windows: " + calib.size());
        GruNetwork raw = trainer.fit(fit.x(), fit.vol(), fit.dir(), fit.features().size());
        int n = calib.size();
        double[] logits = new double[n], vols = new double[n];
        for (int i = 0; i < n; i++) {
            GruNetwork.Output o = raw.forward(calib.x()[i]);
            logits[i] = o.directionLogit();
            vols[i] = o.volatility();
        }
        PlattScaling platt = PlattScaling.fit(logits, calib.dir());
        double[] ab = leastSquares(vols, calib.vol());
        GruNetwork net = raw.withDirectionScaled(platt.a(), platt.b()).withVolatilityScaled(ab[0], ab[1]);
        return new Calibrated(net, platt, ab[0], ab[1], fit.size(), n);
    }

    /**
     * Least squares y ≈ a·x + b with the slope clamped to [0, 1]: the calibration slice is short and its windows
     * overlap (effective sample ≈ rows / horizon), so it may shrink the head towards the mean but never amplify it
     * (an unclamped slope of 1.66 on M1's first fold raised its error by 16 %). a = 0 (the mean) when x does not vary.
     */
    static double[] leastSquares(double[] x, float[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double a = sxx > 1e-12 ? Math.max(0, Math.min(1, sxy / sxx)) : 0;
        return new double[]{a, my - a * mx};
    }

    private static Fold score(Calibrated m, SequenceDataset fit, SequenceDataset test, long from, long to) {
        int n = test.size();
        double[] p = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            GruNetwork.Output o = m.net().forward(test.x()[i]);
            p[i] = o.direction();
            v[i] = o.volatility();
        }
        return new Fold(from, to, m.fitRows(), m.calibRows(), Metrics.report(p, test.dir()), volReport(v, test.vol(), mean(fit.vol())),
                m.platt().a(), m.platt().b(), m.volA(), m.volB());
    }

    static VolReport volReport(double[] predicted, float[] actual, double trainMean) {
        int n = actual.length;
        double se = 0, seZero = 0, seMean = 0, mp = 0, ma = 0;
        for (int i = 0; i < n; i++) {
            se += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
            seZero += actual[i] * (double) actual[i];
            seMean += (trainMean - actual[i]) * (trainMean - actual[i]);
            mp += predicted[i];
            ma += actual[i];
        }
        mp /= n;
        ma /= n;
        double cov = 0, vp = 0, va = 0;
        for (int i = 0; i < n; i++) {
            cov += (predicted[i] - mp) * (actual[i] - ma);
            vp += (predicted[i] - mp) * (predicted[i] - mp);
            va += (actual[i] - ma) * (actual[i] - ma);
        }
        double corr = vp > 0 && va > 0 ? cov / Math.sqrt(vp * va) : Double.NaN;
        return new VolReport(n, Math.sqrt(se / n), Math.sqrt(seZero / n), Math.sqrt(seMean / n), trainMean, corr);
    }

    private static double mean(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s / a.length;
    }

    /** Rows [0, cut) minus those whose labels are known after the second part starts − embargo; rows [cut, n). */
    private static int[][] purgedCut(SequenceDataset d, int cut, long embargoMs) {
        long start = d.entryMs()[cut];
        int[] first = Arrays.stream(range(0, cut)).filter(i -> d.exitMs()[i] < start - embargoMs).toArray();
        return new int[][]{first, range(cut, d.size())};
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
