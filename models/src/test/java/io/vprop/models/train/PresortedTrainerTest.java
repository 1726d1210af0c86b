package io.vprop.models.train;

import io.vprop.models.TrainedFixture;
import io.vprop.models.data.TpSlDataset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The presorted trainer must grow exactly the trees of the straightforward algorithm (sort the node's rows per
 * feature, stable, then scan) — same features, thresholds, leaves — so models and parity rows do not change.
 */
class PresortedTrainerTest {
    @Test
    void growsBitForBitTheTreesOfAPerNodeSortOnRealRows() {
        TpSlDataset d = TrainedFixture.data();
        int n = 4_000;
        float[][] x = Arrays.copyOf(d.x(), n);
        int[] y = Arrays.copyOf(d.y(), n);
        // coarse copies of two features create many ties, the case where order matters
        for (float[] r : x) {
            r[0] = Math.round(r[0] * 4) / 4f;
            r[5] = Math.round(r[5] * 10) / 10f;
        }
        GradientBoostingTrainer.Params p = new GradientBoostingTrainer.Params(15, 4, 0.1, 40, 1.0);
        TreeEnsemble fast = new GradientBoostingTrainer(p).fit(x, y);
        TreeEnsemble ref = reference(p, x, y);
        assertThat(fast.base()).isEqualTo(ref.base());
        assertThat(fast.trees()).hasSameSizeAs(ref.trees());
        for (int t = 0; t < ref.trees().size(); t++) {
            TreeEnsemble.Tree a = fast.trees().get(t), b = ref.trees().get(t);
            assertThat(a.feature()).as("tree %d features", t).containsExactly(b.feature());
            assertThat(a.threshold()).as("tree %d thresholds", t).containsExactly(b.threshold());
            assertThat(a.value()).as("tree %d leaves", t).containsExactly(b.value());
        }
        assertThat(ref.trees().get(0).size()).as("the trees really split").isGreaterThan(7);
    }

    /** The straightforward algorithm: per node, a stable sort of its rows for every feature. */
    private static TreeEnsemble reference(GradientBoostingTrainer.Params p, float[][] x, int[] y) {
        int n = y.length;
        long pos = Arrays.stream(y).filter(v -> v == 1).count();
        double rate = (double) pos / n;
        float base = (float) Math.log(rate / (1 - rate));
        float[] margin = new float[n];
        Arrays.fill(margin, base);
        double[] g = new double[n], h = new double[n];
        List<TreeEnsemble.Tree> trees = new ArrayList<>();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int t = 0; t < p.trees(); t++) {
            for (int i = 0; i < n; i++) {
                double pr = TreeEnsemble.sigmoid(margin[i]);
                g[i] = pr - y[i];
                h[i] = Math.max(pr * (1 - pr), 1e-12);
            }
            List<int[]> st = new ArrayList<>();
            List<Float> th = new ArrayList<>(), va = new ArrayList<>();
            grow(p, x, g, h, all, 0, st, th, va);
            int m = st.size();
            int[] f = new int[m], l = new int[m], r = new int[m];
            float[] tt = new float[m], vv = new float[m];
            for (int i = 0; i < m; i++) {
                f[i] = st.get(i)[0];
                l[i] = st.get(i)[1];
                r[i] = st.get(i)[2];
                tt[i] = th.get(i);
                vv[i] = f[i] >= 0 ? 0f : va.get(i);
            }
            TreeEnsemble.Tree tree = new TreeEnsemble.Tree(f, tt, l, r, vv);
            trees.add(tree);
            for (int i = 0; i < n; i++) {
                int node = 0;
                while (tree.feature()[node] >= 0) node = x[i][tree.feature()[node]] <= tree.threshold()[node] ? tree.left()[node] : tree.right()[node];
                margin[i] += tree.value()[node];
            }
        }
        return new TreeEnsemble(base, trees, x[0].length);
    }

    private static int grow(GradientBoostingTrainer.Params p, float[][] x, double[] g, double[] h, int[] rows, int depth,
                            List<int[]> st, List<Float> th, List<Float> va) {
        int id = st.size();
        st.add(new int[]{-1, -1, -1});
        th.add(0f);
        double gs = 0, hs = 0;
        for (int r : rows) {
            gs += g[r];
            hs += h[r];
        }
        va.add((float) (-p.learningRate() * gs / (hs + p.lambda())));
        if (depth >= p.maxDepth() || rows.length < 2 * p.minLeaf()) return id;
        double parent = gs * gs / (hs + p.lambda()), bestGain = 1e-9;
        int bestF = -1;
        float bestT = 0;
        Integer[] order = new Integer[rows.length];
        for (int feat = 0; feat < x[0].length; feat++) {
            for (int k = 0; k < rows.length; k++) order[k] = rows[k];
            final int ff = feat;
            Arrays.sort(order, (a, b) -> Float.compare(x[a][ff], x[b][ff]));
            double gl = 0, hl = 0;
            for (int k = 0; k < order.length - 1; k++) {
                gl += g[order[k]];
                hl += h[order[k]];
                float v = x[order[k]][feat];
                if (v == x[order[k + 1]][feat]) continue;
                int nl = k + 1;
                if (nl < p.minLeaf() || order.length - nl < p.minLeaf()) continue;
                double gain = gl * gl / (hl + p.lambda()) + (gs - gl) * (gs - gl) / (hs - hl + p.lambda()) - parent;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestF = feat;
                    bestT = v;
                }
            }
        }
        if (bestF < 0) return id;
        final int bf = bestF;
        final float bt = bestT;
        int[] lr = Arrays.stream(rows).filter(r -> x[r][bf] <= bt).toArray();
        int[] rr = Arrays.stream(rows).filter(r -> x[r][bf] > bt).toArray();
        int left = grow(p, x, g, h, lr, depth + 1, st, th, va);
        int right = grow(p, x, g, h, rr, depth + 1, st, th, va);
        st.set(id, new int[]{bestF, left, right});
        th.set(id, bestT);
        return id;
    }
}
