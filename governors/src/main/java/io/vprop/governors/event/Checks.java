package io.vprop.governors.event;

/** Input validation shared by the event records: bad numbers are rejected with the field name, never used. */
final class Checks {
    private Checks() {}

    static double nonNegative(String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be a finite number, got " + v);
        }
        if (v < 0) {
            throw new IllegalArgumentException(field + ": must not be negative, got " + v);
        }
        return v;
    }

    static double positive(String field, double v) {
        nonNegative(field, v);
        if (v == 0) {
            throw new IllegalArgumentException(field + ": must be greater than 0, got " + v);
        }
        return v;
    }

    static double finite(String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + ": must be a finite number, got " + v);
        }
        return v;
    }

    static <T> T required(String field, T v) {
        if (v == null) {
            throw new IllegalArgumentException(field + ": missing value");
        }
        return v;
    }

    static String symbol(String field, String v) {
        required(field, v);
        if (v.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return v;
    }
}
