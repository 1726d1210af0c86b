package io.vprop.models.live;

import io.vprop.market.Bar;
import io.vprop.models.MetaFeatures;
import io.vprop.models.data.BarFiles;
import io.vprop.models.seq.SeqModels;
import io.vprop.testing.SharedData;

import io.vprop.market.Timeframe;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.TrainedFixture;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.drift.AutoencoderTrainer;
import io.vprop.models.drift.DriftPipeline;
import io.vprop.models.drift.DriftReport;
import io.vprop.models.drift.DriftRows;
import io.vprop.models.drift.OnnxAutoencoderExport;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.TpSlTraining;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.WinQuery;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.DriftWinProbability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelServiceTest {
    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private ModelService.Settings settings(List<Path> history, double intervalHours, int afterTrades) {
        return new ModelService.Settings(dir, true, 0.02, 30, history, intervalHours, afterTrades, true, true,
                TrainedFixture.LABELER, new TpSlTraining.Config(2, 30 * 60_000L,
                new GradientBoostingTrainer.Params(20, 3, 0.1, 100, 1.0), 64), 0);
    }

    private ModelService open(ModelService.Settings s) {
        return new ModelService(s, (type, data) -> notices.add(type + " " + data), now::get);
    }

    /** Publishes the fixture model, scaled by (a, b) in margin space, with its own parity rows. */
    private static int publish(ModelRegistry<OnnxClassifier> reg, double a, double b) {
        TreeEnsemble m = TrainedFixture.result().model().scaled(a, b);
        ModelMetadata base = TrainedFixture.result().metadata();
        float[][] px = base.parityInputs();
        float[] py = new float[px.length];
        for (int i = 0; i < px.length; i++) py[i] = (float) m.probability(px[i]);
        ModelMetadata meta = new ModelMetadata("tpsl", 0, base.kind(), base.features(), base.horizonBars(), base.tpSigma(),
                base.slSigma(), base.trainFromMs(), base.trainToMs(), base.createdAtMs(), null, base.holdout(),
                base.walkForward(), px, py, Map.of("timeframe", "M1", "symbol", "EURUSD"));
        return reg.publish(OnnxTreeExport.export(m, "tpsl", Map.of()), meta);
    }

    private static long liveTrades(ModelService s, int version) {
        Object v = ((Map<?, ?>) s.status().get("live")).get(String.valueOf(version));
        return v == null ? 0 : ((Number) ((Map<?, ?>) v).get("trades")).longValue();
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cond.getAsBoolean() && System.nanoTime() < end) Thread.sleep(10);
        assertThat(cond.getAsBoolean()).as("condition within 20 s").isTrue();
    }

    @Test
    void aVersionWhoseLiveBrierIsWorseThanThePreviousByTheMarginIsRolledBackAutomatically() throws Exception {
        int v1, v2;
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            v1 = publish(s.registry(), 1, 0);
            v2 = publish(s.registry(), 3, 0.5);
            s.registry().activate(v1);
            s.registry().activate(v2);
            // 29 confident misses: not enough trades yet
            for (int i = 0; i < 29; i++) s.onOutcome(new ModelService.Prediction("EURUSD", i, 1, "tpsl", v2, 0.9), false);
            s.onOutcome(new ModelService.Prediction("EURUSD", 99, 1, "tpsl", 0, 0.4), false); // the fallback's: not counted
            await(() -> liveTrades(s, v2) == 29);
            assertThat(s.registry().current().version()).isEqualTo(v2);
            s.onOutcome(new ModelService.Prediction("EURUSD", 30, 1, "tpsl", v2, 0.9), false);
            await(() -> s.registry().current().version() == v1);
            assertThat(s.registry().history()).containsExactly(v1);
            // the notice follows the swap on the background thread: wait for it rather than race it
            await(() -> notices.stream().anyMatch(n -> n.startsWith("model_rolled_back")));
            assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("model_rolled_back").contains("from=" + v2, "to=" + v1,
                    "0.8100", "holdout"));
            assertThat((String) s.status().get("last_rollback")).contains("v" + v2);
        }
        // the live record survives a restart
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            Map<?, ?> live = (Map<?, ?>) s.status().get("live");
            assertThat(((Map<?, ?>) live.get(String.valueOf(v2))).get("trades")).isEqualTo(30L);
            assertThat(s.registry().current().version()).isEqualTo(v1);
        }
    }

    @Test
    void aWellCalibratedVersionKeepsServing() throws Exception {
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            int v1 = publish(s.registry(), 1, 0), v2 = publish(s.registry(), 1, 0.01);
            s.registry().activate(v1);
            s.registry().activate(v2);
            for (int i = 0; i < 40; i++) s.onOutcome(new ModelService.Prediction("EURUSD", i, 1, "tpsl", v2, 0.3), i % 10 < 3);
            await(() -> liveTrades(s, v2) == 40);
            assertThat(s.registry().current().version()).isEqualTo(v2);
            assertThat(notices).noneMatch(n -> n.startsWith("model_rolled_back"));
        }
    }

    @Test
    void theScorerAnswersThroughTheServedModelAndRemembersWhichVersionDid() {
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            ModelService.Scorer scorer = s.scorer(new DriftWinProbability());
            var bars = TrainedFixture.bars();
            WinQuery q = new WinQuery("EURUSD", 1, Timeframe.M1, 42, AlphaId.values()[0], Regime.values()[0], 0.5, 0.1,
                    1.0, 1.5, 0.4, 0, SimilarTradeOutcomes.Stats.NONE);
            for (int i = 0; i < 80; i++) {
                var b = bars.get(i);
                scorer.onBar("EURUSD", Timeframe.M1, b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.tickVolume());
            }
            double baseline = scorer.pTp1BeforeSl(q);
            assertThat(scorer.predictionFor("EURUSD", 42, 1).version()).as("nothing served: the fallback").isZero();
            int v = publish(s.registry(), 1, 0);
            s.registry().activate(v);
            double p = scorer.pTp1BeforeSl(q);
            assertThat(p).isNotEqualTo(baseline);
            ModelService.Prediction pr = scorer.predictionFor("EURUSD", 42, 1);
            assertThat(pr.version()).isEqualTo(v);
            assertThat(pr.probability()).isEqualTo(p);
            assertThat(scorer.predictionFor("EURUSD", 43, 1)).as("another candidate").isNull();
        }
    }

    /** A meta model on random rows (its answers differ from the classifier's), stacked on classifier version {@code tp}. */
    private static int publishMeta(ModelService s, int tp) {
        Random rnd = new Random(3);
        int f = MetaFeatures.NAMES.size();
        float[][] x = new float[2_000][f];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < f; j++) x[i][j] = (float) rnd.nextGaussian();
            y[i] = x[i][0] + 0.5 * rnd.nextGaussian() > 0 ? 1 : 0;
        }
        TreeEnsemble metaModel = new GradientBoostingTrainer(new GradientBoostingTrainer.Params(10, 2, 0.3, 20, 1.0)).fit(x, y);
        float[][] px = Arrays.copyOf(x, 32);
        float[] py = new float[px.length];
        for (int i = 0; i < px.length; i++) py[i] = (float) metaModel.probability(px[i]);
        int mv = s.metaRegistry().publish(OnnxTreeExport.export(metaModel, "meta", Map.of()),
                new ModelMetadata("meta", 0, "meta-gbt", MetaFeatures.NAMES, 0, 0, 0, 0, 0, 0, null,
                        TrainedFixture.result().metadata().holdout(), List.of(), px, py, Map.of("timeframe", "M1", "classifierVersion", tp)));
        s.metaRegistry().activate(mv);
        return mv;
    }

    @Test
    void thePerModelSwitchesDecideWhichServedModelAnswers() {
        WinQuery q = new WinQuery("EURUSD", 1, Timeframe.M1, 7, AlphaId.values()[0], Regime.values()[0], 0.5, 0.1,
                1.0, 1.5, 0.4, 0, SimilarTradeOutcomes.Stats.NONE);
        ModelService.Settings all = settings(List.of(), 0, 0);
        String[] answeredBy = new String[4];
        boolean[][] switches = {{true, true}, {true, false}, {false, true}, {false, false}}; // tpsl, meta
        for (int k = 0; k < switches.length; k++) {
            ModelService.Settings st = new ModelService.Settings(all.dir(), true, all.rollbackMargin(), all.rollbackMinTrades(),
                    all.retrainBars(), 0, 0, true, true, all.defaultLabeler(), all.trainingConfig(), 0, switches[k][0],
                    switches[k][1], false);
            try (ModelService s = open(st)) {
                if (s.registry().current() == null) publishMeta(s, s.registry().activate(publish(s.registry(), 1, 0)).version());
                ModelService.Scorer scorer = s.scorer(new DriftWinProbability());
                var bars = TrainedFixture.bars();
                for (int i = 0; i < 80; i++) {
                    var b = bars.get(i);
                    scorer.onBar("EURUSD", Timeframe.M1, b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.tickVolume());
                }
                scorer.pTp1BeforeSl(q);
                ModelService.Prediction pr = scorer.predictionFor("EURUSD", 7, 1);
                answeredBy[k] = pr.version() == 0 ? "baseline" : pr.model();
                assertThat(s.status().get("use")).isEqualTo(Map.of("tpsl", switches[k][0], "meta", switches[k][1], "seq", false));
            }
        }
        // meta brings its stage-1 classifier along (its input); neither switch on = the engine's baseline answers
        assertThat(answeredBy).containsExactly("meta", "tpsl", "meta", "baseline");
    }

    @Test
    void whenAMetaLearnerIsServedItsAnswerAndVersionAreWhatTheScorerRemembers() {
        Random rnd = new Random(3);
        int f = MetaFeatures.NAMES.size();
        float[][] x = new float[2_000][f];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < f; j++) x[i][j] = (float) rnd.nextGaussian();
            y[i] = x[i][0] + 0.5 * rnd.nextGaussian() > 0 ? 1 : 0;
        }
        TreeEnsemble metaModel = new GradientBoostingTrainer(new GradientBoostingTrainer.Params(10, 2, 0.3, 20, 1.0)).fit(x, y);
        float[][] px = Arrays.copyOf(x, 32);
        float[] py = new float[px.length];
        for (int i = 0; i < px.length; i++) py[i] = (float) metaModel.probability(px[i]);
        ModelMetadata base = TrainedFixture.result().metadata();
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            int tp = publish(s.registry(), 1, 0);
            s.registry().activate(tp);
            int mv = s.metaRegistry().publish(OnnxTreeExport.export(metaModel, "meta", Map.of()),
                    new ModelMetadata("meta", 0, "meta-gbt", MetaFeatures.NAMES, 0, 0, 0, 0, 0, 0, null,
                            base.holdout(), List.of(), px, py, Map.of("timeframe", "M1", "classifierVersion", tp)));
            s.metaRegistry().activate(mv);
            ModelService.Scorer scorer = s.scorer(new DriftWinProbability());
            var bars = TrainedFixture.bars();
            for (int i = 0; i < 80; i++) {
                var b = bars.get(i);
                scorer.onBar("EURUSD", Timeframe.M1, b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.tickVolume());
            }
            WinQuery q = new WinQuery("EURUSD", 1, Timeframe.M1, 7, AlphaId.values()[0], Regime.values()[0], 0.5, 0.1,
                    1.0, 1.5, 0.4, 0, SimilarTradeOutcomes.Stats.NONE);
            double p = scorer.pTp1BeforeSl(q);
            ModelService.Prediction pr = scorer.predictionFor("EURUSD", 7, 1);
            assertThat(pr.model()).isEqualTo("meta");
            assertThat(pr.version()).isEqualTo(mv);
            assertThat(pr.probability()).isEqualTo(p);
            assertThat(s.status()).containsEntry("meta_served", mv).containsKey("live_meta").containsEntry("meta_inactive", null);
            // another classifier is served (a retraining): the meta model was not stacked on it, so it stays silent
            int tp2 = publish(s.registry(), 2, 0);
            s.registry().activate(tp2);
            double p2 = scorer.pTp1BeforeSl(q);
            assertThat(scorer.predictionFor("EURUSD", 7, 1).model()).isEqualTo("tpsl");
            assertThat(scorer.predictionFor("EURUSD", 7, 1).version()).isEqualTo(tp2);
            assertThat(p2).isNotEqualTo(p);
            assertThat((String) s.status().get("meta_inactive")).isEqualTo(
                    "meta v" + mv + " was stacked on tpsl v" + tp + " but tpsl v" + tp2 + " is served");
            s.registry().rollback();
            assertThat(scorer.pTp1BeforeSl(q)).as("back on its own stack").isEqualTo(p);
            assertThat(scorer.predictionFor("EURUSD", 7, 1).model()).isEqualTo("meta");
        }
    }

    @Test
    void triggersFireOnScheduleAfterNTradesAndOnDriftAtMostOnceAnHour() throws Exception {
        AtomicBoolean drift = new AtomicBoolean();
        try (ModelService s = open(new ModelService.Settings(dir, true, 0.02, 30, List.of(), 6, 3, true, false,
                TrainedFixture.LABELER, TrainedFixture.CONFIG, 0))) {
            s.driftAlarm(drift::get);
            assertThat(s.dueTrigger()).isNull();
            now.addAndGet(6 * 3_600_000L);
            assertThat(s.dueTrigger()).isEqualTo("schedule");
            now.addAndGet(-6 * 3_600_000L);
            for (int i = 0; i < 3; i++) s.onOutcome(null, true);
            assertThat(s.dueTrigger()).isEqualTo("after 3 trades");
        }
        try (ModelService s = open(new ModelService.Settings(dir, true, 0.02, 30, List.of(), 0, 0, true, false,
                TrainedFixture.LABELER, TrainedFixture.CONFIG, 0))) {
            s.driftAlarm(drift::get);
            assertThat(s.dueTrigger()).isNull();
            drift.set(true);
            assertThat(s.dueTrigger()).isEqualTo("drift alarm");
            // a retraining that cannot clear the alarm (here: nothing to learn) is not repeated every minute
            Retrainer.Result r = s.retrainNow("drift alarm").get(30, TimeUnit.SECONDS);
            assertThat(r.published()).isNull();
            assertThat(r.message()).contains("nothing to learn");
            assertThat(s.dueTrigger()).as("within the cooldown").isNull();
            now.addAndGet(ModelService.RETRAIN_COOLDOWN_MS);
            assertThat(s.dueTrigger()).isEqualTo("drift alarm");
        }
    }

    @Test
    void retrainingPublishesAChallengerAndServesItOnlyIfItBeatsTheChampionOnTheSameRows() throws Exception {
        Path history = TrainedFixture.sharedData().resolve(TrainedFixture.BARS);
        try (ModelService s = open(settings(List.of(history), 0, 0))) {
            DriftPipeline.Trained ae = DriftPipeline.train(DriftRows.of(TrainedFixture.bars().subList(0, 3_000)),
                    new AutoencoderTrainer.Params(new int[]{6, 3, 6}, 2, 128, 0.005, 7L), 1_700_000_000_000L);
            int ae1 = s.autoencoderRegistry().publish(OnnxAutoencoderExport.export(ae.model(), "autoencoder", Map.of()),
                    ae.metadata().withProperties(Map.of("timeframe", "M1")));
            s.autoencoderRegistry().activate(ae1);
            Retrainer.Result first = s.retrainNow("request").get(120, TimeUnit.SECONDS);
            assertThat(first.published()).isEqualTo(1);
            assertThat(first.activated()).as("no champion yet").isTrue();
            assertThat(first.rows()).isGreaterThan(5_000);
            assertThat(s.registry().current().version()).isEqualTo(1);
            ModelMetadata m1 = s.registry().current().metadata();
            assertThat(m1.properties()).containsEntry("symbol", "EURUSD").containsEntry("timeframe", "M1")
                    .containsEntry("trigger", "request");
            // the drift reference now describes the data the served classifier learned from
            assertThat(s.autoencoderRegistry().current().version()).isEqualTo(ae1 + 1);
            assertThat(s.autoencoderRegistry().current().metadata().properties()).containsEntry("refit_after", "tpsl v1");
            assertThatThrownBy(() -> {
                s.retrainNow("again");
                s.retrainNow("and again");
            }).hasMessageContaining("already running");
            await(() -> !(Boolean) ((Map<?, ?>) s.status().get("retraining")).get("running"));
            Retrainer.Result second = s.retrainNow("request").get(120, TimeUnit.SECONDS);
            assertThat(second.championBrier()).as("champion scored on the challenger's holdout").isFinite();
            assertThat(second.activated()).isEqualTo(second.challengerBrier() <= second.championBrier());
            assertThat(s.registry().current().version()).isEqualTo(second.activated() ? second.published() : 1);
            assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("model_retrained"));
        }
    }

    @Test
    void liveBarsFeedTheServedAutoencodersDriftMonitorAndATrendingMarketRaisesTheRetrainingAlarm() {
        var bars = TrainedFixture.bars();
        DriftPipeline.Trained t = DriftPipeline.train(DriftRows.of(bars.subList(0, 6_000)),
                new AutoencoderTrainer.Params(new int[]{6, 3, 6}, 5, 128, 0.005, 7L), 500, 1_700_000_000_000L);
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            int v = s.autoencoderRegistry().publish(OnnxAutoencoderExport.export(t.model(), "autoencoder", Map.of()),
                    t.metadata().withProperties(Map.of("timeframe", "M1", "symbol", "EURUSD")));
            s.autoencoderRegistry().activate(v);
            ModelService.Scorer scorer = s.scorer(new DriftWinProbability());
            Bar last = null;
            for (int i = 3_000; i < 3_400; i++) { // a stretch of the training period (deterministic: fixed data and seed)
                last = bars.get(i);
                scorer.onBar("EURUSD", Timeframe.M1, last.openTimeMs(), last.open(), last.high(), last.low(), last.close(), 1);
                scorer.onBar("EURUSD", Timeframe.H1, last.openTimeMs(), 9, 9, 9, 9, 1); // other timeframes are not fed
            }
            DriftReport calm = s.driftReport();
            assertThat(calm.rows()).as("both sides of 400 bars minus the warm-up fill the window").isEqualTo(calm.window());
            assertThat(calm.alarm()).as("the market it was trained on: " + DriftPipeline.toMap(calm)).isFalse();
            assertThat(s.dueTrigger()).isNull();
            // a relentless trend: every bar +10 pips with a little noise — returns far outside the reference
            Random rnd = new Random(5);
            double c = last.close();
            long time = last.openTimeMs();
            for (int i = 0; i < 400; i++) {
                double o = c;
                c = o + 0.0010 + 0.0002 * rnd.nextGaussian();
                time += 60_000;
                scorer.onBar("EURUSD", Timeframe.M1, time, o, Math.max(o, c), Math.min(o, c), c, 1);
            }
            DriftReport trending = s.driftReport();
            assertThat(trending.alarm()).isTrue();
            assertThat(trending.error().ratio()).as("reconstruction error vs reference").isGreaterThan(1.5);
            assertThat(s.dueTrigger()).isEqualTo("drift alarm");
            assertThat(((Map<?, ?>) s.status().get("drift")).get("served")).isEqualTo(v);
        }
    }

    @Test
    void theSequenceRegistryIsListedAndACorruptedStoredSeqVersionDoesNotStopTheService() throws Exception {
        var bars = BarFiles.readAll(SharedData.file(
                "bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz")).subList(0, 200);
        int v;
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            assertThat(s.registries().stream().map(ModelRegistry::name)).containsExactly("tpsl", "meta", "seq", "autoencoder");
            v = SeqModels.publish(s.seqRegistry(), SeqModels.random(4, 1), 16, 4, bars);
            s.seqRegistry().activate(v);
            assertThat(s.status()).containsEntry("seq_served", v);
        }
        Path onnx = dir.resolve("seq").resolve(String.format("v%04d", v)).resolve("model.onnx");
        byte[] b = Files.readAllBytes(onnx);
        b[b.length / 2] ^= 0x5a;
        Files.write(onnx, b);
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            assertThat(s.seqRegistry().current()).isNull();
            assertThat(s.lastError()).contains("seq v" + v, "corrupted");
            assertThat(s.registries().stream().map(ModelRegistry::name)).contains("seq");
            // the scorer still answers (first stage / baseline), with no sequence model behind it
            WinQuery q = new WinQuery("EURUSD", 1, Timeframe.H1, 7, AlphaId.values()[0], Regime.values()[0], 0.5, 0.1,
                    1.0, 1.5, 0.4, 0, SimilarTradeOutcomes.Stats.NONE);
            assertThat(s.scorer(new DriftWinProbability()).pTp1BeforeSl(q)).isEqualTo(new DriftWinProbability().pTp1BeforeSl(q));
        }
    }

    @Test
    void aStoredActiveVersionThatNoLongerVerifiesIsSetAsideAndTheBaselineAnswers() throws Exception {
        int v;
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            v = publish(s.registry(), 1, 0);
            s.registry().activate(v);
        }
        Path onnx = dir.resolve("tpsl").resolve(String.format("v%04d", v)).resolve("model.onnx");
        byte[] b = Files.readAllBytes(onnx);
        b[b.length / 2] ^= 0x5a;
        Files.write(onnx, b);
        try (ModelService s = open(settings(List.of(), 0, 0))) {
            assertThat(s.registry().current()).isNull();
            assertThat(s.lastError()).contains("v" + v, "corrupted");
            assertThat(Files.list(dir.resolve("tpsl")).map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("active.json.refused-"));
        }
    }
}
