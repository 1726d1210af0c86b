package io.vprop.models;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.WinQuery;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.DriftWinProbability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ServedWinProbabilityTest {
    @TempDir
    Path root;

    private static WinQuery query(String symbol, int side, Timeframe tf, double tp1Sigma) {
        return new WinQuery(symbol, side, tf, 0, AlphaId.values()[0], Regime.values()[0], 0.5, 0.1, 1.0, tp1Sigma,
                0.4, 0, SimilarTradeOutcomes.Stats.NONE);
    }

    @Test
    void servedModelAnswersForItsTimeframeAndGeometryAndTheBaselineOtherwise() {
        TreeEnsemble model = TrainedFixture.result().model();
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", TpSlFeatures.NAMES)) {
            ServedWinProbability win = new ServedWinProbability(reg, new DriftWinProbability());
            List<Bar> bars = TrainedFixture.bars();
            String sym = bars.get(0).symbol();
            Timeframe tf = bars.get(0).timeframe();
            double baseline = DriftWinProbability.probability(0.1, 1.5, 1.0);
            // nothing served yet → the baseline
            assertThat(win.pTp1BeforeSl(query(sym, 1, tf, 1.5))).isEqualTo(baseline);

            reg.activate(reg.publish(OnnxTreeExport.export(model, "tpsl", Map.of()),
                    TrainedFixture.result().metadata().withProperties(Map.of("timeframe", tf.name()))));
            TpSlFeatures reference = new TpSlFeatures();
            for (int i = 0; i < 100; i++) {
                Bar b = bars.get(i);
                reference.onBar(b);
                win.onBar(sym, tf, b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.tickVolume());
                win.onBar(sym, Timeframe.H4, b.openTimeMs(), 9, 9, 9, 9, 1); // other timeframes do not disturb it
            }
            float[] row = new float[TpSlFeatures.NAMES.size()];
            assertThat(reference.vector(1, row)).isTrue();
            double p = win.pTp1BeforeSl(query(sym, 1, tf, 1.5));
            assertThat(p).isCloseTo(model.probability(row), within(1e-5)).isNotEqualTo(baseline);
            reference.vector(-1, row);
            assertThat(win.pTp1BeforeSl(query(sym, -1, tf, 1.5))).isCloseTo(model.probability(row), within(1e-5));
            assertThat(win.servedCount()).isEqualTo(2);
            // another stop geometry, another timeframe, a symbol never seen → the baseline
            assertThat(win.pTp1BeforeSl(query(sym, 1, tf, 2.5))).isEqualTo(DriftWinProbability.probability(0.1, 2.5, 1.0));
            assertThat(win.pTp1BeforeSl(query(sym, 1, Timeframe.H4, 1.5))).isEqualTo(baseline);
            assertThat(win.pTp1BeforeSl(query("GBPUSD", 1, tf, 1.5))).isEqualTo(baseline);
            assertThat(win.fallbackCount()).isEqualTo(4);
        }
    }

    @Test
    void metaRegistryIsOptionalAndMustBeTheMetaModel() {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", TpSlFeatures.NAMES)) {
            ServedWinProbability plain = new ServedWinProbability(reg, new DriftWinProbability(), null);
            assertThat(plain.pTp1BeforeSl(query("EURUSD", 1, Timeframe.M1, 1.5)))
                    .isEqualTo(DriftWinProbability.probability(0.1, 1.5, 1.0));
            assertThat(plain.metaCount()).isZero();
            assertThatThrownBy(() -> new ServedWinProbability(reg, new DriftWinProbability(), reg))
                    .hasMessageContaining("meta registry must be 'meta'");
        }
    }

    @Test
    void featuresRejectBadBarsByName() {
        TpSlFeatures f = new TpSlFeatures();
        Bar good = TrainedFixture.bars().get(0);
        f.onBar(good);
        assertThatThrownBy(() -> f.onBar(good)).hasMessageContaining("out of order");
        Bar nan = new Bar(good.symbol(), good.timeframe(), good.openTimeMs() + 60_000, 1, 1, 1, Double.NaN, 0, 0);
        assertThatThrownBy(() -> f.onBar(nan)).hasMessageContaining("close=NaN");
    }
}
