package io.vprop.e2e;

import java.util.HashMap;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.market.TickSources;
import io.vprop.market.io.MarketFiles;
import io.vprop.paper.PaperTerminal;
import io.vprop.testing.RepoPaths;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sidecar's calendar reaches the paper terminal as {@code news} and the terminal's own governors act on it, as
 * the EA's do: the sidecar runs ftmo-1step (no news rule, so it lets the entry through), the terminal ftmo-2step
 * (2 min embargo), replaying the shared EURUSD ticks in real time from 2014-05-01 00:00 UTC with a USD release
 * at 00:01 UTC in the sidecar's calendar file.
 */
class PaperNewsTest {
    private static final String TICKS = "ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz";
    private static final long END = Instant.parse("2014-05-01T00:10:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static void until(BooleanSupplier cond, Supplier<String> what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what.get());
            Thread.sleep(10);
        }
    }

    @Test
    void pushedNewsMakesThePaperTerminalsGovernorsRefuseAnEntry() throws Exception {
        Path ticks = RepoPaths.sharedFile(TICKS);
        Path calendar = dir.resolve("calendar.csv");
        Files.writeString(calendar, "DateTime,Currency,Impact,Event,Actual,Forecast,Previous,Detail\n"
                + "2014-05-01T00:01:00+00:00,USD,High Impact Expected,Test release,,,,\n"
                + "2014-05-01T00:01:00+00:00,JPY,High Impact Expected,Not for EURUSD,,,,\n");
        Map<String, String> common = Map.of("data.dir", dir.toString(), "zmq.endpoint", "tcp://127.0.0.1:*",
                "strategy", "none", "paper.speed", "1", "paper.data", ticks.toString(), "paper.data.tz", "UTC", "calendar.file", calendar.toString());
        VpropConfig sidecarCfg = VpropConfig.load(null, Map.of(), merged(common, "firm.profile", "ftmo-1step"));
        VpropConfig paperCfg = VpropConfig.load(null, Map.of(), merged(common, "firm.profile", "ftmo-2step"));
        try (Sidecar sidecar = Sidecar.start(sidecarCfg, false)) {
            PaperSetup.Market m = PaperSetup.replay(ticks);
            m.source().close();
            PaperSetup.Market tenMinutes = new PaperSetup.Market(TickSources.until(MarketFiles.openTicks(ticks, "EURUSD"), END),
                    m.specs(), "ten minutes");
            PaperTerminal paper = PaperSetup.terminal(paperCfg, sidecar.zmqEndpoint(), tenMinutes, 1);
            Thread t = new Thread(paper, "paper");
            t.start();
            try {
                until(() -> paper.newsReceived() == 1, () -> "the USD news at the terminal (got " + paper.newsReceived() + ")");
                until(() -> sidecar.kernel().status().peers().stream().anyMatch(p -> p.balance() != null),
                        () -> "the terminal's account at the sidecar");
                var sub = sidecar.kernel().call(k -> k.submitManual(null, "EURUSD", Side.BUY, 0.1, 0, 1.3800, 0, 0, 0.001, 60,
                        "test entry inside the embargo")).get();
                assertThat(sub.sent()).as("the sidecar (ftmo-1step) lets it through: " + sub).isTrue();
                until(() -> List.of("rejected", "executed").contains(status(sidecar, sub.id()).get("status")),
                        () -> "the terminal's answer, journal says " + status(sidecar, sub.id()));
                Map<String, Object> ack = status(sidecar, sub.id());
                assertThat(ack.get("status")).as(ack.toString()).isEqualTo("rejected");
                assertThat(ack.get("rule")).isEqualTo("news-embargo");
                assertThat((String) ack.get("ack_reason")).contains("terminal governors").contains("USD release");
                assertThat(paper.newsReceived()).as("the JPY release does not concern EURUSD").isEqualTo(1);
                assertThat(paper.deals()).isEmpty();
            } finally {
                paper.close();
                t.join(30_000);
            }
        }
    }

    private static Map<String, Object> status(Sidecar sidecar, String id) {
        List<Map<String, Object>> signals = sidecar.journalReader().signals(10);
        return signals.stream().filter(s -> id.equals(s.get("id"))).findFirst().orElse(Map.of());
    }

    private static Map<String, String> merged(Map<String, String> base, String key, String value) {
        HashMap<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
