package io.vprop.research.walkforward;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One point of a parameter grid: named numbers in the grid spec's order.
 *
 * @param index  position in the grid (0-based): ties in the selection go to the lower index
 * @param values name → value, in the spec's order
 */
public record ParamSet(int index, Map<String, Double> values) implements java.io.Serializable {
    public ParamSet {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) throw new IllegalArgumentException("parameter '" + name + "' is not in " + key()
                + " (the grid defines " + values.keySet() + ")");
        return v;
    }

    /** A whole-number parameter (a bar count); throws when the grid gave it a fraction. */
    public int getInt(String name) {
        double v = get(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, got " + v);
        }
        return (int) v;
    }

    /** The value, or {@code fallback} when the grid does not define the name (a runner's documented default). */
    public double getOr(String name, double fallback) {
        Double v = values.get(name);
        return v == null ? fallback : v;
    }

    /** "fast=10,slow=50" ("defaults" without parameters): stable text for ids, reports and checkpoints. */
    public String key() {
        if (values.isEmpty()) return "defaults";
        StringJoiner j = new StringJoiner(",");
        values.forEach((k, v) -> j.add(k + "=" + format(v)));
        return j.toString();
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%s", v);
    }
}
