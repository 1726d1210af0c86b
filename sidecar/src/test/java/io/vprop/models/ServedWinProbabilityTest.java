package io.vprop.models;

import io.vprop.market.Bar;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.onnx.OnnxTreeExport;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.DriftWinProbability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServedWinProbabilityTest {
    @TempDir
    Path root;

    @Test
    void servedModelAnswersForItsGeometryAndTheBaselineOtherwise() {
        TreeEnsemble model = TrainedFixture.result().model();
        try (ModelRegistry reg = new ModelRegistry(root, "tpsl", TpSlFeatures.NAMES)) {
            TpSlFeatures features = new TpSlFeatures();
            AtomicReference<ServedWinProbability.Context> ctx = new AtomicReference<>(new ServedWinProbability.Context(features, 1));
            ServedWinProbability win = new ServedWinProbability(reg, ctx::get, new DriftWinProbability());
            AlphaId alpha = AlphaId.values()[0];
            Regime regime = Regime.values()[0];
            double baseline = DriftWinProbability.probability(0.1, 1.5, 1.0);
            // nothing served yet → the baseline
            assertThat(win.pTp1BeforeSl(alpha, regime, 0.5, 0.1, 1.0, 1.5)).isEqualTo(baseline);

            reg.activate(reg.publish(OnnxTreeExport.export(model, "tpsl", Map.of()), TrainedFixture.result().metadata()));
            List<Bar> bars = TrainedFixture.bars();
            for (int i = 0; i < 100; i++) features.onBar(bars.get(i));
            float[] row = new float[TpSlFeatures.NAMES.size()];
            assertThat(features.vector(1, row)).isTrue();
            double p = win.pTp1BeforeSl(alpha, regime, 0.5, 0.1, 1.0, 1.5);
            assertThat(p).isCloseTo(model.probability(row), within(1e-5)).isNotEqualTo(baseline);
            features.vector(-1, row);
            ctx.set(new ServedWinProbability.Context(features, -1));
            assertThat(win.pTp1BeforeSl(alpha, regime, 0.5, 0.1, 1.0, 1.5)).isCloseTo(model.probability(row), within(1e-5));
            // another stop geometry than the model was trained for → the baseline
            assertThat(win.pTp1BeforeSl(alpha, regime, 0.5, 0.1, 1.0, 2.5))
                    .isEqualTo(DriftWinProbability.probability(0.1, 2.5, 1.0));
            ctx.set(null);
            assertThat(win.pTp1BeforeSl(alpha, regime, 0.5, 0.1, 1.0, 1.5)).isEqualTo(baseline);
        }
    }

    @Test
    void featuresRejectBadBarsByName() {
        TpSlFeatures f = new TpSlFeatures();
        Bar good = TrainedFixture.bars().get(0);
        f.onBar(good);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.onBar(good)).hasMessageContaining("out of order");
        Bar nan = new Bar(good.symbol(), good.timeframe(), good.openTimeMs() + 60_000, 1, 1, 1, Double.NaN, 0, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.onBar(nan)).hasMessageContaining("close=NaN");
    }
}
