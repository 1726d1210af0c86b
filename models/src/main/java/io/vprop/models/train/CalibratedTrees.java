package io.vprop.models.train;

import io.vprop.models.registry.OnnxClassifier;

import java.util.Map;

/**
 * A tree ensemble plus its calibration, as trained and as exported. Platt: {@code isotonic} is null and the
 * ensemble already has Platt folded in (P = sigmoid(margin)). Isotonic: the ensemble gives the raw margin and
 * P = isotonic(margin). Either way the ONNX file takes {@code features} and outputs {@code probability}, so the
 * same {@link OnnxClassifier} serves both. Immutable.
 */
public record CalibratedTrees(TreeEnsemble ensemble, IsotonicCalibration isotonic) {
    public CalibratedTrees {
        if (ensemble == null) throw new IllegalArgumentException("ensemble is required");
    }

    public static CalibratedTrees platt(TreeEnsemble plattFolded) {
        return new CalibratedTrees(plattFolded, null);
    }

    public String calibration() {
        return isotonic == null ? "platt" : "isotonic";
    }

    public double probability(float[] x) {
        return isotonic == null ? ensemble.probability(x) : isotonic.apply(ensemble.margin(x));
    }

    public byte[] export(String graphName, Map<String, String> metadata) {
        return isotonic == null ? OnnxTreeExport.export(ensemble, graphName, metadata)
                : OnnxTreeExport.exportIsotonic(ensemble, isotonic, graphName, metadata);
    }
}
