package io.vprop.models.drift;

import java.util.List;

/**
 * The drift of a live window against the served autoencoder's training reference.
 *
 * @param rows    live vectors in the window
 * @param ready   false while the window holds fewer than the configured minimum (then every level is OK)
 * @param error   the autoencoder part, null when the monitor has no error scorer
 */
public record DriftReport(int rows, int window, boolean ready, List<FeatureDrift> features, ErrorDrift error,
                          DriftLevel level) {
    public DriftReport {
        features = List.copyOf(features);
    }

    /** PSI and KL(live ‖ reference) of one feature; the level follows PSI. */
    public record FeatureDrift(String feature, double psi, double kl, DriftLevel level) {
    }

    /**
     * Mean reconstruction error of the window against the reference's per-row error distribution (held-out training
     * rows): {@code ratio} = liveMean / referenceMean; the level compares liveMean with the reference p95 / p99.
     */
    public record ErrorDrift(double liveMean, double referenceMean, double referenceP95, double referenceP99,
                             double ratio, double fractionAboveP99, DriftLevel level) {
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
