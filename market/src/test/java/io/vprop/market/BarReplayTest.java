package io.vprop.market;

import io.vprop.testing.SharedData;

import io.vprop.market.io.MarketFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarReplayTest {

    static BarSource of(Bar... bars) {
        Iterator<Bar> it = List.of(bars).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    @Test
    void bullishBarsGoOpenLowHighCloseAndBearishOpenHighLowClose() {
        long t0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000;
        BarReplay r = new BarReplay(of(
                new Bar("EURUSD", Timeframe.M1, t0, 1.10000, 1.10050, 1.09950, 1.10020, 9, 12),
                new Bar("EURUSD", Timeframe.M1, t0 + 60_000, 1.10020, 1.10030, 1.09900, 1.09910, 9, 0)),
                SymbolSpec.fxMajor("EURUSD"), 7);
        List<Tick> ticks = new ArrayList<>();
        Tick t;
        while ((t = r.next()) != null) ticks.add(t);
        assertThat(ticks).extracting(Tick::bid).containsExactly(1.10000, 1.09950, 1.10050, 1.10020,
                1.10020, 1.10030, 1.09900, 1.09910);
        assertThat(ticks).extracting(Tick::timeMs).containsExactly(t0, t0 + 20_000, t0 + 40_000, t0 + 59_999,
                t0 + 60_000, t0 + 80_000, t0 + 100_000, t0 + 119_999);
        assertThat(ticks.get(0).ask()).isEqualTo(1.10012);   // bar spread 12 points
        assertThat(ticks.get(5).ask()).isEqualTo(1.10037);   // no spread in the bar: default 7
    }

    @Test
    void theExtremeNearerTheOpenComesFirstAsInTheBacktestersBarPath() {
        long t0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000;
        // bullish, but its high is 10 points from the open and its low 50: high first (the shorter way round)
        Bar bar = new Bar("EURUSD", Timeframe.M1, t0, 1.10000, 1.10010, 1.09950, 1.10005, 9, 5);
        BarReplay r = new BarReplay(of(bar), SymbolSpec.fxMajor("EURUSD"), 7);
        List<Tick> ticks = new ArrayList<>();
        Tick t;
        while ((t = r.next()) != null) ticks.add(t);
        assertThat(ticks).extracting(Tick::bid).containsExactly(1.10000, 1.10010, 1.09950, 1.10005);
        assertThat(bar.highFirst()).isTrue();
    }

    @Test
    void reAggregatingTheReplayOfARealFileGivesBackItsBars() {
        List<Bar> original = new ArrayList<>();
        try (BarSource b = MarketFiles.openBars(SharedData.file(SharedData.EURUSD_M1), null, Timeframe.M1)) {
            Bar bar;
            while ((bar = b.next()) != null) original.add(bar);
        }
        List<Bar> rebuilt = new ArrayList<>();
        BarAggregator agg = new BarAggregator(new Timeframe[]{Timeframe.M1}, s -> 0.00001, rebuilt::add);
        try (BarReplay r = new BarReplay(MarketFiles.openBars(SharedData.file(SharedData.EURUSD_M1), null, Timeframe.M1),
                SymbolSpec.fxMajor("EURUSD"), 10)) {
            Tick t;
            while ((t = r.next()) != null) agg.onTick(t);
        }
        agg.flush();
        assertThat(rebuilt).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            Bar o = original.get(i), n = rebuilt.get(i);
            assertThat(new Bar(n.symbol(), n.timeframe(), n.openTimeMs(), n.open(), n.high(), n.low(), n.close(), 0, n.spread()))
                    .isEqualTo(o);
        }
    }
}
