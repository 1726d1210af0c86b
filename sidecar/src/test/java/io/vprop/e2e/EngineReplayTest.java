package io.vprop.e2e;

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

    @Test
    @SuppressWarnings("unchecked")
    void decisionsAreJournaledWithTheirReasons() throws Exception {
        Path file = RepoPaths.sharedFile("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
        VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("data.dir", dir.toString(), "zmq.endpoint", "tcp://127.0.0.1:*",
                "strategy", "engine", "paper.speed", "max", "paper.replay.window", "256", "paper.data", file.toString()));
        long end = Instant.parse("2014-05-03T00:00:00Z").toEpochMilli();
        try (Sidecar sidecar = Sidecar.start(cfg, false)) {
            PaperSetup.Market m = PaperSetup.replay(file);
            m.source().close();
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(),
                    new PaperSetup.Market(TickSources.until(MarketFiles.openTicks(file, "EURUSD"), end), m.specs(), "two days"), 1);
            paper.run();
            paper.close();
            Map<String, Map<String, Object>> states = sidecar.kernel().call(io.vprop.kernel.SidecarKernel::strategyStates).get();
            assertThat(states).hasSize(1);
            Map<String, Object> st = states.values().iterator().next();
            assertThat((Map<String, Object>) st.get("regimes")).containsKey("EURUSD");
            double weights = ((Map<String, Object>) st.get("weights")).values().stream().mapToDouble(w -> ((Number) w).doubleValue()).sum();
            assertThat(weights).as("alpha weights are normalized").isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01)); // each weight is rounded to 3 decimals
            assertThat((Map<String, Object>) st.get("posteriors")).hasSize(6);
        }
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
