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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: a batched max-speed replay (paper.replay.window > 1) lets the paper terminal run up to two windows of
 * market time ahead of the sidecar, so its signals arrive "late" in market time. Their validity runs on market time:
 * judged at the newest tick the sidecar acknowledged, none is expired by the batching. One day of EURUSD at window
 * 4,096 (hours of market time in flight) with a 1 s signal validity: every signal the demo strategy sends is
 * answered, none with signal.expired (before the change: 44 of 45), and a stop the market has passed meanwhile is
 * refused without stopping the terminal.
 */
class BatchedReplaySignalsTest {
    private static final String FILE = "ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz";
    private static final long END = LocalDateTime.parse("2014-05-02T00:00:00").toInstant(ZoneOffset.UTC).toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void aWindowAheadOfTheSidecarNeverExpiresItsSignals() throws Exception {
        Path file = RepoPaths.sharedFile(FILE);
        VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("data.dir", dir.toString(), "zmq.endpoint", "tcp://127.0.0.1:*",
                "strategy", "demo", "signal.ttl.ms", "1000", "paper.speed", "max", "paper.replay.window", "4096",
                "paper.data", file.toString(), "paper.data.tz", "UTC"));
        PaperTerminal.Stats stats;
        try (Sidecar sidecar = Sidecar.start(cfg, false)) {
            PaperSetup.Market m = PaperSetup.replay(file);
            PaperSetup.Market day = new PaperSetup.Market(TickSources.until(MarketFiles.openTicks(file, "EURUSD"), END), m.specs(), "one day");
            m.source().close();
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(), day, 1);
            paper.run();
            stats = paper.stats();
            paper.close();
        }
        Map<String, Integer> rules = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sidecar.db"));
             ResultSet rs = db.createStatement().executeQuery("SELECT coalesce(rule, status), count(*) FROM signals GROUP BY 1")) {
            while (rs.next()) rules.put(rs.getString(1), rs.getInt(2));
        }
        assertThat(stats.signals()).as("the demo strategy signals on a day of EURUSD").isGreaterThan(0);
        assertThat(stats.executed() + stats.rejected()).isEqualTo(stats.signals());
        // Judged hours of market time later, some are refused for the price (stops already passed, governors): that
        // is the batching's honest cost; being expired by it is not.
        assertThat(rules).as("signals by rule (or status)").doesNotContainKey("signal.expired");
    }
}
