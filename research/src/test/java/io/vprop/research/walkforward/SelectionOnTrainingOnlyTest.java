package io.vprop.research.walkforward;

import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.EquityPoint;
import io.vprop.research.stats.DailySeries;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner built so that the best parameter on every training window (x = 2) is not the best on the test windows
 * (x = 3): the walk-forward must trade x = 2, and report what x = 2 did on the test windows.
 */
class SelectionOnTrainingOnlyTest {
    static final double[] TRAIN_DRIFT = {0, 1, 3, 2}, TEST_DRIFT = {0, 1, 2, 5};

    static final class RiggedRunner implements UnitRunner {
        @Override
        public BacktestResult run(WorkUnit u) {
            int x = u.params().getInt("x");
            double drift = (u.phase() == WorkUnit.Phase.TRAIN ? TRAIN_DRIFT : TEST_DRIFT)[x];
            List<EquityPoint> eq = new ArrayList<>();
            double e = u.initialBalance();
            int i = 0;
            long lastDay = (u.toMs() - 1) / DailySeries.DAY_MS;
            for (long d = u.fromMs() / DailySeries.DAY_MS; d <= lastDay; d++) {
                if (!DailySeries.isWeekday(d)) continue;
                e += drift + (i++ % 2 == 0 ? 4 : -4);
                eq.add(new EquityPoint((d + 1) * DailySeries.DAY_MS - 1, e, e));
            }
            BacktestTrade t = new BacktestTrade(1, u.symbol(), Side.BUY, 0.1, u.fromMs(), u.fromMs() + 3_600_000L, 1, 1,
                    e - u.initialBalance(), 0, 0, 10, 0, "rigged", "", "", "D1", "close");
            return new BacktestResult(List.of(t), eq, List.of(), u.initialBalance(), "USD", u.fromMs(), u.toMs(), 0, Map.of());
        }

        @Override public String description() { return "rigged runner for a test"; }

        @Override public String fingerprint() { return "rigged-v1"; }
    }

    @Test
    void parametersAreChosenOnTrainingWindowsAndReportedOnTestWindows() {
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ROLLING, LocalDate.parse("2019-01-07"), LocalDate.parse("2019-12-31"),
                Period.ofMonths(3), Period.ofMonths(2), Duration.ofDays(2));
        WalkForwardSpec spec = new WalkForwardSpec(List.of("AAA", "BBB"), plan, ParamGrid.parse("x=1..3"),
                Objective.SHARPE, Period.ofDays(10), 10_000, 7, "test");
        WalkForwardResult r = WalkForward.run(spec, new RiggedRunner(), SweepOptions.quiet().withThreads(2));

        assertThat(r.folds()).hasSize(4);
        assertThat(r.folds()).flatExtracting(FoldResult::selections)
                .allSatisfy(s -> assertThat(s.params().key()).isEqualTo("x=2"));
        // every trial counted: 4 folds × 2 symbols × 3 points, + 7 earlier
        assertThat(r.trials().count()).isEqualTo(4 * 2 * 3 + 7);
        assertThat(r.folds().get(0).trials().count()).isEqualTo(2 * 3 + 7);
        // x = 2 on a test window of n weekdays makes 2 USD a day, plus 4 when n is odd (the alternating ±4)
        double expected = 0;
        for (FoldResult f : r.folds()) {
            int n = 0;
            for (long d = f.fold().testFromMs() / DailySeries.DAY_MS; d < f.fold().testToMs() / DailySeries.DAY_MS; d++) {
                if (DailySeries.isWeekday(d)) n++;
            }
            expected += 2 * (2.0 * n + (n % 2 == 1 ? 4 : 0));
        }
        assertThat(r.overall().endEquityUsd() - 20_000).isEqualTo(expected);
        assertThat(r.overall().trade().pnlUsd()).isEqualTo(expected);
        assertThat(r.run().trainUnits()).isEqualTo(24);
        assertThat(r.run().testUnits()).isEqualTo(8);
    }
}
