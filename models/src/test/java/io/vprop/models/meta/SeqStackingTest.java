package io.vprop.models.meta;

import io.vprop.market.Bar;
import io.vprop.models.MetaFeatures;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.seq.GruNetwork;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SeqModels;
import io.vprop.models.seq.SequenceFeatures;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.testing.SharedData;
import io.vprop.signal.select.DriftWinProbability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sequence model's outputs on the meta rows come from the bars up to each query only: recomputed by hand with
 * the Java GRU, and unchanged when the future is cut off.
 */
class SeqStackingTest {
    static final int WINDOW = 32;
    /** Column of {@code seq_available} in the meta row. */
    static final int SEQ_AVAILABLE = MetaFeatures.NAMES.indexOf("seq_available");

    @TempDir
    Path root;

    private MetaReplay.Result replay(List<Bar> bars, ModelRegistry<OnnxClassifier> tpsl, ModelRegistry<OnnxSequenceModel> seq) {
        // a fresh serving stack per replay: nothing carries over from the longer run
        return MetaReplay.run(List.of(bars), MetaReplay.config(bars.get(0).timeframe()),
                new ServedWinProbability(tpsl, new DriftWinProbability(), null, seq), Long.MIN_VALUE);
    }

    @Test
    void seqOutputsOfMetaRowsUseOnlyBarsUpToTheQuery() {
        List<Bar> bars = BarFiles.readAll(SharedData.file("bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz")).subList(0, 3000);
        long barMs = bars.get(0).timeframe().millis();
        GruNetwork net = SeqModels.random(8, 9);
        try (ModelRegistry<OnnxClassifier> tpsl = ModelRegistry.classifiers(root, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
             ModelRegistry<OnnxSequenceModel> seq = SequencePipeline.registry(root)) {
            seq.activate(SeqModels.publish(seq, net, WINDOW, 4, bars.subList(0, 300)));
            MetaReplay.Result full = replay(bars, tpsl, seq);

            // by hand: the window as of each bar's close (when the engine asks), through the Java GRU
            Map<Long, GruNetwork.Output> hand = new HashMap<>();
            SequenceFeatures f = new SequenceFeatures(WINDOW);
            float[] w = new float[WINDOW * SequenceFeatures.WIDTH];
            for (Bar b : bars) {
                f.onBar(b);
                if (f.contiguous(barMs) && f.window(w)) hand.put(b.openTimeMs() + barMs, net.forward(w));
            }
            long answered = full.rows().stream().filter(MetaReplay.Row::seqAvailable).count();
            assertThat(answered).as("rows with seq outputs").isGreaterThan(full.rows().size() / 2);
            assertThat(answered).as("some windows span a weekend").isLessThan(full.rows().size());
            for (MetaReplay.Row r : full.rows()) {
                GruNetwork.Output o = hand.get(r.entryMs());
                assertThat(r.seqAvailable()).as("row at " + r.entryMs()).isEqualTo(o != null);
                if (o == null) continue;
                assertThat(r.seqPUp()).isCloseTo(o.direction(), within(1e-5));
                assertThat(r.seqVol()).isCloseTo(o.volatility(), within(1e-5));
                float[] x = r.metaFeatures(true);
                assertThat(x[SEQ_AVAILABLE]).isEqualTo(1f);
                assertThat(r.metaFeatures(false)[SEQ_AVAILABLE]).isZero();
            }

            // cutting off the future leaves every earlier row identical, seq outputs included
            List<Bar> head = bars.subList(0, 2000);
            long headEnd = head.get(head.size() - 1).openTimeMs() + barMs;
            List<MetaReplay.Row> known = full.rows().stream().filter(r -> r.exitMs() <= headEnd).toList();
            assertThat(known).anyMatch(MetaReplay.Row::seqAvailable);
            assertThat(replay(head, tpsl, seq).rows()).isEqualTo(known);
        }
    }
}
