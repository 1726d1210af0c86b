package io.vprop.models.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** PSI and KL against values computed by hand; quantile bins and smoothing. */
class FeatureHistogramTest {

    @Test
    void psiAndKlMatchHandComputedValues() {
        double[] live = {0.5, 0.5}, ref = {0.25, 0.75};
        // PSI = (0.5−0.25)·ln(0.5/0.25) + (0.5−0.75)·ln(0.5/0.75) = 0.25·0.693147 + 0.25·0.405465 = 0.274653
        assertThat(FeatureHistogram.psi(live, ref)).isCloseTo(0.274653, offset(1e-6));
        // KL(live‖ref) = 0.5·ln 2 + 0.5·ln(2/3) = 0.143841
        assertThat(FeatureHistogram.kl(live, ref)).isCloseTo(0.143841, offset(1e-6));
        // KL(ref‖live) = 0.25·ln(0.5) + 0.75·ln(1.5) = 0.130812; PSI is the sum of both directions
        assertThat(FeatureHistogram.kl(ref, live)).isCloseTo(0.130812, offset(1e-6));
        assertThat(FeatureHistogram.kl(live, ref) + FeatureHistogram.kl(ref, live))
                .isCloseTo(FeatureHistogram.psi(live, ref), offset(1e-12));
        double[] a = {0.1, 0.2, 0.3, 0.4}, e = {0.25, 0.25, 0.25, 0.25};
        // Σ (a−e)·ln(a/e): −0.15·ln 0.4 − 0.05·ln 0.8 + 0.05·ln 1.2 + 0.15·ln 1.6 = 0.228217
        assertThat(FeatureHistogram.psi(a, e)).isCloseTo(0.228217, offset(1e-6));
        assertThat(FeatureHistogram.psi(e, e)).isZero();
        assertThat(FeatureHistogram.kl(e, e)).isZero();
    }

    @Test
    void smoothingKeepsEmptyBinsFiniteAndSumsToOne() {
        double[] p = FeatureHistogram.smoothed(new long[]{0, 10, 30}, 40);
        double eps = FeatureHistogram.EPSILON, norm = 1 + 3 * eps;
        assertThat(p[0]).isCloseTo(eps / norm, offset(1e-15));
        assertThat(p[1]).isCloseTo((0.25 + eps) / norm, offset(1e-15));
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, offset(1e-12));
        double psi = FeatureHistogram.psi(p, FeatureHistogram.smoothed(new long[]{10, 10, 20}, 40));
        assertThat(psi).isFinite().isGreaterThan(0.25);
        assertThatThrownBy(() -> FeatureHistogram.psi(new double[]{0, 1}, new double[]{0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smooth");
    }

    @Test
    void quantileEdgesSplitEvenlyAndDiscreteFeaturesGetOnlyTheirBins() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) v[i] = i;
        FeatureHistogram h = FeatureHistogram.of("x", v, 10);
        assertThat(h.bins()).isEqualTo(10);
        for (double p : h.probabilities()) assertThat(p).isCloseTo(0.1, offset(1e-3));
        assertThat(h.bin(h.edges()[0])).as("a value equal to an edge goes left").isZero();
        assertThat(h.bin(-1e9f)).isZero();
        assertThat(h.bin(1e9f)).isEqualTo(9);

        float[] side = new float[1000];
        for (int i = 0; i < side.length; i++) side[i] = i % 2 == 0 ? 1f : -1f;
        FeatureHistogram s = FeatureHistogram.of("side", side, 10);
        assertThat(s.edges()).containsExactly(-1f, 1f);
        assertThat(s.probabilities()[0]).isCloseTo(0.5, offset(1e-3));
        assertThat(s.probabilities()[1]).isCloseTo(0.5, offset(1e-3));
        assertThat(s.probabilities()[2]).isLessThan(1e-3);
    }
}
