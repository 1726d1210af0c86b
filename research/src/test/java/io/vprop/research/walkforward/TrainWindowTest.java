package io.vprop.research.walkforward;

import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.EquityPoint;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vprop.research.walkforward.FoldPlanTest.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainWindowTest {
    static final long DAY = 86_400_000L;

    static BacktestTrade trade(long open, long close, double pnl) {
        return new BacktestTrade(1, "EURUSD", Side.BUY, 1, open, close, 1, 1, pnl, 0, 0, 100, 0, "a", "", "", "H4", "x");
    }

    @Test
    void purgesTradesOpenAtTheTestStartEmbargoesThoseInTheGapAndCutsTheDailyWindow() {
        long trainFrom = ms("2020-01-06"), testFrom = ms("2020-03-02"), testTo = ms("2020-04-06");
        Fold fold = new Fold(0, trainFrom, testFrom, testTo, Duration.ofDays(7).toMillis());
        BacktestTrade kept1 = trade(ms("2020-01-07"), ms("2020-01-09"), 100);
        BacktestTrade kept2 = trade(ms("2020-02-10"), ms("2020-02-12"), -50);
        BacktestTrade embargoed = trade(ms("2020-02-20"), ms("2020-02-26"), 500);   // closes in [testFrom − 7 d, testFrom)
        BacktestTrade purged = trade(ms("2020-02-27"), ms("2020-03-05"), 900);      // still open at testFrom
        List<EquityPoint> equity = new ArrayList<>();
        equity.add(new EquityPoint(trainFrom, 10_000, 10_000));
        equity.add(new EquityPoint(kept1.closeMs(), 10_100, 10_100));
        equity.add(new EquityPoint(kept2.closeMs(), 10_050, 10_050));
        equity.add(new EquityPoint(ms("2020-02-24"), 10_050, 10_400));             // the embargoed trade floating
        equity.add(new EquityPoint(embargoed.closeMs(), 10_550, 10_550));
        equity.add(new EquityPoint(purged.closeMs(), 11_450, 11_450));
        BacktestResult run = new BacktestResult(List.of(kept1, kept2, embargoed, purged), equity, List.of(), 10_000, "USD",
                trainFrom, purged.closeMs(), 0, Map.of());

        TrainOutcome o = TrainWindow.evaluate(run, fold, Objective.PNL, 10_000);
        assertThat(o.trades()).isEqualTo(2);
        assertThat(o.purged()).isEqualTo(1);
        assertThat(o.embargoed()).isEqualTo(1);
        assertThat(o.pnlUsd()).isEqualTo(50);
        assertThat(o.objective()).isEqualTo(50);
        // days stop at the embargoed trade's entry (Thu 2020-02-20): Mon 2020-01-06 .. Wed 2020-02-19 = 33 weekdays
        assertThat(o.days()).isEqualTo(33);
    }

    @Test
    void aRunnerTradingOutsideTheTrainingWindowIsAnError() {
        long trainFrom = ms("2020-01-06"), testFrom = ms("2020-03-02");
        Fold fold = new Fold(0, trainFrom, testFrom, ms("2020-04-06"), 0);
        BacktestResult run = new BacktestResult(List.of(trade(testFrom + DAY, testFrom + 2 * DAY, 1)), List.of(), List.of(),
                10_000, "USD", trainFrom, testFrom, 0, Map.of());
        assertThatThrownBy(() -> TrainWindow.evaluate(run, fold, Objective.SHARPE, 10_000))
                .hasMessageContaining("outside [train start, test start)");
    }
}
