package io.vprop.models;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.meta.MetaPipeline;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.seq.GruNetwork;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SeqModels;
import io.vprop.models.seq.SequenceFeatures;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.testing.SharedData;
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
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The served sequence model's heads reach the meta-learner's row: fed by onBar, computed as the Java GRU would. */
class ServedSequenceInputsTest {
    static final int WINDOW = 32;
    static final int P_SIDE = MetaFeatures.NAMES.indexOf("seq_p_side");

    @TempDir
    Path root;

    /** A meta model whose label depends mostly on seq_p_side, so passing (or not) the seq outputs shows in its answer. */
    private static TreeEnsemble metaModel() {
        Random r = new Random(11);
        int f = MetaFeatures.NAMES.size();
        float[][] x = new float[3_000][f];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < f; j++) x[i][j] = (float) r.nextGaussian();
            x[i][P_SIDE] = (float) r.nextDouble();
            y[i] = 4 * (x[i][P_SIDE] - 0.5) + 0.3 * r.nextGaussian() > 0 ? 1 : 0;
        }
        return new GradientBoostingTrainer(new GradientBoostingTrainer.Params(30, 3, 0.3, 20, 1.0)).fit(x, y);
    }

    private static void publishMeta(ModelRegistry<OnnxClassifier> reg, TreeEnsemble m) {
        Random r = new Random(5);
        float[][] px = new float[32][MetaFeatures.NAMES.size()];
        float[] py = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            for (int j = 0; j < px[i].length; j++) px[i][j] = (float) r.nextGaussian();
            py[i] = (float) m.probability(px[i]);
        }
        reg.activate(reg.publish(OnnxTreeExport.export(m, "meta", Map.of()), new ModelMetadata("meta", 0, "meta-gbt",
                MetaFeatures.NAMES, 0, 0, 0, 0, 0, 0, null, null, List.of(), px, py, Map.of("timeframe", "H1"))));
    }

    private static WinQuery query(String symbol, int side, Timeframe tf, long timeMs) {
        return new WinQuery(symbol, side, tf, timeMs, AlphaId.BREAKOUT, Regime.values()[0], 0.5, 0.1, 0.8, 1.2,
                0.4, 0, SimilarTradeOutcomes.Stats.NONE);
    }

    @Test
    void seqWindowIsFedByBarsAndItsHeadsGoIntoTheMetaRow() {
        List<Bar> bars = BarFiles.readAll(SharedData.file("bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz")).subList(0, 400);
        long barMs = Timeframe.H1.millis();
        GruNetwork net = SeqModels.random(8, 3);
        TreeEnsemble metaModel = metaModel();
        try (ModelRegistry<OnnxClassifier> tpsl = ModelRegistry.classifiers(root, "tpsl", TpSlFeatures.NAMES);
             ModelRegistry<OnnxClassifier> meta = ModelRegistry.classifiers(root, MetaPipeline.MODEL_NAME, MetaFeatures.NAMES);
             ModelRegistry<OnnxSequenceModel> seq = SequencePipeline.registry(root)) {
            publishMeta(meta, metaModel);
            seq.activate(SeqModels.publish(seq, net, WINDOW, 4, bars.subList(0, 200)));
            ServedWinProbability win = new ServedWinProbability(tpsl, new DriftWinProbability(), meta, seq);
            ServedWinProbability noSeq = new ServedWinProbability(tpsl, new DriftWinProbability(), meta);
            SequenceFeatures reference = new SequenceFeatures(WINDOW);
            float[] handWindow = new float[WINDOW * SequenceFeatures.WIDTH], out = new float[2];
            int checked = 0, gaps = 0;
            for (Bar b : bars) {
                reference.onBar(b);
                win.onBar(b.symbol(), Timeframe.H1, b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.tickVolume());
                win.onBar(b.symbol(), Timeframe.M1, b.openTimeMs(), 9, 9, 9, 9, 1); // another timeframe does not disturb it
                long t = b.openTimeMs() + barMs; // the engine asks at the bar's close
                WinQuery buy = query(b.symbol(), 1, Timeframe.H1, t), sell = query(b.symbol(), -1, Timeframe.H1, t);
                if (!reference.ready()) {
                    assertThat(win.seqOutputs(buy, out)).as("not warm").isFalse();
                    continue;
                }
                if (!reference.contiguous(barMs)) {
                    assertThat(win.seqOutputs(buy, out)).as("window across a gap, as training drops it").isFalse();
                    gaps++;
                    continue;
                }
                assertThat(reference.window(handWindow)).isTrue();
                GruNetwork.Output hand = net.forward(handWindow);
                assertThat(win.seqOutputs(buy, out)).isTrue();
                assertThat(out[0]).isCloseTo(hand.direction(), within(1e-5f));
                assertThat(out[1]).isCloseTo(hand.volatility(), within(1e-5f));
                // the meta model's answer is meta(row with these heads); the sell side sees 1 − P(up)
                for (WinQuery q : List.of(buy, sell)) {
                    double fallback = new DriftWinProbability().pTp1BeforeSl(q);
                    float[] row = MetaFeatures.of(q, fallback, false, out[0], out[1]);
                    assertThat(row[P_SIDE]).isCloseTo(q.direction() > 0 ? hand.direction() : 1 - hand.direction(), within(1e-5f));
                    assertThat(win.pTp1BeforeSl(q)).isCloseTo(metaModel.probability(row), within(1e-5));
                    assertThat(noSeq.pTp1BeforeSl(q)).isCloseTo(metaModel.probability(MetaFeatures.of(q, fallback, false)), within(1e-5));
                }
                checked++;
            }
            assertThat(checked).isGreaterThan(100);
            assertThat(gaps).as("weekends in 400 H1 bars").isPositive();
            assertThat(win.metaCount()).isEqualTo(2L * checked);

            Bar last = bars.get(bars.size() - 1);
            long t = last.openTimeMs() + barMs;
            assertThat(win.seqOutputs(query(last.symbol(), 1, Timeframe.H1, t), out)).isTrue();
            assertThat(win.seqOutputs(query(last.symbol(), 1, Timeframe.M1, t), out)).as("other timeframe").isFalse();
            assertThat(win.seqOutputs(query("GBPUSD", 1, Timeframe.H1, t), out)).as("symbol never fed").isFalse();
            assertThat(win.seqOutputs(query(last.symbol(), 1, Timeframe.H1, t + 3 * barMs), out)).as("stale window").isFalse();
            // not answered → seq_available 0 and zeros: exactly the row without a sequence model
            WinQuery stale = query(last.symbol(), 1, Timeframe.H1, t + 3 * barMs);
            double fb = new DriftWinProbability().pTp1BeforeSl(stale);
            assertThat(win.pTp1BeforeSl(stale)).isCloseTo(metaModel.probability(MetaFeatures.of(stale, fb, false)), within(1e-5));
        }
    }

    @Test
    void seqRegistryIsOptionalAndMustBeTheSequenceModel() {
        try (ModelRegistry<OnnxClassifier> tpsl = ModelRegistry.classifiers(root, "tpsl", TpSlFeatures.NAMES);
             ModelRegistry<OnnxSequenceModel> other = new ModelRegistry<>(root, "other", SequenceFeatures.NAMES, OnnxSequenceModel.LOADER);
             ModelRegistry<OnnxSequenceModel> seq = SequencePipeline.registry(root)) {
            assertThatThrownBy(() -> new ServedWinProbability(tpsl, new DriftWinProbability(), null, other))
                    .hasMessageContaining("seq registry must be 'seq'");
            // nothing served: no answer, no failure
            ServedWinProbability win = new ServedWinProbability(tpsl, new DriftWinProbability(), null, seq);
            win.onBar("EURUSD", Timeframe.H1, 0, 1, 1, 1, 1, 1);
            assertThat(win.seqOutputs(query("EURUSD", 1, Timeframe.H1, 3_600_000L), new float[2])).isFalse();
        }
    }
}
