package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.journal.JournalReader;
import io.vprop.testing.ConsoleCapture;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 7 as a trader runs it: {@code vprop replay} of H4 + D1 bar files through the sidecar and the paper
 * terminal (exact lockstep, the default window 1) makes the same trades as {@code vprop backtest} of the same files,
 * period and options with the signal engine. The replay's engine is the live sidecar's, so the options that differ
 * by design are set to the backtest's: the backtester's recent-outcome memory (engine.memory=recent, not the vector
 * trade memory), no served models, a risk cap that does not bind (the backtest's engine has none), the backtest's
 * engine seed (42, the sidecar's). The period is the bundled fitted edges' holdout window where they trade
 * (EngineParityTest#bundledFittedEdges), from a cold start. Trades closed by the end of the data are left out: the
 * backtest closes what is open at its end, a replay leaves it open.
 */
class ReplayBacktestParityTest {
    private static final String FROM = "2021-09-15", TO = "2021-12-15";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void aReplayOfBarFilesTradesAsTheirBacktest() throws Exception {
        String h4 = RepoPaths.sharedFile("bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz").toString();
        String d1 = RepoPaths.sharedFile("bars/h4_d1/EURUSD_snowguru_D1_2007-2023.bars.csv.gz").toString();
        Path bt = dir.resolve("backtest.json");
        assertThat(VpropCli.execute("backtest", "--data", h4, "--data", d1, "--server-tz", "UTC", "--from", FROM, "--to", TO,
                "--strategy", "engine", "--seed", "42", "--json", "--out", bt.toString())).as(console.err()).isEqualTo(0);
        JsonNode backtest = new ObjectMapper().readTree(bt.toFile());
        console.reset();

        Path state = dir.resolve("replay");
        assertThat(VpropCli.execute("replay", "--data", h4, "--data", d1, "--server-tz", "UTC", "--from", FROM, "--to", TO, "--data-dir", state.toString(),
                "--strategy", "engine", "--set", "engine.timeframes=swing", "--set", "engine.memory=recent",
                "--set", "models.serve=false", "--set", "risk.per.trade.pct=10", "--json")).as(console.err()).isEqualTo(0);
        String out = console.out();
        assertThat(out.strip()).as("stdout carries the JSON alone").startsWith("{");
        JsonNode replay = new ObjectMapper().readTree(out);
        assertThat(replay.get("market").asText()).contains("H4 bars").contains("D1 bars").contains("ohlc bar path");

        List<Trade> expected = new ArrayList<>();
        for (JsonNode t : backtest.get("trades"))
            if (!t.get("exitReason").asText().contains("end_of_data"))
                expected.add(new Trade(t.get("position").asLong(), t.get("symbol").asText(), t.get("side").asText(),
                        t.get("lots").asDouble(), t.get("openMs").asLong(), t.get("closeMs").asLong(), t.get("entryPrice").asDouble(),
                        t.get("exitPrice").asDouble(), t.get("pnl").asDouble()));
        List<Trade> replayed = closedTrades(state.resolve("sidecar.db"));
        // today: 5 closed trades (13 deals in the replay, net +3,049.84 USD)
        assertThat(expected).as("the engine traded in the period").hasSizeGreaterThanOrEqualTo(3);
        assertThat(replayed).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Trade b = expected.get(i), r = replayed.get(i);
            String what = "trade " + i + ": replay " + r + " vs backtest " + b;
            assertThat(r.position()).as(what).isEqualTo(b.position());
            assertThat(r.symbol()).as(what).isEqualTo(b.symbol());
            assertThat(r.side()).as(what).isEqualTo(b.side());
            assertThat(r.lots()).as(what).isEqualTo(b.lots());
            assertThat(r.openMs()).as(what).isEqualTo(b.openMs());
            assertThat(r.closeMs()).as(what).isEqualTo(b.closeMs());
            assertThat(r.entryPrice()).as(what).isEqualTo(b.entryPrice(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(r.exitPrice()).as(what).isEqualTo(b.exitPrice(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(r.pnl()).as(what).isEqualTo(b.pnl(), org.assertj.core.api.Assertions.within(0.011));
        }
    }

    /** A closed round trip: lots opened, first entry and last exit, volume-weighted prices, net P&L (commission, swap). */
    record Trade(long position, String symbol, String side, double lots, long openMs, long closeMs, double entryPrice,
                 double exitPrice, double pnl) {
        @Override
        public String toString() {
            return position + " " + symbol + " " + side + " " + lots + " " + Instant.ofEpochMilli(openMs) + " @" + entryPrice + " → "
                    + Instant.ofEpochMilli(closeMs) + " @" + exitPrice + " " + pnl;
        }
    }

    /** The replay's deals as the sidecar journaled them, made into round trips as the backtester's trade book makes them. */
    private static List<Trade> closedTrades(Path journal) {
        List<Map<String, Object>> fills;
        try (JournalReader r = JournalReader.open(journal)) {
            fills = new ArrayList<>(r.fills(1_000_000));
        }
        fills.sort(Comparator.comparingLong(f -> ((Number) f.get("deal")).longValue()));
        Map<Long, double[]> open = new LinkedHashMap<>();     // position → lots in, value in, lots out, value out, pnl, open, close
        Map<Long, String[]> names = new LinkedHashMap<>();
        List<Trade> closed = new ArrayList<>();
        for (Map<String, Object> f : fills) {
            long position = ((Number) f.get("position")).longValue();
            double volume = ((Number) f.get("volume")).doubleValue(), price = ((Number) f.get("price")).doubleValue();
            long time = ((Number) f.get("time_msc")).longValue();
            double[] p = open.computeIfAbsent(position, k -> new double[]{0, 0, 0, 0, 0, time, 0});
            names.putIfAbsent(position, new String[]{(String) f.get("symbol"), String.valueOf(f.get("side"))});
            p[4] += ((Number) f.get("profit")).doubleValue() + ((Number) f.get("commission")).doubleValue()
                    + ((Number) f.get("swap")).doubleValue();
            if (String.valueOf(f.get("entry")).equalsIgnoreCase("in")) {
                p[0] += volume;
                p[1] += volume * price;
            } else {
                p[2] += volume;
                p[3] += volume * price;
                p[6] = time;
            }
            if (p[2] > 0 && Math.abs(p[0] - p[2]) < 1e-9) {
                open.remove(position);
                String[] n = names.remove(position);
                closed.add(new Trade(position, n[0], n[1].toUpperCase(java.util.Locale.ROOT), Math.round(p[0] * 1e8) / 1e8, (long) p[5],
                        (long) p[6], p[1] / p[0], p[3] / p[2], Math.round(p[4] * 100) / 100.0));
            }
        }
        return closed;
    }
}
