package io.vprop.research.backtest;

import io.vprop.market.Bar;
import io.vprop.market.MarketEvents;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.instrument.Session;
import io.vprop.market.io.MarketFiles;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared H4 bars carry SPREAD = 0: played on the bar path with the instrument table's spreads by session (what
 * {@code vprop backtest} and {@code vprop replay} do by default), each quote gets the spread of its session.
 */
class SessionSpreadBarsTest {

    @Test
    void barsWithoutSpreadTakeTheSpreadOfTheirQuotesSession() {
        Instrument eurusd = InstrumentTable.builtIn().get("EURUSD");
        Map<Session, Integer> seen = new EnumMap<>(Session.class);
        int[] quotes = {0};
        try (MarketFeed feed = MarketFeed.bars(List.of(MarketFiles.openBars(
                        RepoPaths.sharedFile("bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz"), null, Timeframe.H4)),
                List.of(eurusd.toSymbolSpec(1.0)), BarPath.OHLC, SpreadModel.bySession(InstrumentTable.builtIn()),
                Long.MIN_VALUE, Long.MAX_VALUE)) {
            MarketEvents.Sink sink = new MarketEvents.Sink() {
                @Override
                public void quote(Tick t) {
                    quotes[0]++;
                    int points = (int) Math.round((t.ask() - t.bid()) / eurusd.point());
                    Integer before = seen.put(Session.at(t.timeMs()), points);
                    assertThat(before == null || before == points).as("one spread per session").isTrue();
                }

                @Override
                public void barClosed(Bar b) { }

                @Override
                public int stopFirst(String symbol, double lowBid, double highBid, double lowAsk, double highAsk) { return 0; }

                @Override
                public double nextLevel(String symbol, double fromBid, double toBid, double spread) { return Double.NaN; }
            };
            while (quotes[0] < 4_000 && feed.next(sink)) { /* the first thousand bars */ }
        }
        assertThat(seen).containsEntry(Session.ASIA, 3).containsEntry(Session.LONDON, 2).containsEntry(Session.OVERLAP, 2)
                .containsEntry(Session.NEW_YORK, 2);
    }
}
