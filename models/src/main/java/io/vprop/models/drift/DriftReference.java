package io.vprop.models.drift;

import io.vprop.models.registry.ModelRejectedException;
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
public record DriftReference(List<FeatureHistogram> histograms, ErrorReference error, Calibration calibration) {
    public static final String PROPERTY = "drift.reference";

    public DriftReference {
        histograms = List.copyOf(histograms);
        if (calibration != null && calibration.psiWarn().length != histograms.size()) {
            throw new IllegalArgumentException("calibration has " + calibration.psiWarn().length + " features, reference "
                    + histograms.size());
        }
    }

    /**
     * How much windows of {@code window} consecutive vectors drift <em>inside the training period itself</em>: the
     * p95 (warn) and p99 (alarm) of each feature's window PSI and of the window mean reconstruction error, over
     * {@code windows} window positions. Consecutive bars share most of their 15/60-bar lookback, so a window of a few
     * hundred vectors holds few independent observations of the slow features and their window PSI is far above the
     * i.i.d. sampling level; these empirical thresholds (never below the conventional ones) say "more unusual than
     * the windows the model was trained on". Only used by a monitor with the same window length.
     */
    public record Calibration(int window, int windows, double[] psiWarn, double[] psiAlarm, double errorWarn,
                              double errorAlarm) {
        public Calibration {
            psiWarn = psiWarn.clone();
            psiAlarm = psiAlarm.clone();
            if (psiWarn.length != psiAlarm.length) throw new IllegalArgumentException("psiWarn and psiAlarm differ in length");
        }
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
        return new DriftReference(h, heldOutErrors == null ? null : ErrorReference.of(heldOutErrors), null);
    }

    /**
     * This reference with a {@link Calibration} for windows of {@code window} vectors, measured by sliding such a
     * window over {@code rows} (time order; {@code rowErrors} are their reconstruction errors, or null) and taking a
     * report every {@code stride} vectors once it is full.
     */
    public DriftReference calibrated(float[][] rows, float[] rowErrors, int window, int stride) {
        if (rows.length < 2 * window) {
            throw new IllegalArgumentException("need at least 2 windows of rows to calibrate, have " + rows.length + " for " + window);
        }
        int f = histograms.size();
        DriftMonitor m = new DriftMonitor(new DriftReference(histograms, null, null),
                new DriftMonitor.Config(window, window, 0.1, 0.25), null);
        List<double[]> psi = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        double[] prefix = new double[rows.length + 1];
        if (rowErrors != null) for (int i = 0; i < rows.length; i++) prefix[i + 1] = prefix[i] + rowErrors[i];
        for (int i = 0; i < rows.length; i++) {
            m.add(rows[i]);
            if (i + 1 >= window && (i + 1 - window) % stride == 0) {
                DriftReport r = m.report();
                double[] p = new double[f];
                for (int j = 0; j < f; j++) p[j] = r.features().get(j).psi();
                psi.add(p);
                err.add((prefix[i + 1] - prefix[i + 1 - window]) / window);
            }
        }
        double[] warn = new double[f], alarm = new double[f];
        for (int j = 0; j < f; j++) {
            final int jj = j;
            double[] col = psi.stream().mapToDouble(p -> p[jj]).sorted().toArray();
            warn[j] = quantile(col, 0.95);
            alarm[j] = quantile(col, 0.99);
        }
        double[] e = err.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        boolean withErrors = rowErrors != null;
        return new DriftReference(histograms, error, new Calibration(window, psi.size(), warn, alarm,
                withErrors ? quantile(e, 0.95) : Double.NaN, withErrors ? quantile(e, 0.99) : Double.NaN));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
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
        if (calibration != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("window", calibration.window());
            c.put("windows", calibration.windows());
            c.put("psiWarn", calibration.psiWarn());
            c.put("psiAlarm", calibration.psiAlarm());
            c.put("errorWarn", calibration.errorWarn());
            c.put("errorAlarm", calibration.errorAlarm());
            ref.put("calibration", c);
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
            Calibration cal = null;
            if (ref.get("calibration") instanceof Map<?, ?> c) {
                cal = new Calibration(((Number) c.get("window")).intValue(), ((Number) c.get("windows")).intValue(),
                        numbers(c.get("psiWarn")), numbers(c.get("psiAlarm")), num(c.get("errorWarn")), num(c.get("errorAlarm")));
            }
            DriftReference r = new DriftReference(h, err, cal);
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
        if (o instanceof String str && str.equals("NaN")) return Double.NaN; // written as a string by WRITE_NAN_AS_STRINGS
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
