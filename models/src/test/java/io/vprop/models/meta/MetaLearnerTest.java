package io.vprop.models.meta;

import io.vprop.market.Timeframe;
import io.vprop.models.MetaFeatures;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.Calibration;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.TpSlTraining;
import io.vprop.models.train.Metrics;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.WinQuery;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.DriftWinProbability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The meta-learner on synthetic queries with a planted signal, and serving it through ServedWinProbability. */
class MetaLearnerTest {
    @TempDir
    Path root;

    static final long HOUR = 3_600_000L;

    /** Wins are likelier for BREAKOUT in trending regimes and when the memory's win rate is high; the rest is noise. */
    static List<MetaReplay.Row> synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<MetaReplay.Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AlphaId a = AlphaId.values()[r.nextInt(AlphaId.COUNT)];
            Regime g = Regime.values()[r.nextInt(Regime.COUNT)];
            double wr = r.nextDouble();
            int simN = 5 + r.nextInt(40);
            double logit = -0.4 + (a == AlphaId.BREAKOUT && g.trending() ? 2.0 : 0) + 4.0 * (wr - 0.5);
            int y = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            WinQuery q = new WinQuery("EURUSD", r.nextBoolean() ? 1 : -1, Timeframe.H1, i * HOUR, a, g, r.nextDouble(),
                    r.nextGaussian() * 0.1, 0.8, 1.2, 0.4 + 0.1 * r.nextDouble(), r.nextInt(30),
                    new SimilarTradeOutcomes.Stats(simN, wr, r.nextGaussian()));
            double fallback = DriftWinProbability.probability(q.edgeSigma(), 1.2, 0.8);
            rows.add(new MetaReplay.Row(q, Double.NaN, fallback, false, y, i * HOUR + HOUR, i * HOUR + 3 * HOUR));
        }
        return rows;
    }

    static final TpSlTraining.Config CFG = new TpSlTraining.Config(2, 4 * HOUR,
            new GradientBoostingTrainer.Params(30, 3, 0.1, 50, 1.0), 64);

    @Test
    void learnsAPlantedSignalOutOfSampleAndServesIt() {
        List<MetaReplay.Row> rows = synthetic(4000, 3);
        TpSlDataset data = MetaPipeline.dataset(rows);
        TpSlTraining.Result r = TpSlTraining.train(MetaPipeline.MODEL_NAME, "meta-gbt", data, 4, 1.2, 0.8, CFG,
                Calibration.PLATT, 1_700_000_000_000L);
        assertThat(r.metadata().holdout().auc()).as("holdout AUC").isGreaterThan(0.65);
        assertThat(r.metadata().walkForward()).allSatisfy(f -> assertThat(f.auc()).isGreaterThan(0.6));
        // the inputs alone carry no signal here (the fallback only sees the random edge)
        Map<String, Object> alone = MetaPipeline.inputsAlone(rows, data, CFG, r.calibrated());
        @SuppressWarnings("unchecked")
        var fallback = (Metrics.Report) ((Map<String, Object>) alone.get("fallbackP")).get("holdout");
        assertThat(fallback.auc()).isBetween(0.4, 0.6);

        try (ModelRegistry<OnnxClassifier> tpsl = ModelRegistry.classifiers(root, "tpsl", TpSlFeatures.NAMES);
             ModelRegistry<OnnxClassifier> meta = ModelRegistry.classifiers(root, MetaPipeline.MODEL_NAME, MetaFeatures.NAMES)) {
            ServedWinProbability win = new ServedWinProbability(tpsl, new DriftWinProbability(), meta);
            WinQuery q = rows.get(rows.size() - 1).query();
            double fallbackP = DriftWinProbability.probability(q.edgeSigma(), 1.2, 0.8);
            // no meta served → unchanged first stage (here: the fallback, no classifier either)
            assertThat(win.pTp1BeforeSl(q)).isEqualTo(fallbackP);
            assertThat(win.metaCount()).isZero();

            meta.activate(meta.publish(r.calibrated().export("meta", Map.of()),
                    r.metadata().withProperties(Map.of("timeframe", "H1"))));
            double expected = r.calibrated().probability(MetaFeatures.of(q, fallbackP, false));
            assertThat(win.pTp1BeforeSl(q)).isCloseTo(expected, within(1e-5)).isNotEqualTo(fallbackP);
            assertThat(win.metaCount()).isEqualTo(1);
            assertThat(win.fallbackCount()).isEqualTo(2);
            assertThat(win.servedCount()).isZero();
            // a query on another timeframe than the meta model's → the first stage, unrefined
            WinQuery m1 = new WinQuery(q.symbol(), q.direction(), Timeframe.M1, q.timeMs(), q.alpha(), q.regime(),
                    q.strength(), q.edgeSigma(), q.slSigma(), q.tp1Sigma(), q.banditMean(), q.banditN(), q.similar());
            assertThat(win.pTp1BeforeSl(m1)).isEqualTo(fallbackP);
            assertThat(win.metaCount()).isEqualTo(1);
        }
    }

    @Test
    void isotonicMetaModelPassesRegistryParity() {
        List<MetaReplay.Row> rows = synthetic(3000, 5);
        TpSlTraining.Result r = TpSlTraining.train(MetaPipeline.MODEL_NAME, "meta-gbt", MetaPipeline.dataset(rows), 4,
                1.2, 0.8, CFG, Calibration.ISOTONIC, 1_700_000_000_000L);
        assertThat(r.calibrated().calibration()).isEqualTo("isotonic");
        assertThat(r.calibrationComparison()).containsKeys("platt", "isotonic", "isotonicKnots");
        try (ModelRegistry<OnnxClassifier> meta = ModelRegistry.classifiers(root, MetaPipeline.MODEL_NAME, MetaFeatures.NAMES)) {
            // activation re-runs the held-out parity rows through ONNX Runtime within 1e-5
            meta.activate(meta.publish(r.calibrated().export("meta", Map.of()), r.metadata()));
            assertThat(meta.current().metadata().parityInputs().length).isEqualTo(64);
        }
    }
}
