package io.vprop.models.registry;

import io.vprop.models.train.Metrics;

import java.util.List;

/**
 * What a model version is: its feature schema, how it was labelled, the training window, out-of-sample metrics,
 * the SHA-256 of its ONNX file, and parity rows (held-out inputs + the Java model's probabilities) that every load
 * re-checks against ONNX Runtime. Stored as metadata.json beside model.onnx.
 */
public record ModelMetadata(String name, int version, String kind, List<String> features, int horizonBars,
                            double tpSigma, double slSigma, long trainFromMs, long trainToMs, long createdAtMs,
                            String sha256, Metrics.Report holdout, List<Metrics.Report> walkForward,
                            float[][] parityInputs, float[] parityExpected) {
    public ModelMetadata {
        features = List.copyOf(features);
        walkForward = walkForward == null ? List.of() : List.copyOf(walkForward);
    }

    public ModelMetadata withVersion(int v, String sha) {
        return new ModelMetadata(name, v, kind, features, horizonBars, tpSigma, slSigma, trainFromMs, trainToMs,
                createdAtMs, sha, holdout, walkForward, parityInputs, parityExpected);
    }
}
