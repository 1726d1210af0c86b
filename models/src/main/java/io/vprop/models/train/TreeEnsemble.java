package io.vprop.models.train;

import java.util.List;

/**
 * A trained additive tree ensemble: P = sigmoid(base + Σ leaf(tree, x)). Thresholds and leaf values are float so
 * the Java model and its ONNX export (float tensors) take the same branch on the same input: a node goes left when
 * {@code x[feature] <= threshold} (ONNX BRANCH_LEQ). Immutable.
 */
public final class TreeEnsemble {
    /** One regression tree in flat arrays; {@code feature[n] < 0} marks a leaf. Node 0 is the root. */
    public record Tree(int[] feature, float[] threshold, int[] left, int[] right, float[] value) {
        public int size() { return feature.length; }

        float leaf(float[] x) {
            int n = 0;
            while (feature[n] >= 0) n = x[feature[n]] <= threshold[n] ? left[n] : right[n];
            return value[n];
        }
    }

    private final float base;
    private final List<Tree> trees;
    private final int featureCount;

    public TreeEnsemble(float base, List<Tree> trees, int featureCount) {
        if (!Float.isFinite(base)) throw new IllegalArgumentException("base margin must be finite, got " + base);
        if (featureCount < 1) throw new IllegalArgumentException("featureCount must be >= 1, got " + featureCount);
        this.base = base;
        this.trees = List.copyOf(trees);
        this.featureCount = featureCount;
    }

    public float base() { return base; }
    public List<Tree> trees() { return trees; }
    public int featureCount() { return featureCount; }

    /** The raw score (log-odds) for one row, summed in float like ONNX Runtime. */
    public float margin(float[] x) {
        if (x.length != featureCount) {
            throw new IllegalArgumentException("expected " + featureCount + " features, got " + x.length);
        }
        float s = base;
        for (Tree t : trees) s += t.leaf(x);
        return s;
    }

    public double probability(float[] x) {
        return sigmoid(margin(x));
    }

    public static double sigmoid(double m) {
        return 1.0 / (1.0 + Math.exp(-m));
    }

    /**
     * The ensemble with Platt scaling folded in: sigmoid(a·m + b) = sigmoid((a·base + b) + Σ a·leaf), so a calibrated
     * model is still one tree ensemble + sigmoid (and exports as such).
     */
    public TreeEnsemble scaled(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Platt parameters must be finite, got a=" + a + " b=" + b);
        }
        List<Tree> out = trees.stream().map(t -> {
            float[] v = t.value().clone();
            for (int i = 0; i < v.length; i++) v[i] = (float) (a * v[i]);
            return new Tree(t.feature(), t.threshold(), t.left(), t.right(), v);
        }).toList();
        return new TreeEnsemble((float) (a * base + b), out, featureCount);
    }
}
