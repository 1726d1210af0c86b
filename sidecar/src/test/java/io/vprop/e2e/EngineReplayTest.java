package io.vprop.e2e;

import io.vprop.kernel.SidecarKernel;
import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.TpSlTraining;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.data.TpSlLabeler;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.signal.SignalConfig;
import java.util.ArrayList;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.market.TickSources;
import io.vprop.market.io.MarketFiles;
import io.vprop.paper.PaperTerminal;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signal engine as the sidecar's strategy, on two days of real EURUSD ticks through the paper terminal: every
 * decision it takes — skips included — is journaled with its reasons, and trade memory is opened under the data
 * directory. (On these ticks the engine's quality score is negative after costs, so it skips: that is reported,
 * not tuned away.)
 */
class EngineReplayTest {
    @TempDir
    Path dir;

    /**
     * Trains a TP/SL classifier on M5 bars (aggregated from the M1 file of the same fortnight — this test checks the
     * wiring, not the edge) with the signal engine's stop geometry, and serves it from the registry the sidecar opens.
     */
    static int serveM5Model(Path modelsDir) {
        java.util.List<Bar> m1 = BarFiles.readAll(
                RepoPaths.sharedFile("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz"));
        java.util.List<Bar> m5 = new ArrayList<>();
        for (Bar b : m1) {
            long open = b.openTimeMs() - Math.floorMod(b.openTimeMs(), 300_000L);
            Bar last = m5.isEmpty() ? null : m5.get(m5.size() - 1);
            if (last == null || last.openTimeMs() != open) {
                m5.add(new Bar(b.symbol(), Timeframe.M5, open, b.open(), b.high(), b.low(), b.close(), b.tickVolume(), 0));
            } else {
                m5.set(m5.size() - 1, new Bar(b.symbol(), Timeframe.M5, open, last.open(),
                        Math.max(last.high(), b.high()), Math.min(last.low(), b.low()), b.close(), last.tickVolume() + b.tickVolume(), 0));
            }
        }
        SignalConfig sc = SignalConfig.defaults();
        TpSlLabeler labeler = new TpSlLabeler(sc.horizonBars, sc.slSigma * sc.tp1Multiple, sc.slSigma);
        TpSlTraining.Result r = TpSlTraining.train("tpsl", labeler.label(m5), labeler,
                new TpSlTraining.Config(2, 30 * 60_000L,
                        new GradientBoostingTrainer.Params(20, 3, 0.1, 50, 1.0), 64), 0);
        try (var reg = ModelRegistry.classifiers(modelsDir, "tpsl", TpSlFeatures.NAMES)) {
            int v = reg.publish(OnnxTreeExport.export(r.model(), "tpsl", Map.of()),
                    r.metadata().withProperties(Map.of("timeframe", "M5", "symbol", "EURUSD")));
            reg.activate(v);
            return v;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void decisionsAreJournaledWithTheirReasons() throws Exception {
        Path file = RepoPaths.sharedFile("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
        VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("data.dir", dir.toString(), "zmq.endpoint", "tcp://127.0.0.1:*",
                "strategy", "engine", "paper.speed", "max", "paper.replay.window", "256", "paper.data", file.toString(), "paper.data.tz", "UTC"));
        long end = Instant.parse("2014-05-03T00:00:00Z").toEpochMilli();
        int served = serveM5Model(dir.resolve("models"));
        try (Sidecar sidecar = Sidecar.start(cfg, false)) {
            PaperSetup.Market m = PaperSetup.replay(file);
            m.source().close();
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(),
                    new PaperSetup.Market(TickSources.until(MarketFiles.openTicks(file, "EURUSD"), end), m.specs(), "two days"), 1);
            paper.run();
            paper.close();
            Map<String, Map<String, Object>> states = sidecar.kernel().call(SidecarKernel::strategyStates).get();
            assertThat(states).hasSize(1);
            Map<String, Object> st = states.values().iterator().next();
            assertThat((Map<String, Object>) st.get("regimes")).containsKey("EURUSD");
            double weights = ((Map<String, Object>) st.get("weights")).values().stream().mapToDouble(w -> ((Number) w).doubleValue()).sum();
            assertThat(weights).as("alpha weights are normalized").isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01)); // each weight is rounded to 3 decimals
            assertThat((Map<String, Object>) st.get("posteriors")).hasSize(6);
            // warm-up per symbol and timeframe: two days of ticks complete 500+ M5 bars, 100+ M15, 40+ H1
            Map<String, Object> eur = (Map<String, Object>) ((Map<String, Object>) st.get("warmup")).get("EURUSD");
            assertThat(eur.get("warm")).isEqualTo(true);
            Map<String, Object> bars = (Map<String, Object>) eur.get("bars");
            assertThat(bars.keySet()).containsExactly("M5", "M15", "H1");
            assertThat(((Number) bars.get("M5")).intValue()).isGreaterThan(400);
            assertThat(((Number) bars.get("H1")).intValue()).isBetween(30, 60);
            assertThat(((Number) st.get("warmup_bars")).intValue()).isGreaterThanOrEqualTo(25);
            // Q* asked the served model (v1, M5, the engine's stop geometry) for M5 candidates once their features were warm
            Map<String, Object> answers = (Map<String, Object>) st.get("model_answers");
            assertThat(((Number) answers.get("served")).longValue()).as("candidates scored by served model v" + served).isPositive();
            assertThat(((Number) answers.get("fallback")).longValue()).as("M15/H1 candidates: the drift baseline").isPositive();
        }
        // every closed bar the engine saw was recorded for retraining
        assertThat(Files.readAllLines(dir.resolve("models").resolve("bars").resolve("EURUSD_M5.csv")).size())
                .as("two days of M5 bars recorded").isGreaterThan(400);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sidecar.db"))) {
            ResultSet rs = db.createStatement().executeQuery(
                    "SELECT COUNT(*), SUM(body LIKE '%\"reasons\":[\"%') FROM events WHERE kind = 'decision'");
            rs.next();
            assertThat(rs.getLong(1)).as("decisions journaled").isGreaterThan(50);
            assertThat(rs.getLong(2)).as("every decision carries reasons").isEqualTo(rs.getLong(1));
            ResultSet refused = db.createStatement().executeQuery("SELECT COUNT(*) FROM signals WHERE status = 'rejected'");
            refused.next();
            assertThat(refused.getLong(1)).as("no signal the terminal's governors had to reject").isZero();
        }
        assertThat(Files.list(dir.resolve("memory")).count()).as("trade memory opened under data.dir").isPositive();
    }
}
