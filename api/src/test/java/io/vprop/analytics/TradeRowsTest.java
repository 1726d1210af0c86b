package io.vprop.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vprop.analytics.Fixtures.in;
import static io.vprop.analytics.Fixtures.out;
import static io.vprop.analytics.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TradeRowsTest {
    // EURUSD: 100 000 units a lot, so a 1.0 price move is worth 100 000 USD per lot
    private final Map<String, SignalInfo> signals = Map.of(
            "s1", new SignalInfo("s1", "ema", "trend", 0.7, "EMA crossed up", 1.0980),
            "s2", new SignalInfo("s2", "ema", "trend", 0.7, "EMA crossed down", 1.1050),
            "s3", new SignalInfo("s3", "ema", "trend", 0.7, "EMA crossed up", 1.0950),
            "s4", new SignalInfo("s4", "breakout", "", 0.5, "no stop", 0));

    private List<TradeRow> rows(Map<String, TradeRows.OpenMark> open) {
        List<PeerFill> fills = List.of(
                // 30 pips on 1 lot: +300, commission -7: net 293; risk 20 pips = 200
                in(1, 10, "EURUSD", Side.BUY, 1.1000, 1.0, -7, "2026-03-10T08:00:00Z", "s1"),
                out(2, 10, "EURUSD", Side.SELL, 1.1030, 1.0, 300, "2026-03-10T09:30:00Z", "tp"),
                // a sell stopped out: -25 pips on 0.5 lot = -125, commission -3.5: net -128.5; risk 25 pips × 0.5 = 125
                in(3, 11, "EURUSD", Side.SELL, 1.1025, 0.5, -3.5, "2026-03-10T10:00:00Z", "s2"),
                out(4, 11, "EURUSD", Side.BUY, 1.1050, 0.5, -125, "2026-03-10T10:45:00Z", "sl"),
                // open: 2 lots, stop 50 pips away = 1000 at the symbol's value; floating +150, swap -2
                in(5, 12, "EURUSD", Side.BUY, 1.1000, 2.0, -14, "2026-03-10T11:00:00Z", "s3"),
                // open, no stop on its signal; and one a human opened (no VProp signal)
                in(6, 13, "EURUSD", Side.BUY, 1.1000, 1.0, -7, "2026-03-10T11:30:00Z", "s4"),
                in(7, 14, "GBPUSD", Side.BUY, 1.2700, 1.0, -7, "2026-03-10T11:40:00Z", ""));
        return TradeRows.of(TradeLog.build(fills, signals), signals, open, Map.of("p1", 10_000.0), Map.of("p1", "USD"));
    }

    @Test
    void closedTradesCarryMoneyPercentOfTheBalanceBeforeThemRAndDuration() {
        List<TradeRow> r = rows(Map.of());
        TradeRow win = r.get(0), loss = r.get(1);
        assertThat(win.currency()).isEqualTo("USD");
        assertThat(win.totalNet()).isEqualTo(293.0);
        assertThat(win.stop()).isEqualTo(1.0980);
        assertThat(win.riskMoney()).isCloseTo(200, within(1e-6));
        assertThat(win.rMultiple()).isCloseTo(293 / 200.0, within(1e-9));
        assertThat(win.returnPct()).isCloseTo(2.93, within(1e-9));                 // of 10 000
        assertThat(win.durationMs()).isEqualTo(90 * 60_000L);
        assertThat(win.unrealized()).isNull();
        assertThat(loss.riskMoney()).isCloseTo(125, within(1e-6));
        assertThat(loss.rMultiple()).isCloseTo(-128.5 / 125, within(1e-9));        // a full stop-out plus costs: a bit over -1 R
        assertThat(loss.returnPct()).isCloseTo(-128.5 / 10_293 * 100, within(1e-9)); // of the balance after the win
        assertThat(loss.durationMs()).isEqualTo(45 * 60_000L);
    }

    @Test
    void openTradesAddTheSnapshotsFloatingResultToTheirCommission() {
        long mark = t("2026-03-10T12:00:00Z");
        List<TradeRow> r = rows(Map.of(TradeRows.key("p1", 12), new TradeRows.OpenMark(150, -2, mark),
                TradeRows.key("p1", 13), new TradeRows.OpenMark(-40, 0, mark)));
        TradeRow open = r.get(2);
        assertThat(open.trade().closed()).isFalse();
        assertThat(open.trade().net()).as("the deals alone: the entry commission").isEqualTo(-14.0);
        assertThat(open.unrealized()).isEqualTo(148.0);
        assertThat(open.totalNet()).isEqualTo(134.0);
        assertThat(open.markMs()).isEqualTo(mark);
        assertThat(open.durationMs()).isEqualTo(60 * 60_000L);
        // risk valued by the newest closed EURUSD trade: 0.0050 × 2 lots × 100 000
        assertThat(open.riskMoney()).isCloseTo(1_000, within(1e-6));
        assertThat(open.rMultiple()).isCloseTo(0.134, within(1e-9));
        assertThat(open.returnPct()).as("of the balance now: 10 000 + 293 - 128.5").isCloseTo(134 / 10_164.5 * 100, within(1e-9));
        assertThat(r.get(3).rMultiple()).isNull();
        assertThat(r.get(3).rNote()).isEqualTo("the signal had no stop");
        assertThat(r.get(3).totalNet()).isEqualTo(-47.0);
        assertThat(r.get(4).rNote()).contains("not opened by a VProp signal");
        assertThat(r.get(4).totalNet()).as("no snapshot has the position yet").isNull();
        assertThat(r.get(4).returnPct()).isNull();
        assertThat(r.get(4).durationMs()).isNull();
    }

    @Test
    void anOpenTradeOfASymbolWithoutClosedTradesHasNoRYetAndSaysWhy() {
        List<PeerFill> fills = List.of(in(1, 20, "USDJPY", Side.BUY, 150.0, 1.0, -7, "2026-03-10T08:00:00Z", "s3"));
        TradeRow r = TradeRows.of(TradeLog.build(fills, signals), signals, Map.of(), Map.of(), Map.of()).get(0);
        assertThat(r.rMultiple()).isNull();
        assertThat(r.rNote()).isEqualTo("no closed USDJPY trade yet to value a price move");
        assertThat(r.currency()).as("no hello from the terminal yet").isEmpty();
        assertThat(r.returnPct()).as("no start balance").isNull();
    }

    @Test
    void jsonHasEveryTradeFieldUnwrappedNextToTheRowsOwn() {
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        JsonNode n = json.valueToTree(rows(Map.of()).get(0));
        assertThat(n.path("position").asLong()).isEqualTo(10);
        assertThat(n.path("side").asText()).isEqualTo("buy");
        assertThat(n.path("net").asDouble()).isEqualTo(293.0);
        assertThat(n.path("r_multiple").asDouble()).isCloseTo(1.465, within(1e-9));
        assertThat(n.path("currency").asText()).isEqualTo("USD");
        assertThat(n.has("trade")).isFalse();
        assertThat(n.has("duration_ms")).isTrue();
    }
}
