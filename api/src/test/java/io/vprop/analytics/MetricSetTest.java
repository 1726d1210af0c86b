package io.vprop.analytics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vprop.analytics.Fixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricSetTest {
    private final List<Trade> trades = List.of(
            trade(1, "ema", "EURUSD", 100, "2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z"),
            trade(2, "ema", "GBPUSD", -50, "2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z"),
            trade(3, "meanrev", "EURUSD", 200, "2026-03-10T23:00:00Z", "2026-03-11T01:00:00Z"));

    @Test
    void overallFromAStartingBalance() {
        MetricSet m = MetricSet.of(trades, 10_000);
        // curve 10000 → 10100 → 10050 → 10250; returns 0.01, -50/10100, 200/10050
        double[] r = {0.01, -50.0 / 10_100, 200.0 / 10_050};
        assertThat(m.trades()).isEqualTo(3);
        assertThat(m.net()).isEqualTo(250.0);
        assertThat(m.winRate()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.profitFactor()).isEqualTo(6.0);           // 300 / 50
        assertThat(m.expectancy()).isCloseTo(250.0 / 3, within(1e-12));
        assertThat(m.avgWin()).isEqualTo(150.0);
        assertThat(m.avgLoss()).isEqualTo(50.0);
        assertThat(m.maxDrawdown()).isEqualTo(50.0);
        assertThat(m.maxDrawdownPct()).isCloseTo(50.0 / 10_100, within(1e-15));
        assertThat(m.sharpe()).isCloseTo(Metrics.mean(r) / Metrics.stdev(r), within(1e-12));
        // downside: only -50/10100; sqrt((50/10100)² / 3)
        assertThat(m.sortino()).isCloseTo(Metrics.mean(r) / Math.sqrt(Math.pow(50.0 / 10_100, 2) / 3), within(1e-12));
        assertThat(m.calmar()).isCloseTo((10_250.0 / 10_000 - 1) / (50.0 / 10_100), within(1e-12));
        assertThat(m.var95()).isEqualTo(50.0);                  // k = ceil(0.15) = 1: the worst trade
        assertThat(m.es95()).isEqualTo(50.0);
    }

    @Test
    void withoutABalanceReturnRatiosAreUndefinedNotInvented() {
        MetricSet m = MetricSet.of(trades, Double.NaN);
        assertThat(m.sharpe()).isNull();
        assertThat(m.sortino()).isNull();
        assertThat(m.calmar()).isNull();
        assertThat(m.maxDrawdownPct()).isNull();
        assertThat(m.maxDrawdown()).isEqualTo(50.0); // money drawdown needs no balance
        assertThat(m.winRate()).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void breakdownsByAlphaSymbolAndSession() {
        Map<String, MetricSet> byAlpha = MetricSet.by("alpha", trades, 10_000);
        assertThat(byAlpha).containsOnlyKeys("ema", "meanrev");
        assertThat(byAlpha.get("ema").net()).isEqualTo(50.0);
        assertThat(byAlpha.get("ema").profitFactor()).isEqualTo(2.0);
        assertThat(byAlpha.get("meanrev").profitFactor()).isNull(); // no loss: undefined
        assertThat(MetricSet.by("symbol", trades, 10_000).get("EURUSD").trades()).isEqualTo(2);
        Map<String, MetricSet> bySession = MetricSet.by("session", trades, 10_000);
        assertThat(bySession).containsOnlyKeys("London", "New York", "Asia");
        assertThat(bySession.get("Asia").net()).isEqualTo(200.0);
    }

    @Test
    void emptySample() {
        MetricSet m = MetricSet.of(List.of(), 10_000);
        assertThat(m.trades()).isZero();
        assertThat(m.winRate()).isNull();
        assertThat(m.var95()).isNull();
        assertThat(m.maxDrawdown()).isZero();
    }
}
