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
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The paper terminal's partial close at TP1, end to end: the demo strategy's signals (TP1 = 1.5 × SL, TP2 further)
 * on two real EURUSD days through the sidecar, in exact lockstep (window 1: the same trades every run; a wider window
 * lets signals land on different ticks, and some runs then touch no TP1 at all). Every position whose TP1 was touched is closed by half exactly once,
 * reported as a {@code tp1_partial} fill, and the rest closes later; positions that never reach TP1 keep their full
 * volume to the end.
 */
class PaperTp1Test {
    private static final String FILE = "ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz";
    private static final long END = LocalDateTime.parse("2014-05-03T00:00:00").toInstant(ZoneOffset.UTC).toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void touchingTp1ClosesHalfThePositionOnceAndTheRestLater() throws Exception {
        Path file = RepoPaths.sharedFile(FILE);
        VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("data.dir", dir.toString(), "zmq.endpoint", "tcp://127.0.0.1:*",
                "strategy", "demo", "paper.speed", "max", "paper.replay.window", "1", "paper.data", file.toString(), "paper.data.tz", "UTC"));
        try (Sidecar sidecar = Sidecar.start(cfg, false)) {
            PaperSetup.Market m = PaperSetup.replay(file);
            m.source().close();
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(),
                    new PaperSetup.Market(TickSources.until(MarketFiles.openTicks(file, "EURUSD"), END), m.specs(), "two days"), 1);
            paper.run();
            paper.close();
        }
        Map<Long, Double> entry = new HashMap<>(), partial = new HashMap<>(), rest = new HashMap<>();
        Map<Long, Integer> partials = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sidecar.db"));
             ResultSet rs = db.createStatement().executeQuery("SELECT position, entry, volume, reason FROM fills ORDER BY time_msc, deal")) {
            while (rs.next()) {
                long pos = rs.getLong(1);
                double vol = rs.getDouble(3);
                if (rs.getString(2).equals("in")) entry.merge(pos, vol, Double::sum);
                else if (rs.getString(4).equals("tp1_partial")) {
                    partial.merge(pos, vol, Double::sum);
                    partials.merge(pos, 1, Integer::sum);
                    assertThat(rest).as("the partial close comes before the rest of position %d", pos).doesNotContainKey(pos);
                } else rest.merge(pos, vol, Double::sum);
            }
        }
        assertThat(entry).as("the demo strategy traded").hasSizeGreaterThan(3);
        assertThat(partial).as("some of the " + entry.size() + " positions reached TP1 in two days (3 of 34 in lockstep)").isNotEmpty();
        for (long pos : partial.keySet()) {
            assertThat(partials.get(pos)).as("one TP1 partial for position %d", pos).isEqualTo(1);
            assertThat(partial.get(pos)).as("half of position %d", pos).isCloseTo(entry.get(pos) / 2, within(0.011));
        }
        for (long pos : rest.keySet()) {
            double closed = rest.get(pos) + partial.getOrDefault(pos, 0.0);
            assertThat(closed).as("position %d closed in full, never more", pos).isCloseTo(entry.get(pos), within(1e-9));
        }
    }
}
