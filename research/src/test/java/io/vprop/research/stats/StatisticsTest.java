package io.vprop.research.stats;

import io.vprop.research.BacktestTrade;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vprop.research.stats.DailySeriesTest.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatisticsTest {
    static BacktestTrade trade(long open, long close, double pnl, double risk, double lots) {
        return new BacktestTrade(1, "EURUSD", Side.BUY, lots, open, close, 1.1, 1.1, pnl, -7 * lots, 0, risk, 0,
                "a", "", "london", "H4", "sl");
    }

    @Test
    void perDayStatisticsFollowTheDocumentedFormulas() {
        // Mon..Thu of one week: equity 1010, 1000, 1020, 1015 on a start of 1000
        int mon = day("2023-09-11");
        DailySeries s = new DailySeries(new int[]{mon, mon + 1, mon + 2, mon + 3}, new double[]{1010, 1000, 1020, 1015}, 1000);
        long from = mon * DailySeries.DAY_MS, to = (mon + 4) * DailySeries.DAY_MS;
        Stats st = Statistics.of(List.of(), s, from, to, Trials.single(), t -> Double.NaN);

        double[] r = {1010 / 1000.0 - 1, 1000 / 1010.0 - 1, 1020 / 1000.0 - 1, 1015 / 1020.0 - 1};
        double mean = (r[0] + r[1] + r[2] + r[3]) / 4;
        double var = 0, down = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
            down += Math.min(x, 0) * Math.min(x, 0);
        }
        double sd = Math.sqrt(var / 3);
        assertThat(st.sharpeDaily()).isCloseTo(mean / sd, within(1e-12));
        assertThat(st.sharpeAnnual()).isCloseTo(mean / sd * Math.sqrt(260), within(1e-12));
        assertThat(st.sortinoAnnual()).isCloseTo(mean / Math.sqrt(down / 4) * Math.sqrt(260), within(1e-12));
        assertThat(st.returnPct()).isCloseTo(1.5, within(1e-12));
        assertThat(st.maxDdUsd()).isEqualTo(10);
        assertThat(st.maxDdPct()).isCloseTo(10 / 1010.0 * 100, within(1e-12));
        // under water Mon (peak 1010) → Wed (1020): 2 days; Wed → still under at Thu: 1 day
        assertThat(st.longestUnderwaterDays()).isEqualTo(2);
        assertThat(st.totalUnderwaterDays()).isEqualTo(3);
        assertThat(st.days()).isEqualTo(4);
        // one trial: DSR is the PSR against 0
        assertThat(st.dsr()).isEqualTo(st.psr());
    }

    @Test
    void exposureIsTheUnionOfPositionTimeAndTurnoverCountsBothSides() {
        int mon = day("2023-09-11");
        long from = mon * DailySeries.DAY_MS, h = 3_600_000L;
        List<BacktestTrade> trades = List.of(trade(from, from + 10 * h, 5, 10, 0.5),
                trade(from + 5 * h, from + 20 * h, -10, 10, 1.0),
                trade(from + 30 * h, from + 40 * h, 20, 0, 0.25),          // no stop: no R
                trade(from + 90 * h, from + 200 * h, 1, 10, 0.25));      // runs past the window end (96 h)
        DailySeries s = new DailySeries(new int[]{mon, mon + 1, mon + 2, mon + 3}, new double[]{1005, 995, 1015, 1016}, 1000);
        Stats st = Statistics.of(trades, s, from, from + 96 * h, Trials.single(), t -> t.lots() * 100_000);
        assertThat(st.exposurePct()).isCloseTo((20 + 10 + 6) / 96.0 * 100, within(1e-9));
        assertThat(st.avgOpenPositions()).isCloseTo((10 + 15 + 10 + 6) / 96.0, within(1e-9));
        assertThat(st.turnoverLotsPerDay()).isCloseTo(2 * (0.5 + 1 + 0.25 + 0.25) / 4, within(1e-12));
        assertThat(st.turnoverNotionalUsdPerDay()).isCloseTo(2 * 2.0 * 100_000 / 4, within(1e-6));
        TradeStats t = st.trade();
        assertThat(t.trades()).isEqualTo(4);
        assertThat(t.winRatePct()).isEqualTo(75);
        assertThat(t.tradesWithR()).isEqualTo(3);
        assertThat(t.expectancyR()).isCloseTo((0.5 - 1 + 0.1) / 3, within(1e-12));
        assertThat(t.expectancyUsd()).isEqualTo(4);
        assertThat(t.profitFactor()).isCloseTo(26 / 10.0, within(1e-12));
        // notional not derivable for one trade: no notional turnover at all
        Stats partial = Statistics.of(trades, s, from, from + 96 * h, Trials.single(),
                x -> x.riskMoney() == 0 ? Double.NaN : 1);
        assertThat(partial.turnoverNotionalUsdPerDay()).isNaN();
    }

    @Test
    void deflatedSharpeUsesTheTrialsAndFallsBelowThePsr() {
        int mon = day("2023-09-11");
        int n = 300;
        int[] days = new int[n];
        double[] eq = new double[n];
        double e = 1000;
        for (int i = 0, d = mon; i < n; d++) {
            if (!DailySeries.isWeekday(d)) continue;
            e *= 1 + (i % 3 == 0 ? -0.004 : 0.003);
            days[i] = d;
            eq[i++] = e;
        }
        DailySeries s = new DailySeries(days, eq, 1000);
        long from = mon * DailySeries.DAY_MS, to = (days[n - 1] + 1L) * DailySeries.DAY_MS;
        Trials trials = Trials.of(new double[]{0.01, 0.05, -0.02, 0.03, 0.08}, 0);
        Stats st = Statistics.of(List.of(), s, from, to, trials, t -> Double.NaN);
        assertThat(st.trials()).isEqualTo(5);
        assertThat(st.expectedMaxSharpeDaily())
                .isCloseTo(SharpeInference.expectedMaxSharpe(5, trials.sharpeVariance()), within(1e-15));
        assertThat(st.dsr()).isEqualTo(SharpeInference.probabilistic(st.sharpeDaily(), st.expectedMaxSharpeDaily(),
                n, st.skewness(), st.kurtosis()));
        assertThat(st.dsr()).isLessThan(st.psr());
    }
}
