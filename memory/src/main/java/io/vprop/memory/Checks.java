package io.vprop.memory;

import java.util.Map;

/**
 * Argument checks shared by the memory records. Every failure names the field and the offending
 * value, so a bad record coming from the EA or a config is diagnosable from the message alone.
 */
final class Checks {
    private Checks() {}

    static String nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be non-blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    static double finiteNonNegative(String field, double value) {
        finite(field, value);
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    static double positive(String field, double value) {
        finite(field, value);
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    /** Copies the vector after checking every component is finite (NaN/Infinity would poison distances). */
    static float[] finiteVector(String field, float[] vector) {
        if (vector == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(field + "[" + i + "] must be finite, was " + vector[i]);
            }
        }
        return vector.clone();
    }

    static Map<String, String> stringMap(String field, Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        map.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new IllegalArgumentException(field + " has a blank key or null value: " + k + "=" + v);
            }
        });
        return Map.copyOf(map);
    }
}
