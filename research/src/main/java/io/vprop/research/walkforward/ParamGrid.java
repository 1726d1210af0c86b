package io.vprop.research.walkforward;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cartesian grid of parameters from a spec like {@code fast=5..50:5,slow=20,50,100}: each name takes a range
 * {@code from..to:step} (both ends included, step 1 when left out) or a list of values; a comma followed by a
 * {@code name=} starts the next parameter. Points are ordered with the first parameter varying slowest. The spec
 * {@code none} is one point without parameters: the strategy's defaults only.
 */
public record ParamGrid(String spec, List<ParamSet> points) {
    static final int MAX_POINTS = 1_000_000;
    /** The grid of one point without parameters. */
    public static final String NONE = "none";

    public ParamGrid {
        points = List.copyOf(points);
    }

    public int size() { return points.size(); }

    public static ParamGrid parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty parameter grid spec (none: the strategy's defaults)");
        if (spec.trim().equalsIgnoreCase(NONE)) return new ParamGrid(NONE, List.of(new ParamSet(0, Map.of())));
        Map<String, List<Double>> axes = new LinkedHashMap<>();
        String current = null;
        for (String raw : spec.split(",")) {
            String token = raw.trim();
            if (token.isEmpty()) throw new IllegalArgumentException("empty value in grid spec '" + spec + "'");
            int eq = token.indexOf('=');
            if (eq >= 0) {
                current = token.substring(0, eq).trim();
                if (!current.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("bad parameter name '" + current + "' in grid spec '" + spec + "'");
                }
                if (axes.containsKey(current)) {
                    throw new IllegalArgumentException("parameter '" + current + "' appears twice in '" + spec + "'");
                }
                axes.put(current, new ArrayList<>());
                token = token.substring(eq + 1).trim();
            } else if (current == null) {
                throw new IllegalArgumentException("grid spec '" + spec + "' must start with name=values");
            }
            addValues(axes.get(current), token, current, spec);
        }
        long count = 1;
        for (List<Double> values : axes.values()) {
            count *= values.size();
            if (count > MAX_POINTS) throw new IllegalArgumentException("grid '" + spec + "' has more than "
                    + MAX_POINTS + " points");
        }
        List<ParamSet> points = new ArrayList<>((int) count);
        List<String> names = new ArrayList<>(axes.keySet());
        int[] at = new int[names.size()];
        for (int p = 0; p < count; p++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) values.put(names.get(k), axes.get(names.get(k)).get(at[k]));
            points.add(new ParamSet(p, values));
            for (int k = names.size() - 1; k >= 0; k--) { // the last name varies fastest
                if (++at[k] < axes.get(names.get(k)).size()) break;
                at[k] = 0;
            }
        }
        return new ParamGrid(spec.trim(), points);
    }

    private static void addValues(List<Double> values, String token, String name, String spec) {
        try {
            int dots = token.indexOf("..");
            if (dots < 0) {
                values.add(Double.parseDouble(token));
                return;
            }
            String rest = token.substring(dots + 2);
            int colon = rest.indexOf(':');
            // decimal arithmetic, so 0.1..0.5:0.1 gives exactly 0.1 0.2 0.3 0.4 0.5
            BigDecimal from = new BigDecimal(token.substring(0, dots).trim());
            BigDecimal to = new BigDecimal((colon < 0 ? rest : rest.substring(0, colon)).trim());
            BigDecimal step = colon < 0 ? BigDecimal.ONE : new BigDecimal(rest.substring(colon + 1).trim());
            if (step.signum() <= 0) throw new IllegalArgumentException("step must be positive");
            if (to.compareTo(from) < 0) throw new IllegalArgumentException("range end below its start");
            for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
                values.add(v.doubleValue());
                if (values.size() > MAX_POINTS) throw new IllegalArgumentException("too many values");
            }
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("bad values '" + token + "' for parameter '" + name + "' in grid spec '"
                    + spec + "' (expected from..to[:step] or a number): " + e.getMessage(), e);
        }
    }
}
