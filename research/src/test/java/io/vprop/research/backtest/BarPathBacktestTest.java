package io.vprop.research.backtest;

import io.vprop.market.Bar;
import io.vprop.market.Tick;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vprop.research.backtest.Script.DAY;
import static io.vprop.research.backtest.Script.h1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Backtests on H1 bars, checked by hand. The bars carry no spread, so quotes get the spread model's 10 points. The
 * strategy buys 1.0 lot at the close of the first bar (bid 1.10000, ask 1.10010): 1 point = 1 USD.
 */
class BarPathBacktestTest {
    private static final Bar FIRST = h1(0, 1.10000, 1.10050, 1.09950, 1.10000);
    private static final long LEG = 3_600_000L / 3;

    private static BacktestResult run(BarPath path, double sl, double tp1, double tp2, Bar second, List<Tick> quotes) {
        BacktestConfig c = Script.config().withBars(path, SpreadModel.fixed(10));
        Script.Player buyer = Script.Player.onBars((bar, p) -> {
            if (bar.openTimeMs() == FIRST.openTimeMs()) p.submit(Script.buy(p.ctx, 1.0, sl, tp1, tp2));
        });
        Script.Player recorder = new Script.Player((t, p) -> quotes.add(t), (b, p) -> { });
        return new Backtester(c).run(new Both(buyer, recorder), Script.barFeed(c, FIRST, second));
    }

    @Test
    void theNearerExtremeComesFirst() {
        List<Tick> quotes = new ArrayList<>();
        run(BarPath.OHLC, 0.5, 0, 0, h1(1, 1.10000, 1.10020, 1.09900, 1.09950), quotes);
        // bar 1: high is 20 points away, low 100: open → high → low → close, at +0, +⅓, +⅔ and the last ms
        assertThat(quotes.subList(4, 8)).extracting(Tick::bid).containsExactly(1.10000, 1.10020, 1.09900, 1.09950);
        assertThat(quotes.subList(4, 8)).extracting(Tick::timeMs)
                .containsExactly(DAY + 3_600_000L, DAY + 3_600_000L + LEG, DAY + 3_600_000L + 2 * LEG, DAY + 7_200_000L - 1);
        assertThat(quotes.get(4).ask()).as("10 points of spread").isEqualTo(1.10010);
    }

    @Test
    void aPathThatCrossesTheTakeProfitFirstFillsThereInOhlcMode() {
        // up 25 points before down 30: the high first; the leg up crosses TP 1.10200 and stops there
        BacktestResult r = run(BarPath.OHLC, 1.09800, 0, 1.10200, h1(1, 1.10000, 1.10250, 1.09700, 1.10100), new ArrayList<>());
        BacktestTrade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo("tp");
        assertThat(t.entryPrice()).isEqualTo(1.10010);
        assertThat(t.exitPrice()).isEqualTo(1.10200);
        assertThat(t.pnl()).as("190 points × 1 USD").isEqualTo(190.00);
        assertThat(t.closeMs()).isEqualTo(DAY + 3_600_000L + LEG);
        assertThat(t.riskMoney()).as("210 points to the stop").isEqualTo(210.00);
        assertThat(t.r()).isCloseTo(190.0 / 210.0, within(1e-12));
    }

    @Test
    void theConservativePathTakesTheStopFirstWhenBothAreInTheBar() {
        BacktestResult r = run(BarPath.CONSERVATIVE, 1.09800, 0, 1.10200, h1(1, 1.10000, 1.10250, 1.09700, 1.10100),
                new ArrayList<>());
        BacktestTrade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo("sl");
        assertThat(t.exitPrice()).as("the leg down crosses the stop: filled at the stop, not at the low").isEqualTo(1.09800);
        assertThat(t.pnl()).isEqualTo(-210.00);
        assertThat(t.worstExcursion()).isEqualTo(-210.00);
    }

    @Test
    void theConservativePathIsTheOhlcPathWhenOnlyOneSideIsInTheBar() {
        // the stop (1.09800) is below this bar's low: nothing to be pessimistic about; the OHLC path (down 15 points
        // first, then up through the take profit) pays
        BacktestResult r = run(BarPath.CONSERVATIVE, 1.09800, 0, 1.10200, h1(1, 1.10000, 1.10250, 1.09850, 1.10100),
                new ArrayList<>());
        assertThat(r.trades().get(0).exitReason()).isEqualTo("tp");
    }

    @Test
    void aBarThatOpensBeyondTheStopFillsAtItsOpen() {
        BacktestResult r = run(BarPath.OHLC, 1.09800, 0, 1.10200, h1(1, 1.09750, 1.09800, 1.09700, 1.09750), new ArrayList<>());
        BacktestTrade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo("sl");
        assertThat(t.exitPrice()).as("a gap: the first quote past the stop").isEqualTo(1.09750);
        assertThat(t.pnl()).isEqualTo(-260.00);
        assertThat(t.closeMs()).isEqualTo(DAY + 3_600_000L);
    }

    @Test
    void tp1TakesHalfAndTheBreakEvenStopTheRestInOneBar() {
        // down 5 points before up 15: low, then up through TP1 (half closed, stop to the entry), then down to the
        // close through the break-even stop
        BacktestResult r = run(BarPath.OHLC, 1.09800, 1.10100, 1.10300, h1(1, 1.10000, 1.10150, 1.09950, 1.10000),
                new ArrayList<>());
        assertThat(r.trades()).hasSize(1);
        BacktestTrade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo("tp1+sl");
        assertThat(t.lots()).isEqualTo(1.0);
        assertThat(t.pnl()).as("0.5 lot × 90 points, then 0.5 lot × 0").isEqualTo(45.00);
        assertThat(t.exitPrice()).as("volume-weighted").isCloseTo((1.10100 + 1.10010) / 2, within(1e-12));
        assertThat(t.closeMs()).isEqualTo(DAY + 7_200_000L - 1);
        assertThat(r.equity().get(r.equity().size() - 1).balance()).isEqualTo(100_045.00);
    }

    /** Two strategies in one (the test's buyer and a quote recorder). */
    private record Both(Script.Player a, Script.Player b) implements io.vprop.strategy.Strategy {
        @Override
        public void onTick(Tick tick, io.vprop.strategy.StrategyContext ctx) {
            a.onTick(tick, ctx);
            b.onTick(tick, ctx);
        }

        @Override
        public void onBar(Bar bar, io.vprop.strategy.StrategyContext ctx) {
            a.onBar(bar, ctx);
            b.onBar(bar, ctx);
        }
    }
}
