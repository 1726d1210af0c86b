package io.vprop.models.drift;

import java.util.List;

/**
 * The drift of a live window against the served autoencoder's training reference.
 *
 * @param rows    live vectors in the window
 * @param ready   false while the window holds fewer than the configured minimum (then every level is OK)
 * @param error   the autoencoder part, null when the monitor has no error scorer
 * @param calibrated true when the thresholds come from the reference's own window-to-window variability
 *                   ({@link DriftReference.Calibration} for this window length), false for the conventional ones only
 */
public record DriftReport(int rows, int window, boolean ready, boolean calibrated, List<FeatureDrift> features,
                          ErrorDrift error, DriftLevel level) {
    public DriftReport {
        features = List.copyOf(features);
    }

    /** PSI and KL(live ‖ reference) of one feature; the level compares PSI with {@code warnAt} / {@code alarmAt}. */
    public record FeatureDrift(String feature, double psi, double kl, double warnAt, double alarmAt, DriftLevel level) {
    }

    /**
     * Mean reconstruction error of the window: {@code ratio} = liveMean / referenceMean (held-out rows of the training
     * period); {@code fractionAboveP99} = share of window rows above the reference's per-row p99 (≈ 0.01 without
     * drift); the level compares liveMean with {@code warnAt} / {@code alarmAt}.
     */
    public record ErrorDrift(double liveMean, double referenceMean, double ratio, double fractionAboveP99,
                             double warnAt, double alarmAt, DriftLevel level) {
    }

    /** True when the retraining scheduler should act: the overall level is ALARM. */
    public boolean alarm() {
        return level == DriftLevel.ALARM;
    }

    /** The feature with the largest PSI (null when there are none). */
    public FeatureDrift worstFeature() {
        return features.stream().max((a, b) -> Double.compare(a.psi(), b.psi())).orElse(null);
    }
}
