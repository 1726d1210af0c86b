package io.vprop.market;

import io.vprop.testing.SharedData;

import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarAggregatorTest {

    static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    static Tick tick(String iso, double bid, double ask) { return new Tick("EURUSD", t(iso), bid, ask, 0, 0, 6); }

    @Test
    void buildsOhlcTickVolumeAndLastSpreadAndSkipsEmptyMinutes() {
        List<Bar> bars = new ArrayList<>();
        BarAggregator agg = new BarAggregator(new Timeframe[]{Timeframe.M1, Timeframe.M5}, s -> 0.00001, bars::add);
        agg.onTick(tick("2024-03-01T10:00:05Z", 1.08000, 1.08010));
        agg.onTick(tick("2024-03-01T10:00:20Z", 1.08050, 1.08060));
        agg.onTick(tick("2024-03-01T10:00:40Z", 1.07950, 1.07970));
        agg.onTick(tick("2024-03-01T10:00:59.999Z", 1.08020, 1.08032));
        assertThat(bars).isEmpty(); // nothing closes until a later minute starts
        agg.onTick(tick("2024-03-01T10:03:00Z", 1.08100, 1.08110)); // 10:01 and 10:02 are empty: no bars
        assertThat(bars).containsExactly(new Bar("EURUSD", Timeframe.M1, t("2024-03-01T10:00:00Z"),
                1.08000, 1.08050, 1.07950, 1.08020, 4, 12));
        agg.onTick(tick("2024-03-01T10:05:00Z", 1.08200, 1.08210));
        assertThat(bars).hasSize(3);
        assertThat(bars.get(1)).isEqualTo(new Bar("EURUSD", Timeframe.M1, t("2024-03-01T10:03:00Z"),
                1.081, 1.081, 1.081, 1.081, 1, 10));
        assertThat(bars.get(2)).isEqualTo(new Bar("EURUSD", Timeframe.M5, t("2024-03-01T10:00:00Z"),
                1.08000, 1.08100, 1.07950, 1.08100, 5, 10));
        agg.flush();
        assertThat(bars).hasSize(5);
        assertThat(bars.subList(3, 5)).extracting(Bar::timeframe).containsExactlyInAnyOrder(Timeframe.M1, Timeframe.M5);
        assertThatThrownBy(() -> agg.onTick(tick("2024-03-01T10:04:00Z", 1.1, 1.2)))
                .hasMessageContaining("earlier than the previous tick");
    }

    @Test
    void aggregatingTheOandaTicksReproducesTheOandaM1BarsExactly() {
        for (String[] pair : new String[][]{{SharedData.EURUSD_TICKS, SharedData.EURUSD_M1},
                {SharedData.NZDUSD_TICKS, SharedData.NZDUSD_M1}}) {
            List<Bar> built = new ArrayList<>();
            BarAggregator agg = new BarAggregator(new Timeframe[]{Timeframe.M1}, s -> 0.00001, built::add);
            try (Mt5TickReader r = MarketFiles.openTicks(SharedData.file(pair[0]), null)) {
                Tick tk;
                while ((tk = r.next()) != null) agg.onTick(tk);
            }
            agg.flush();
            List<Bar> expected = new ArrayList<>();
            try (BarSource b = MarketFiles.openBars(SharedData.file(pair[1]), null, Timeframe.M1)) {
                Bar bar;
                while ((bar = b.next()) != null) expected.add(bar);
            }
            assertThat(built).hasSameSizeAs(expected);
            long ticks = 0;
            for (int i = 0; i < built.size(); i++) {
                Bar a = built.get(i), e = expected.get(i);
                assertThat(a.openTimeMs()).as("bar %d time", i).isEqualTo(e.openTimeMs());
                assertThat(new double[]{a.open(), a.high(), a.low(), a.close()}).as("bar %d at %s", i,
                        Instant.ofEpochMilli(a.openTimeMs())).containsExactly(e.open(), e.high(), e.low(), e.close());
                ticks += a.tickVolume();
            }
            assertThat(ticks).isEqualTo(pair[0].startsWith("ticks/EURUSD") ? 532_903 : 457_699);
        }
    }
}
