package io.vprop.market.instrument;

import io.vprop.market.BarReplay;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared H4 bars carry SPREAD = 0: replayed with an instrument's spread model, each bar gets its session's spread. */
class SessionSpreadReplayTest {

    @Test
    void barsWithoutSpreadTakeTheSpreadOfTheirSession() {
        Instrument eurusd = InstrumentTable.builtIn().get("EURUSD");
        Map<Session, Integer> seen = new EnumMap<>(Session.class);
        int ticks = 0;
        try (BarReplay r = new BarReplay(MarketFiles.openBars(SharedData.file("bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz"),
                null, Timeframe.H4), eurusd.toSymbolSpec(1.0), eurusd.spread()::pointsAt)) {
            Tick t;
            long barOpen = Long.MIN_VALUE;
            while ((t = r.next()) != null && ticks < 4_000) {
                if (ticks++ % 4 == 0) barOpen = t.timeMs();       // 4 ticks per bar, the first at the bar's open
                int points = (int) Math.round((t.ask() - t.bid()) / eurusd.point());
                Integer before = seen.put(Session.at(barOpen), points);
                assertThat(before == null || before == points).as("one spread per session").isTrue();
            }
        }
        // H4 bars open at 00, 04, 08, 12, 16, 20 UTC: Asia, Asia, London, overlap, New York, New York
        assertThat(seen).containsEntry(Session.ASIA, 3).containsEntry(Session.LONDON, 2).containsEntry(Session.OVERLAP, 2)
                .containsEntry(Session.NEW_YORK, 2).doesNotContainKey(Session.OFF_HOURS);
    }
}
