package io.vprop.models.registry;

import io.vprop.market.Timeframe;
import io.vprop.models.train.Metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model version is: its input feature schema, how it was labelled, the training window, out-of-sample
 * metrics, the SHA-256 of its ONNX file, and parity rows (held-out inputs + the Java model's outputs, flattened row
 * after row) that every load re-checks against ONNX Runtime. Stored as metadata.json beside model.onnx.
 * {@code properties} holds what is specific to a kind (sequence length, reference histograms, thresholds…);
 * the TP/SL geometry fields are zero for kinds that have none.
 */
public record ModelMetadata(String name, int version, String kind, List<String> features, int horizonBars,
                            double tpSigma, double slSigma, long trainFromMs, long trainToMs, long createdAtMs,
                            String sha256, Metrics.Report holdout, List<Metrics.Report> walkForward,
                            float[][] parityInputs, float[] parityExpected, Map<String, Object> properties) {
    public ModelMetadata {
        features = List.copyOf(features);
        walkForward = walkForward == null ? List.of() : List.copyOf(walkForward);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A version without kind-specific properties (the TP/SL classifier). */
    public ModelMetadata(String name, int version, String kind, List<String> features, int horizonBars,
                         double tpSigma, double slSigma, long trainFromMs, long trainToMs, long createdAtMs,
                         String sha256, Metrics.Report holdout, List<Metrics.Report> walkForward,
                         float[][] parityInputs, float[] parityExpected) {
        this(name, version, kind, features, horizonBars, tpSigma, slSigma, trainFromMs, trainToMs, createdAtMs, sha256,
                holdout, walkForward, parityInputs, parityExpected, Map.of());
    }

    public ModelMetadata withVersion(int v, String sha) {
        return new ModelMetadata(name, v, kind, features, horizonBars, tpSigma, slSigma, trainFromMs, trainToMs,
                createdAtMs, sha, holdout, walkForward, parityInputs, parityExpected, properties);
    }

    /** The same version with {@code extra} added to its properties (later keys win). */
    public ModelMetadata withProperties(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.putAll(extra);
        return new ModelMetadata(name, version, kind, features, horizonBars, tpSigma, slSigma, trainFromMs, trainToMs,
                createdAtMs, sha256, holdout, walkForward, parityInputs, parityExpected, p);
    }

    /** The timeframe the version was trained on (property {@code timeframe}), or null when absent or unknown to this build. */
    public Timeframe timeframe() {
        Object tf = properties.get("timeframe");
        if (tf == null) return null;
        try {
            return Timeframe.valueOf(tf.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A numeric property, or {@code fallback} when absent. */
    public double number(String key, double fallback) {
        Object v = properties.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
