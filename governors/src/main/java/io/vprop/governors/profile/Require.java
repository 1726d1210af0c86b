package io.vprop.governors.profile;

import io.vprop.governors.time.Zones;

import java.time.zone.ZoneRules;

/** Range checks for profile values; every failure names the field. */
final class Require {
    private Require() {}

    static double pct(String field, double v) {
        finite(field, v);
        if (v < 0) throw new ProfileException(field, "percentage must not be negative, got " + v);
        if (v > 100) throw new ProfileException(field, "percentage " + v + " is above 100");
        return v;
    }

    /** A percentage that must be set to something greater than zero. */
    static double positivePct(String field, double v) {
        pct(field, v);
        if (v == 0) throw new ProfileException(field, "must be greater than 0");
        return v;
    }

    /** A percentage money is computed from: at most 6 decimals, so {@link Cents#pctOf} is exact. */
    static double exactPct(String field, double v) {
        if (!Cents.exactPct(v)) throw new ProfileException(field, v + " has more than 6 decimals");
        return v;
    }

    static double nonNegative(String field, double v) {
        finite(field, v);
        if (v < 0) throw new ProfileException(field, "must not be negative, got " + v);
        return v;
    }

    static int nonNegative(String field, int v) {
        if (v < 0) throw new ProfileException(field, "must not be negative, got " + v);
        return v;
    }

    static double finite(String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new ProfileException(field, "must be a finite number, got " + v);
        return v;
    }

    static <T> T present(String field, T v) {
        if (v == null) throw new ProfileException(field, "missing value");
        return v;
    }

    /** A clock name {@link Zones} knows; a missing or unknown one is reported against {@code field}. */
    static ZoneRules zone(String field, String zone) {
        present(field, zone);
        if (zone.isBlank()) throw new ProfileException(field, "missing value");
        try {
            return Zones.rules(zone);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(field, e.getMessage());
        }
    }
}
