package io.vprop.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted regression trees on logistic loss (second-order / Newton leaves, L2 on leaf weights), grown
 * depth-first with exact splits. Split thresholds are actual (float) feature values so {@code x <= t} is decided
 * identically in Java and in ONNX Runtime. Deterministic: no sampling.
 * <p>
 * Speed: every feature's rows are sorted once per fit (by value, ties by row index); a split partitions those
 * sorted lists stably, so no node sorts again. The scan visits rows in exactly the order a per-node stable sort
 * would, so the sums, gains and chosen splits are bit-for-bit those of the straightforward algorithm.
 */
public final class GradientBoostingTrainer {
    public record Params(int trees, int maxDepth, double learningRate, int minLeaf, double lambda) {
        public Params {
            if (trees < 1) throw new IllegalArgumentException("trees must be >= 1, got " + trees);
            if (maxDepth < 1 || maxDepth > 10) throw new IllegalArgumentException("maxDepth must be 1..10, got " + maxDepth);
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learningRate must be in (0,1], got " + learningRate);
            }
            if (minLeaf < 1) throw new IllegalArgumentException("minLeaf must be >= 1, got " + minLeaf);
            if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }

        public static Params defaults() {
            return new Params(120, 3, 0.05, 100, 1.0);
        }
    }

    private final Params p;

    public GradientBoostingTrainer(Params params) {
        this.p = params;
    }

    public TreeEnsemble fit(float[][] x, int[] y) {
        int n = y.length;
        if (n == 0 || x.length != n) throw new IllegalArgumentException("need rows: x=" + x.length + " y=" + n);
        int f = x[0].length;
        long pos = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] != 0 && y[i] != 1) throw new IllegalArgumentException("label must be 0/1, row " + i + " has " + y[i]);
            if (x[i].length != f) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, expected " + f);
            for (int j = 0; j < f; j++) {
                if (!Float.isFinite(x[i][j])) throw new IllegalArgumentException("feature " + j + " of row " + i + " is " + x[i][j]);
            }
            pos += y[i];
        }
        if (pos == 0 || pos == n) throw new IllegalArgumentException("labels are all " + (pos == 0 ? 0 : 1) + "; nothing to learn");
        double rate = (double) pos / n;
        float base = (float) Math.log(rate / (1 - rate));
        float[] margin = new float[n];
        Arrays.fill(margin, base);
        double[] g = new double[n], h = new double[n];
        List<TreeEnsemble.Tree> trees = new ArrayList<>();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        int[][] sorted = new int[f][];
        for (int feat = 0; feat < f; feat++) {
            final int ff = feat;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Float.compare(x[a][ff], x[b][ff])); // stable: ties stay in row order
            sorted[feat] = new int[n];
            for (int i = 0; i < n; i++) sorted[feat][i] = order[i];
        }
        boolean[] goesLeft = new boolean[n];
        for (int t = 0; t < p.trees(); t++) {
            for (int i = 0; i < n; i++) {
                double pr = TreeEnsemble.sigmoid(margin[i]);
                g[i] = pr - y[i];
                h[i] = Math.max(pr * (1 - pr), 1e-12);
            }
            TreeBuilder b = new TreeBuilder(x, g, h, goesLeft);
            b.grow(all, sorted, 0);
            TreeEnsemble.Tree tree = b.build();
            trees.add(tree);
            for (int i = 0; i < n; i++) margin[i] += leaf(tree, x[i]);
        }
        return new TreeEnsemble(base, trees, f);
    }

    private static float leaf(TreeEnsemble.Tree t, float[] x) {
        int node = 0;
        while (t.feature()[node] >= 0) node = x[t.feature()[node]] <= t.threshold()[node] ? t.left()[node] : t.right()[node];
        return t.value()[node];
    }

    private final class TreeBuilder {
        final float[][] x;
        final double[] g, h;
        final boolean[] goesLeft;
        final List<int[]> structure = new ArrayList<>(); // feature, left, right
        final List<Float> thresholds = new ArrayList<>(), values = new ArrayList<>();

        TreeBuilder(float[][] x, double[] g, double[] h, boolean[] goesLeft) {
            this.x = x;
            this.g = g;
            this.h = h;
            this.goesLeft = goesLeft;
        }

        /**
         * Grows the subtree for {@code rows} (ascending row order); {@code byFeature[f]} holds the same rows sorted by
         * feature f. Returns the node id.
         */
        int grow(int[] rows, int[][] byFeature, int depth) {
            int id = structure.size();
            structure.add(new int[]{-1, -1, -1});
            thresholds.add(0f);
            double gs = 0, hs = 0;
            for (int r : rows) {
                gs += g[r];
                hs += h[r];
            }
            values.add((float) (-p.learningRate() * gs / (hs + p.lambda())));
            if (depth >= p.maxDepth() || rows.length < 2 * p.minLeaf()) return id;
            double parent = gs * gs / (hs + p.lambda());
            double bestGain = 1e-9;
            int bestF = -1;
            float bestT = 0;
            for (int feat = 0; feat < x[0].length; feat++) {
                int[] order = byFeature[feat];
                double gl = 0, hl = 0;
                for (int k = 0; k < order.length - 1; k++) {
                    gl += g[order[k]];
                    hl += h[order[k]];
                    float v = x[order[k]][feat];
                    if (v == x[order[k + 1]][feat]) continue; // cannot split between equal values
                    int nl = k + 1;
                    if (nl < p.minLeaf() || order.length - nl < p.minLeaf()) continue;
                    double gr = gs - gl, hr = hs - hl;
                    double gain = gl * gl / (hl + p.lambda()) + gr * gr / (hr + p.lambda()) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestF = feat;
                        bestT = v;
                    }
                }
            }
            if (bestF < 0) return id;
            int nl = 0;
            for (int r : rows) {
                goesLeft[r] = x[r][bestF] <= bestT;
                if (goesLeft[r]) nl++;
            }
            int[] lr = partition(rows, nl, true), rr = partition(rows, rows.length - nl, false);
            int[][] lf = new int[byFeature.length][], rf = new int[byFeature.length][];
            for (int feat = 0; feat < byFeature.length; feat++) {
                lf[feat] = partition(byFeature[feat], nl, true);
                rf[feat] = partition(byFeature[feat], rows.length - nl, false);
            }
            int left = grow(lr, lf, depth + 1);
            int right = grow(rr, rf, depth + 1);
            structure.set(id, new int[]{bestF, left, right});
            thresholds.set(id, bestT);
            return id;
        }

        /** The rows of {@code src} on one side of the current split, order kept. */
        private int[] partition(int[] src, int size, boolean left) {
            int[] out = new int[size];
            int k = 0;
            for (int r : src) if (goesLeft[r] == left) out[k++] = r;
            return out;
        }

        TreeEnsemble.Tree build() {
            int m = structure.size();
            int[] feat = new int[m], left = new int[m], right = new int[m];
            float[] thr = new float[m], val = new float[m];
            for (int i = 0; i < m; i++) {
                int[] s = structure.get(i);
                feat[i] = s[0];
                left[i] = s[1];
                right[i] = s[2];
                thr[i] = thresholds.get(i);
                val[i] = feat[i] >= 0 ? 0f : values.get(i);
            }
            return new TreeEnsemble.Tree(feat, thr, left, right, val);
        }
    }
}
