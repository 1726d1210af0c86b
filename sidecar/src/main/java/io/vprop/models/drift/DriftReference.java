package io.vprop.models.drift;

import io.vprop.models.ModelRejectedException;
import io.vprop.models.registry.ModelMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What "no drift" looks like, stored with each autoencoder version (in {@link ModelMetadata#properties()} under
 * {@link #PROPERTY}) so a served version carries its own reference: a quantile histogram per feature from the
 * training rows, and the distribution of the autoencoder's per-row reconstruction error on held-out rows of the
 * training period (rows the autoencoder did not fit, so the reference error is not optimistic).
 */
public record DriftReference(List<FeatureHistogram> histograms, ErrorReference error) {
    public static final String PROPERTY = "drift.reference";

    public DriftReference {
        histograms = List.copyOf(histograms);
    }

    /** Reconstruction-error percentiles of the reference rows. */
    public record ErrorReference(int rows, double mean, double p50, double p95, double p99) {
        public static ErrorReference of(float[] errors) {
            if (errors.length == 0) throw new IllegalArgumentException("no reference errors");
            float[] s = errors.clone();
            Arrays.sort(s);
            double sum = 0;
            for (float e : s) sum += e;
            return new ErrorReference(s.length, sum / s.length, quantile(s, 0.50), quantile(s, 0.95), quantile(s, 0.99));
        }

        private static double quantile(float[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        }
    }

    public List<String> features() {
        return histograms.stream().map(FeatureHistogram::feature).toList();
    }

    /** Histograms of {@code rows} (column j is feature {@code names[j]}) with {@code bins} quantile bins each. */
    public static DriftReference of(List<String> names, float[][] rows, int bins, float[] heldOutErrors) {
        List<FeatureHistogram> h = new ArrayList<>();
        float[] col = new float[rows.length];
        for (int j = 0; j < names.size(); j++) {
            for (int r = 0; r < rows.length; r++) col[r] = rows[r][j];
            h.add(FeatureHistogram.of(names.get(j), col, bins));
        }
        return new DriftReference(h, heldOutErrors == null ? null : ErrorReference.of(heldOutErrors));
    }

    /** The JSON-friendly form stored in the metadata properties. */
    public Map<String, Object> toProperties() {
        List<Map<String, Object>> feats = new ArrayList<>();
        for (FeatureHistogram h : histograms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", h.feature());
            double[] edges = new double[h.edges().length];
            for (int i = 0; i < edges.length; i++) edges[i] = h.edges()[i]; // float → double is exact
            m.put("edges", edges);
            m.put("probabilities", h.probabilities());
            feats.add(m);
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("histograms", feats);
        if (error != null) {
            ref.put("error", Map.of("rows", error.rows(), "mean", error.mean(), "p50", error.p50(), "p95", error.p95(),
                    "p99", error.p99()));
        }
        return Map.of(PROPERTY, ref);
    }

    /** Reads the reference of a stored version; a missing or malformed one is a {@link ModelRejectedException}. */
    public static DriftReference fromMetadata(ModelMetadata meta) {
        String who = meta.name() + " v" + meta.version();
        Object raw = meta.properties().get(PROPERTY);
        if (!(raw instanceof Map<?, ?> ref)) throw new ModelRejectedException(who + ": metadata has no '" + PROPERTY + "' property");
        try {
            List<FeatureHistogram> h = new ArrayList<>();
            for (Object o : (List<?>) ref.get("histograms")) {
                Map<?, ?> m = (Map<?, ?>) o;
                double[] e = numbers(m.get("edges"));
                float[] edges = new float[e.length];
                for (int i = 0; i < e.length; i++) edges[i] = (float) e[i];
                h.add(new FeatureHistogram((String) m.get("feature"), edges, numbers(m.get("probabilities"))));
            }
            ErrorReference err = null;
            if (ref.get("error") instanceof Map<?, ?> e) {
                err = new ErrorReference(((Number) e.get("rows")).intValue(), num(e.get("mean")), num(e.get("p50")),
                        num(e.get("p95")), num(e.get("p99")));
            }
            DriftReference r = new DriftReference(h, err);
            if (!r.features().equals(meta.features())) {
                throw new ModelRejectedException(who + ": drift reference features " + r.features() + " differ from the model's "
                        + meta.features());
            }
            return r;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new ModelRejectedException(who + ": malformed '" + PROPERTY + "' property: " + e.getMessage(), e);
        }
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static double[] numbers(Object o) {
        if (o instanceof double[] d) return d.clone();
        List<?> l = (List<?>) o;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) d[i] = num(l.get(i));
        return d;
    }
}
