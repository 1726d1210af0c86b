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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance: replaying the shared EURUSD ticks through the paper terminal and the sidecar (real ZeroMQ) yields M1
 * bars — as journaled by the sidecar — equal to an independent aggregation written here with nothing but
 * String.split and a TreeMap.
 */
class ReplayBarsTest {
    private static final String FILE = "ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz";
    private static final long END = LocalDateTime.parse("2014-05-02T00:00:00").toInstant(ZoneOffset.UTC).toEpochMilli();

    @TempDir
    Path dir;

    /** minute open (UTC ms) → {open, high, low, close, ticks} from the raw file, bid prices. */
    static TreeMap<Long, double[]> independentM1(Path file, long endMs) throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss.SSS");
        TreeMap<Long, double[]> bars = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split("\t", -1);
                long t = LocalDateTime.parse(c[0] + " " + c[1], f).toInstant(ZoneOffset.UTC).toEpochMilli();
                if (t >= endMs) break;
                double bid = Double.parseDouble(c[2]);
                long minute = t - Math.floorMod(t, 60_000L);
                double[] b = bars.get(minute);
                if (b == null) bars.put(minute, new double[]{bid, bid, bid, bid, 1});
                else {
                    b[1] = Math.max(b[1], bid);
                    b[2] = Math.min(b[2], bid);
                    b[3] = bid;
                    b[4]++;
                }
            }
        }
        return bars;
    }

    @Test
    void replayedM1BarsEqualAnIndependentAggregation() throws Exception {
        Path file = RepoPaths.sharedFile(FILE);
        TreeMap<Long, double[]> expected = independentM1(file, END);
        assertThat(expected).hasSizeGreaterThan(1000);

        VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("data.dir", dir.toString(), "zmq.endpoint", "tcp://127.0.0.1:*",
                "strategy", "none", "paper.speed", "max", "paper.replay.window", "256", "paper.data", file.toString(), "paper.data.tz", "UTC"));
        long ticks;
        try (Sidecar sidecar = Sidecar.start(cfg, false)) {
            PaperSetup.Market m = PaperSetup.replay(file);
            PaperSetup.Market day = new PaperSetup.Market(TickSources.until(MarketFiles.openTicks(file, "EURUSD"), END), m.specs(), "one day");
            m.source().close();
            PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(), day, 1);
            paper.run();                       // lockstep replay: returns when the day is played and flushed
            ticks = paper.stats().ticks();
            paper.close();
        }
        assertThat(ticks).isEqualTo((long) expected.values().stream().mapToDouble(b -> b[4]).sum());

        TreeMap<Long, double[]> journaled = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sidecar.db"));
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT open_ms, open, high, low, close, tick_volume FROM bars WHERE symbol = 'EURUSD' AND timeframe = 'M1'")) {
            while (rs.next())
                journaled.put(rs.getLong(1), new double[]{rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getLong(6)});
        }
        assertThat(journaled.keySet()).containsExactlyElementsOf(expected.keySet());
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Long, double[]> e : expected.entrySet()) {
            double[] a = journaled.get(e.getKey()), x = e.getValue();
            for (int i = 0; i < 5; i++)
                if (Math.abs(a[i] - x[i]) > 1e-9) diffs.add(e.getKey() + "[" + i + "]: " + a[i] + " != " + x[i]);
        }
        assertThat(diffs).isEmpty();
    }
}
