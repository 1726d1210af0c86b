package io.vprop.research.testrunner;

import io.vprop.market.Timeframe;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.testing.SharedData;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SmaCrossTestRunnerTest {
    static final SmaCrossTestRunner RUNNER = new SmaCrossTestRunner(SharedData.dir().resolve("bars/h4_d1"), Timeframe.H4,
            SmaCrossTestRunner.Config.defaults());

    static long ms(String d) {
        return LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    static WorkUnit unit(String symbol, String params, long endMs) {
        return new WorkUnit(WorkUnit.Phase.TEST, symbol, 0, ParamGrid.parse(params).points().get(0), ms("2015-11-01"),
                ms("2016-01-01"), ms("2017-01-01"), endMs, 100_000);
    }

    @Test
    void usdQuotedTradesAddUpFromTheirPricesSpreadAndCommission() {
        BacktestResult r = RUNNER.run(unit("EURUSD", "fast=10,slow=60", ms("2017-01-01")));
        assertThat(r.trades()).hasSizeGreaterThan(10);
        double spread = 15 * 0.00001;
        for (BacktestTrade t : r.trades()) {
            int dir = t.side() == Side.BUY ? 1 : -1;
            assertThat(t.commission()).isCloseTo(-2 * 3.5 * t.lots(), within(1e-9));
            assertThat(t.pnl()).isCloseTo((t.exitPrice() - t.entryPrice()) * dir * t.lots() * 100_000 + t.commission(),
                    within(1e-6));
            assertThat(t.riskMoney()).isPositive().isLessThanOrEqualTo(0.005 * 200_000);
            assertThat(t.openMs()).isGreaterThanOrEqualTo(ms("2016-01-01")).isLessThan(ms("2017-01-01"));
            assertThat(t.closeMs()).isLessThanOrEqualTo(ms("2017-01-01"));
            assertThat(t.alpha()).isEqualTo("test_sma_cross");
            assertThat(t.timeframe()).isEqualTo("H4");
            if (t.exitReason().equals("sl")) assertThat(t.r()).isLessThan(0);
        }
        // entries at the next bar's open: the ask (bid + spread) for a buy, the bid for a sell
        BarSeries bars = new BarLibrary(SharedData.dir().resolve("bars/h4_d1"), Timeframe.H4).series("EURUSD");
        for (BacktestTrade t : r.trades()) {
            double open = bars.open[bars.firstAtOrAfter(t.openMs())];
            assertThat(bars.openMs[bars.firstAtOrAfter(t.openMs())]).isEqualTo(t.openMs());
            assertThat(t.entryPrice()).isCloseTo(t.side() == Side.BUY ? open + spread : open, within(1e-12));
        }
        double sum = r.trades().stream().mapToDouble(BacktestTrade::pnl).sum();
        assertThat(r.equity().get(r.equity().size() - 1).balance()).isCloseTo(100_000 + sum, within(1e-6));
    }

    @Test
    void sameUnitSameResultAndCrossPairsConvertToUsd() {
        WorkUnit u = unit("EURAUD", "fast=20,slow=100", ms("2017-01-01"));
        assertThat(RUNNER.run(u)).isEqualTo(RUNNER.run(u));
        BacktestResult jpy = RUNNER.run(unit("USDJPY", "fast=20,slow=100", ms("2017-01-01")));
        // 0.5 % risk of ~100k at the stop, whatever the quote currency: a few hundred USD, not yen
        assertThat(jpy.trades()).allSatisfy(t -> assertThat(t.riskMoney()).isBetween(100.0, 700.0));
        assertThat(RUNNER.notionalUsd(jpy.trades().get(0))).isEqualTo(jpy.trades().get(0).lots() * 100_000);
    }

    @Test
    void aTrainingUnitLetsItsLastTradeRunPastTheEntryWindow() {
        WorkUnit u = new WorkUnit(WorkUnit.Phase.TRAIN, "GBPUSD", 0, ParamGrid.parse("fast=5,slow=60").points().get(0),
                ms("2015-11-01"), ms("2016-01-01"), ms("2016-06-01"), ms("2016-09-01"), 100_000);
        BacktestResult r = RUNNER.run(u);
        BacktestTrade last = r.trades().get(r.trades().size() - 1);
        assertThat(last.openMs()).isLessThan(ms("2016-06-01"));
        assertThat(r.trades()).allSatisfy(t -> assertThat(t.openMs()).isLessThan(ms("2016-06-01")));
        assertThat(r.trades()).anySatisfy(t -> assertThat(t.closeMs()).isGreaterThanOrEqualTo(ms("2016-05-20")));
    }

    @Test
    void missingParametersAndSymbolsAreNamed() {
        assertThatThrownBy(() -> RUNNER.run(unit("EURUSD", "fast=10", ms("2017-01-01")))).hasMessageContaining("'slow'");
        assertThatThrownBy(() -> RUNNER.run(unit("AUDNZD", "fast=10,slow=20", ms("2017-01-01"))))
                .hasMessageContaining("no H4 bar file for AUDNZD");
    }
}
