package io.vprop.models.drift;

import io.vprop.models.registry.ModelMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Watches live feature vectors (one per closed bar / candidate) for drift away from a {@link DriftReference}.
 * Keeps the last {@code window} vectors in a ring and, per feature, the count of window vectors in each reference
 * bin, updated incrementally on every {@link #add} (a binary search over ≤ 9 edges per feature, no allocation).
 * {@link #report()} is on demand: PSI/KL per feature from the counts, plus one batch call of the autoencoder over
 * the window for the mean reconstruction error. Domain core: no I/O; the error scorer is a port (ONNX Runtime or
 * the Java model). Synchronized, so a feeder thread and a reporting thread may share one monitor.
 *
 * <p>Thresholds. PSI: &lt; 0.1 no significant shift, 0.1–0.25 moderate (WARN), ≥ 0.25 significant (ALARM) — the rule
 * of thumb of credit-scorecard monitoring (N. Siddiqi, "Credit Risk Scorecards", Wiley 2006; its statistical
 * behaviour is studied in B. Yurdakul, "Statistical Properties of Population Stability Index", PhD thesis, Western
 * Michigan University 2018). They are conventions, not significance levels, and they assume independent rows: for
 * k bins and n i.i.d. rows, PSI between two samples of one distribution is about (k−1)·(1/n + 1/N) (≈ 0.02 for 10
 * bins, 500 rows). Our vectors are not independent — consecutive bars share their 15/60-bar lookback — so on real
 * EURUSD H1 a 500-vector window of the training period itself exceeds 0.25 on the slow features in about half the
 * windows (docs/models.md, "Drift"). Therefore, when the reference carries a {@link DriftReference.Calibration} for
 * this window length, a feature warns/alarms only above max(conventional, p95/p99 of the training period's own
 * window PSI). KL has no conventional threshold; it is reported and does not set the level (PSI = KL(live‖ref) +
 * KL(ref‖live), its symmetric form, does). Autoencoder: with a calibration, WARN/ALARM when the window's mean error
 * exceeds the p95/p99 of the training period's window means; without one, the reference's per-row p95/p99 (coarse:
 * a mean above a single-row tail percentile means most rows are reconstructed badly).
 */
public final class DriftMonitor {
    /** Scores reconstruction errors of many rows in one call (the served autoencoder or its Java twin). */
    @FunctionalInterface
    public interface ErrorScorer {
        float[] errors(float[][] rows);
    }

    public record Config(int window, int minRows, double psiWarn, double psiAlarm) {
        public Config {
            if (window < 10) throw new IllegalArgumentException("window must be >= 10 vectors, got " + window);
            if (minRows < 1 || minRows > window) throw new IllegalArgumentException("minRows must be in 1.." + window + ", got " + minRows);
            if (!(psiWarn > 0) || !(psiAlarm >= psiWarn)) {
                throw new IllegalArgumentException("need 0 < psiWarn <= psiAlarm, got " + psiWarn + ", " + psiAlarm);
            }
        }

        /** Window 500, report ready from 100 vectors, PSI 0.1 / 0.25. */
        public static Config defaults() {
            return new Config(500, 100, 0.1, 0.25);
        }

        public Config withWindow(int w) {
            return new Config(w, Math.min(minRows, w), psiWarn, psiAlarm);
        }
    }

    private final DriftReference reference;
    private final Config config;
    private final ErrorScorer scorer;
    private final int width;
    private final float[][] ring;
    private final int[][] ringBins;
    private final long[][] counts;
    private int size;
    private int next;
    private long seen;

    /** {@code scorer} may be null: then the report has no autoencoder part. */
    public DriftMonitor(DriftReference reference, Config config, ErrorScorer scorer) {
        this.reference = reference;
        this.config = config;
        this.scorer = scorer;
        this.width = reference.histograms().size();
        this.ring = new float[config.window()][width];
        this.ringBins = new int[config.window()][width];
        this.counts = new long[width][];
        if (width == 0) throw new IllegalArgumentException("reference has no features");
        for (int j = 0; j < width; j++) counts[j] = new long[reference.histograms().get(j).bins()];
    }

    /** A monitor for a stored/served autoencoder version: its own reference, scored by {@code scorer}. */
    public static DriftMonitor fromMetadata(ModelMetadata meta, Config config, ErrorScorer scorer) {
        DriftReference ref = DriftReference.fromMetadata(meta);
        return new DriftMonitor(ref, config, ref.error() == null ? null : scorer);
    }

    public DriftReference reference() { return reference; }
    public Config config() { return config; }

    /** Total vectors added since creation. */
    public synchronized long seen() {
        return seen;
    }

    /** Adds one live vector (copied); the oldest leaves the window once it is full. */
    public synchronized void add(float[] x) {
        if (x.length != width) throw new IllegalArgumentException("expected " + width + " features, got " + x.length);
        for (int j = 0; j < width; j++) {
            if (!Float.isFinite(x[j])) {
                throw new IllegalArgumentException("feature " + reference.histograms().get(j).feature() + " is " + x[j]);
            }
        }
        int slot = next;
        if (size == config.window()) {
            for (int j = 0; j < width; j++) counts[j][ringBins[slot][j]]--;
        } else {
            size++;
        }
        System.arraycopy(x, 0, ring[slot], 0, width);
        for (int j = 0; j < width; j++) {
            int b = reference.histograms().get(j).bin(x[j]);
            ringBins[slot][j] = b;
            counts[j][b]++;
        }
        next = (slot + 1) % config.window();
        seen++;
    }

    /** Drops every vector (e.g. after a new model version is served). */
    public synchronized void clear() {
        for (long[] c : counts) Arrays.fill(c, 0);
        size = 0;
        next = 0;
    }

    public synchronized DriftReport report() {
        boolean ready = size >= config.minRows();
        DriftReference.Calibration cal = reference.calibration();
        boolean calibrated = cal != null && cal.window() == config.window();
        List<DriftReport.FeatureDrift> feats = new ArrayList<>(width);
        DriftLevel overall = DriftLevel.OK;
        for (int j = 0; j < width; j++) {
            FeatureHistogram h = reference.histograms().get(j);
            double[] live = FeatureHistogram.smoothed(counts[j], size);
            double psi = FeatureHistogram.psi(live, h.probabilities());
            double kl = FeatureHistogram.kl(live, h.probabilities());
            double warnAt = calibrated ? Math.max(config.psiWarn(), cal.psiWarn()[j]) : config.psiWarn();
            double alarmAt = calibrated ? Math.max(config.psiAlarm(), cal.psiAlarm()[j]) : config.psiAlarm();
            DriftLevel lvl = level(ready, psi, warnAt, alarmAt);
            feats.add(new DriftReport.FeatureDrift(h.feature(), psi, kl, warnAt, alarmAt, lvl));
            overall = overall.max(lvl);
        }
        DriftReport.ErrorDrift err = null;
        DriftReference.ErrorReference er = reference.error();
        if (scorer != null && er != null && size > 0) {
            float[][] rows = new float[size][];
            for (int i = 0; i < size; i++) rows[i] = ring[i].clone();
            float[] e = scorer.errors(rows);
            double sum = 0;
            int above = 0;
            for (float v : e) {
                sum += v;
                if (v > er.p99()) above++;
            }
            double mean = sum / e.length;
            boolean errCal = calibrated && Double.isFinite(cal.errorWarn());
            double warnAt = errCal ? cal.errorWarn() : er.p95(), alarmAt = errCal ? cal.errorAlarm() : er.p99();
            DriftLevel lvl = level(ready, mean, warnAt, alarmAt);
            err = new DriftReport.ErrorDrift(mean, er.mean(), mean / er.mean(), (double) above / e.length, warnAt, alarmAt, lvl);
            overall = overall.max(lvl);
        }
        return new DriftReport(size, config.window(), ready, calibrated, feats, err, overall);
    }

    private static DriftLevel level(boolean ready, double value, double warnAt, double alarmAt) {
        if (!ready) return DriftLevel.OK;
        return value >= alarmAt ? DriftLevel.ALARM : value >= warnAt ? DriftLevel.WARN : DriftLevel.OK;
    }
}
