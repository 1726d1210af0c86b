package io.vprop.analytics;

import io.vprop.governors.time.FirmDayClock;
import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vprop.analytics.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandlesTest {
    private static final FirmDayClock TOPSTEP = FirmDayClock.of("America/Chicago", "17:00");

    private static Bar m1(String iso, double o, double h, double l, double c) {
        return new Bar("EURUSD", Timeframe.M1, t(iso), o, h, l, c, 10, 1);
    }

    @Test
    void m1BarsMakeM5CandlesOnFiveMinuteBoundaries() {
        List<Bar> bars = List.of(m1("2026-03-10T08:03:00Z", 1.10, 1.12, 1.09, 1.11), m1("2026-03-10T08:04:00Z", 1.11, 1.13, 1.10, 1.12),
                m1("2026-03-10T08:05:00Z", 1.12, 1.12, 1.05, 1.06), m1("2026-03-10T08:09:00Z", 1.06, 1.07, 1.04, 1.07));
        List<Candles.Candle> c = Candles.aggregate(bars, Timeframe.M5, TOPSTEP);
        assertThat(c).containsExactly(new Candles.Candle(t("2026-03-10T08:00:00Z"), 1.10, 1.13, 1.09, 1.12, 20, 2),
                new Candles.Candle(t("2026-03-10T08:05:00Z"), 1.12, 1.12, 1.04, 1.07, 20, 2));
    }

    @Test
    void aDailyCandleIsAFirmDayOpeningAtTheReset() {
        // 16:59 CST and 17:00 CST on Friday 6 March: two firm days
        List<Bar> bars = new ArrayList<>(List.of(m1("2026-03-06T22:59:00Z", 1.0, 1.1, 0.9, 1.05), m1("2026-03-06T23:00:00Z", 1.05, 1.2, 1.0, 1.1),
                m1("2026-03-07T12:00:00Z", 1.1, 1.15, 1.08, 1.12)));
        List<Candles.Candle> c = Candles.aggregate(bars, Timeframe.D1, TOPSTEP);
        assertThat(c).extracting(Candles.Candle::tMs).containsExactly(t("2026-03-05T23:00:00Z"), t("2026-03-06T23:00:00Z"));
        assertThat(c.get(1).open()).isEqualTo(1.05);
        assertThat(c.get(1).close()).isEqualTo(1.12);
        assertThat(c.get(1).high()).isEqualTo(1.2);
        assertThat(c.get(1).bars()).isEqualTo(2);
    }

    @Test
    void theSourceIsTheFinestStoredTimeframeThatDividesTheTarget() {
        assertThat(Candles.source(List.of(Timeframe.H1, Timeframe.M1, Timeframe.M5), Timeframe.M15)).isEqualTo(Timeframe.M1);
        assertThat(Candles.source(List.of(Timeframe.M15), Timeframe.M5)).as("coarser than the target").isNull();
        assertThat(Candles.source(List.of(Timeframe.H4), Timeframe.D1)).as("a firm day need not start on 4-hour bounds").isNull();
        assertThat(Candles.source(List.of(Timeframe.H1, Timeframe.D1), Timeframe.D1)).isEqualTo(Timeframe.H1);
        assertThat(Candles.source(List.of(), Timeframe.M15)).isNull();
    }

    @Test
    void barsOutOfOrderOrOfAnotherSymbolAreNamed() {
        Bar a = m1("2026-03-10T08:03:00Z", 1, 1, 1, 1);
        assertThatThrownBy(() -> Candles.aggregate(List.of(a, a), Timeframe.M5, TOPSTEP)).hasMessageContaining("is not after");
        Bar other = new Bar("GBPUSD", Timeframe.M1, t("2026-03-10T08:04:00Z"), 1, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> Candles.aggregate(List.of(a, other), Timeframe.M5, TOPSTEP)).hasMessageContaining("GBPUSD, not EURUSD");
        assertThat(Candles.aggregate(List.of(), Timeframe.M5, TOPSTEP)).isEmpty();
    }
}
