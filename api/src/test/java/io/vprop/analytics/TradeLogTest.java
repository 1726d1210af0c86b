package io.vprop.analytics;

import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vprop.analytics.Fixtures.in;
import static io.vprop.analytics.Fixtures.out;
import static io.vprop.analytics.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TradeLogTest {
    private final Map<String, SignalInfo> signals = Map.of(
            "s1", new SignalInfo("s1", "ema", "trend", 0.7, "EMA crossed up"),
            "s2", new SignalInfo("s2", "meanrev", "range", 0.6, "z-score -2"));

    @Test
    void partialClosesMakeOneRoundTrip() {
        List<PeerFill> fills = List.of(
                in(1, 10, "EURUSD", Side.BUY, 1.1000, 2.0, -7, "2026-03-10T08:00:00Z", "s1"),
                out(2, 10, "EURUSD", Side.SELL, 1.1010, 1.0, 100, "2026-03-10T09:00:00Z", "tp1"),
                out(3, 10, "EURUSD", Side.SELL, 1.1020, 1.0, 200, "2026-03-10T10:00:00Z", "tp2"),
                in(4, 11, "GBPUSD", Side.SELL, 1.2500, 1.0, -3.5, "2026-03-10T14:00:00Z", "s2"));
        List<Trade> ts = TradeLog.build(fills, signals);
        assertThat(ts).hasSize(2);
        Trade a = ts.get(0);
        assertThat(a.closed()).isTrue();
        assertThat(a.exitPrice()).isCloseTo(1.1015, within(1e-12)); // (1.1010 + 1.1020) / 2, equal volumes
        assertThat(a.net()).isEqualTo(293.0);                         // 100 + 200 - 7
        assertThat(a.alpha()).isEqualTo("ema");
        assertThat(a.regime()).isEqualTo("trend");
        assertThat(a.reason()).isEqualTo("EMA crossed up");
        assertThat(a.exitReason()).isEqualTo("tp2");
        assertThat(a.session()).isEqualTo(TradingSession.LONDON);
        assertThat(a.closeMs()).isEqualTo(t("2026-03-10T10:00:00Z"));
        assertThat(a.deals()).isEqualTo(3);
        Trade b = ts.get(1);
        assertThat(b.closed()).isFalse();
        assertThat(b.exitPrice()).isNull();
        assertThat(b.session()).isEqualTo(TradingSession.NEW_YORK);
        assertThat(TradeLog.closed(ts)).containsExactly(a);
    }

    @Test
    void anOutWithoutItsInIsNotATrade() {
        assertThat(TradeLog.build(List.of(out(9, 99, "EURUSD", Side.SELL, 1.1, 1, 5, "2026-03-10T09:00:00Z", "sl")), signals)).isEmpty();
    }

    @Test
    void unknownSignalGivesEmptyLabels() {
        Trade t = TradeLog.build(List.of(in(1, 1, "EURUSD", Side.BUY, 1.1, 1, 0, "2026-03-10T23:30:00Z", "nope")), signals).get(0);
        assertThat(t.alpha()).isEmpty();
        assertThat(t.key("alpha")).isEqualTo("(none)");
        assertThat(t.session()).isEqualTo(TradingSession.ASIA);
    }

    @Test
    void sessionsByUtcHour() {
        assertThat(TradingSession.of(t("2026-03-10T06:59:59Z"))).isEqualTo(TradingSession.ASIA);
        assertThat(TradingSession.of(t("2026-03-10T07:00:00Z"))).isEqualTo(TradingSession.LONDON);
        assertThat(TradingSession.of(t("2026-03-10T12:59:59Z"))).isEqualTo(TradingSession.LONDON);
        assertThat(TradingSession.of(t("2026-03-10T13:00:00Z"))).isEqualTo(TradingSession.NEW_YORK);
        assertThat(TradingSession.of(t("2026-03-10T21:59:59Z"))).isEqualTo(TradingSession.NEW_YORK);
        assertThat(TradingSession.of(t("2026-03-10T22:00:00Z"))).isEqualTo(TradingSession.ASIA);
    }

    @Test
    void badDealsAreNamed() {
        // a bad fills row (side, entry, price, volume) is named by the journal that reads it: JournalFillTest
        assertThatThrownBy(() -> new PeerFill(" ", new Fill(11, 0, 1, "", "EURUSD", Side.BUY, FillEntry.IN, 1, 1, 0, 0, 0, 0, "")))
                .hasMessageContaining("fill 11: peer is missing");
        assertThatThrownBy(() -> new Trade("p1", 1, "X", Side.BUY, "", "", "", "", "", TradingSession.ASIA, 0, 0, 1, null, 1, 0,
                0, 0, 0, 0, 1, false).key("weekday")).hasMessageContaining("weekday");
    }
}
