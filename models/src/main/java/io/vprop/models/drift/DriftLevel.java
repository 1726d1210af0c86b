package io.vprop.models.drift;

/** Severity of a drift measure; ordered, so the overall level is the maximum. */
enum DriftLevel {
    OK, WARN, ALARM;

    public DriftLevel max(DriftLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
