package io.vprop.signal;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.data.CalendarEvent;
import io.vprop.signal.data.CalendarEventSource;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.Grade;
import io.vprop.signal.select.Rng;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lookahead check: a decision may depend only on data before it. The engine is run over two days of real EURUSD and
 * NZDUSD ticks (with a few calendar releases), then again over the same data cut at random points; every decision made before a cut must be
 * identical (same time, setup, size, prices, reasons) in the truncated run. An alpha that peeked at a later bar, a
 * feature normalised over the whole file or a clock read from the wall would make the runs differ.
 */
class LookaheadTest {
    private static final long DAY = 86_400_000L;

    @Test
    void decisionsBeforeEveryRandomCutAreIdenticalToTheFullRun() {
        List<Tick> ticks = twoDaysOfTicks();
        List<String> full = run(ticks, ticks.size());
        assertThat(full).as("the full run must decide something, or the check proves nothing").hasSizeGreaterThan(20);

        Set<AlphaId> seen = EnumSet.noneOf(AlphaId.class);
        for (String d : full) for (AlphaId a : AlphaId.values()) if (d.contains("alpha=" + a + ",")) seen.add(a);
        assertThat(seen).as("alphas that decided in the full run").containsAll(coveredAlphas());

        Rng rng = new Rng(20261202);
        for (int i = 0; i < 6; i++) {
            int cut = 1 + (int) (rng.nextDouble() * (ticks.size() - 1));
            long cutMs = ticks.get(cut).timeMs();
            List<String> truncated = run(ticks, cut);
            List<String> before = full.stream().filter(d -> timeOf(d) < cutMs).toList();
            assertThat(truncated.stream().filter(d -> timeOf(d) < cutMs).toList())
                    .as("decisions before the cut at tick %d (%d ms)", cut, cutMs).isEqualTo(before);
        }
    }

    /** Every alpha: SENTIMENT fires on the calendar surprises below. */
    private static Set<AlphaId> coveredAlphas() {
        return EnumSet.allOf(AlphaId.class);
    }

    /**
     * The shared 2014 Fed calendar has no numeric surprise in these days, so the check brings its own releases (an
     * unemployment-claims print far from its forecast, twice a day) so that the SENTIMENT alpha decides too.
     */
    private static EventSource releases(long fromMs) {
        List<CalendarEvent> events = new ArrayList<>();
        for (int h = 10; h < 48; h += 12) {
            events.add(new CalendarEvent(fromMs + h * 3_600_000L, "USD", "High", "Unemployment Claims",
                    h % 24 == 10 ? 250_000 : 190_000, 220_000, 0));
        }
        return new CalendarEventSource(events, 3_600_000L);
    }

    private static List<String> run(List<Tick> ticks, int count) {
        SignalConfig cfg = SignalConfig.builder().timeframes(Timeframe.M1, Timeframe.M5, Timeframe.M15)
                .regimeTimeframe(Timeframe.M5).minGrade(Grade.C).seed(7).build();
        long[] now = {0};
        SignalEngine e = new SignalEngine(cfg, List.of(SymbolSpec.fxMajor("EURUSD"), SymbolSpec.fxMajor("NZDUSD")),
                new SignalPorts(PropFirmRiskBudget.typical(100_000), new io.vprop.signal.select.RecentOutcomeMemory(50),
                        new io.vprop.signal.select.DriftWinProbability(), releases(ticks.get(0).timeMs()), () -> now[0]), 100_000);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Tick t = ticks.get(i);
            now[0] = t.timeMs();
            Decision d = e.onTick(t);
            if (d instanceof TradeCandidate || d instanceof Skip) out.add(t.timeMs() + "|" + d);
        }
        return out;
    }

    private static long timeOf(String decision) { return Long.parseLong(decision.substring(0, decision.indexOf('|'))); }

    private static List<Tick> twoDaysOfTicks() {
        List<TickSource> files = List.of(
                MarketFiles.openTicks(SharedData.file(SharedData.EURUSD_TICKS), "EURUSD"),
                MarketFiles.openTicks(SharedData.file(SharedData.NZDUSD_TICKS), "NZDUSD"));
        List<Tick> ticks = new ArrayList<>();
        try (TickSource merged = TickSources.merge(files)) {
            Tick first = null;
            for (Tick t; (t = merged.next()) != null; ) {
                if (first == null) first = t;
                if (t.timeMs() >= first.timeMs() + 2 * DAY) break;
                ticks.add(t);
            }
        }
        return ticks;
    }
}
