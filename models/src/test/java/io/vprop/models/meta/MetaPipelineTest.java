package io.vprop.models.meta;

import io.vprop.market.Bar;
import io.vprop.models.MetaFeatures;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.seq.GruTrainer;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.seq.SequenceTraining;
import io.vprop.models.train.Calibration;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.TpSlTraining;
import io.vprop.testing.SharedData;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.select.DriftWinProbability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on a real EURUSD H1 slice: stage 1 and the sequence model before the cut, engine replay, meta-learner
 * with and without the seq columns, all published + served.
 */
class MetaPipelineTest {
    @TempDir
    Path root;

    @Test
    void stackingPipelinePublishesAndServesBothStages() {
        List<Bar> bars = BarFiles.readAll(SharedData.file("bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz")).subList(0, 12_000);
        SignalConfig engine = MetaReplay.config(bars.get(0).timeframe());
        long embargo = 2L * engine.horizonBars * 3_600_000L;
        var small = new GradientBoostingTrainer.Params(20, 2, 0.1, 50, 1.0);
        MetaPipeline.Config cfg = new MetaPipeline.Config(0.3, new TpSlTraining.Config(1, embargo, small, 32),
                new TpSlTraining.Config(2, embargo, small, 32), Calibration.ISOTONIC,
                new MetaPipeline.SeqStage(16, engine.horizonBars, new SequenceTraining.Config(1, 16 * 3_600_000L,
                        new GruTrainer.Params(4, 1, 64, 3e-3, 1.0, 5.0, 1L), 32)));
        Map<String, Object> rep = new LinkedHashMap<>();
        MetaPipeline.Outcome o = MetaPipeline.run(List.of(bars), engine, cfg, root, true, rep);

        assertThat((Integer) rep.get("metaRows")).isGreaterThan(500);
        assertThat(rep).containsKeys("metaWalkForward", "metaHoldout", "inputsAlone", "calibrationComparisonOnHoldout",
                "seqModel", "seqComparison");
        @SuppressWarnings("unchecked")
        Map<String, Object> cmp = (Map<String, Object>) rep.get("seqComparison");
        assertThat(cmp).containsKeys("withSeq", "withoutSeq", "published").containsEntry("sameRows", rep.get("metaRows"));
        @SuppressWarnings("unchecked")
        Map<String, Object> replay = (Map<String, Object>) rep.get("replay");
        assertThat((Double) replay.get("seqAnsweredFraction")).isGreaterThan(0.3);
        assertThat(o.seqVersion()).isPositive();
        assertThat(o.metadata().properties()).containsEntry("timeframe", "H1").containsEntry("classifierVersion", o.classifierVersion());
        // the classifier only saw bars before the cut; the meta rows all start after cut + embargo
        long cut = Instant.parse((String) rep.get("stage1CutUtc")).toEpochMilli();
        assertThat(o.metadata().trainFromMs()).isGreaterThanOrEqualTo(cut + embargo);
        try (ModelRegistry<OnnxClassifier> tpsl = ModelRegistry.classifiers(root, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES);
             ModelRegistry<OnnxClassifier> meta = ModelRegistry.classifiers(root, MetaPipeline.MODEL_NAME, MetaFeatures.NAMES)) {
            assertThat(tpsl.current().metadata().trainToMs()).isLessThan(cut);
            // the sequence model too: its last label (close of bar t+H) is known before the cut
            try (ModelRegistry<OnnxSequenceModel> seq = SequencePipeline.registry(root)) {
                assertThat(seq.current().version()).isEqualTo(o.seqVersion());
                assertThat(seq.current().metadata().trainToMs()).isLessThanOrEqualTo(cut);
                assertThat(o.metadata().properties()).containsEntry("seqVersion", o.seqVersion());
            }
            assertThat(meta.current().version()).isEqualTo(o.metaVersion());
            // served end to end: the engine's queries on the last bars are answered by the meta model
            ServedWinProbability win = new ServedWinProbability(tpsl, new DriftWinProbability(), meta);
            // (the served stack with the sequence model is checked in ServedSequenceInputsTest)
            MetaReplay.run(List.of(bars.subList(11_000, 12_000)), engine, win, Long.MIN_VALUE);
            assertThat(win.metaCount()).isPositive();
            assertThat(win.servedCount() + win.fallbackCount()).isEqualTo(win.metaCount());
        }
    }
}
