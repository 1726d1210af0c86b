package io.vprop.research.backtest;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.market.Tick;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.Breach;
import io.vprop.strategy.Submission;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.vprop.research.backtest.Script.DAY;
import static io.vprop.research.backtest.Script.tick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firm's governors (FTMO 2-step: 5 % daily loss on a 100,000 account, floor 95,000 on day one) on every equity
 * change, and the risk engine's refusals, checked by hand on ticks. 10 lots EURUSD = 10 USD per point.
 */
class GovernedBacktestTest {
    private static final long AT_10 = 10 * 3_600_000L;

    private static BacktestConfig ftmo(boolean stopAtHalt) {
        return Script.config().withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step").withEnd(stopAtHalt, true);
    }

    /** Buys 10 lots with a 300-point stop (3,000 USD at risk) on the second tick, when the account is known. */
    private static Script.Player tenLotsOnce() {
        return Script.Player.onTicks((t, p) -> {
            if (p.submissions.isEmpty() && p.ctx.account() != null) p.submit(Script.buy(p.ctx, 10, t.ask() - 0.00300, 0, 0));
        });
    }

    private static final Tick[] GAP_THROUGH_THE_STOP = {
            tick(AT_10, 1.10000, 1.10010),
            tick(AT_10 + 1_000, 1.10000, 1.10010),            // buy 10 lots at 1.10010, stop 1.09710
            tick(AT_10 + 2_000, 1.09800, 1.09810),            // −2,100
            tick(AT_10 + 3_000, 1.09400, 1.09410),            // gaps 31 points through the stop: −6,100
            tick(AT_10 + 4_000, 1.09400, 1.09410)};

    @Test
    void aGapThroughTheStopBreachesTheDailyLossAtThatTickAndHaltsTheRun() {
        Script.Player p = tenLotsOnce();
        BacktestResult r = new Backtester(ftmo(true)).run(p, Script.tickFeed(GAP_THROUGH_THE_STOP));
        assertThat(p.submissions).singleElement().satisfies(s -> assertThat(s.sent()).isTrue());
        BacktestTrade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo("sl");
        assertThat(t.exitPrice()).isEqualTo(1.09400);
        assertThat(t.pnl()).isEqualTo(-6_100.00);
        Breach b = r.breaches().get(0);
        assertThat(b.timeMs()).as("the tick of the gap").isEqualTo(DAY + AT_10 + 3_000);
        assertThat(b.ruleId()).isEqualTo("daily-loss");
        assertThat(b.action()).isEqualTo("FLATTEN_AND_HALT");
        assertThat(b.message()).as("the governor's words, with the numbers").contains("93,900.00").contains("95,000.00");
        assertThat(r.counters()).containsEntry("stopped_at_halt", 1L);
        assertThat(r.events()).as("the run ends at the halt").isEqualTo(4);
        assertThat(r.equity().get(r.equity().size() - 1).equity()).isEqualTo(93_900.00);
    }

    @Test
    void afterAHaltNothingNewOpensAndAnOrderWithoutAStopIsRefusedFirst() {
        Script.Player p = Script.Player.onTicks((t, pl) -> {
            if (pl.ctx.account() == null) return;
            if (pl.submissions.isEmpty()) pl.submit(Script.buy(pl.ctx, 10, t.ask() - 0.00300, 0, 0));
            else if (t.timeMs() == DAY + AT_10 + 4_000) {
                pl.submit(OrderIntent.open("EURUSD", Side.BUY, 1, t.ask(), 0, 0, 0, 0, t.timeMs() + 30_000, "script", "",
                        0.5, "no stop"));
                pl.submit(Script.buy(pl.ctx, 1, t.ask() - 0.00100, 0, 0));
            }
        });
        BacktestResult r = new Backtester(ftmo(false)).run(p, Script.tickFeed(GAP_THROUGH_THE_STOP));
        assertThat(p.submissions).hasSize(3);
        Submission noStop = p.submissions.get(1), halted = p.submissions.get(2);
        assertThat(noStop.sent()).isFalse();
        assertThat(noStop.rule()).as("the risk engine's own check comes before the governors").isEqualTo("signal.stop_loss");
        assertThat(halted.sent()).isFalse();
        assertThat(halted.rule()).isEqualTo("daily-loss");
        assertThat(halted.reason()).isNotBlank();
        assertThat(r.trades()).hasSize(1);
        assertThat(r.events()).as("without stopAtHalt the run goes on").isEqualTo(5);
        assertThat(r.counters()).containsEntry("refused.signal.stop_loss", 1L).containsEntry("refused.daily-loss", 1L)
                .doesNotContainKey("stopped_at_halt");
    }

    @Test
    void theWeekendRuleFlattensAnOpenPositionBeforeTheFridayClose() {
        long friday = Instant.parse("2014-05-09T20:40:00Z").toEpochMilli() - DAY;   // 16:40 New York (EDT)
        Script.Player p = tenLotsOnce();
        BacktestResult r = new Backtester(ftmo(true)).run(p, Script.tickFeed(
                tick(friday, 1.10000, 1.10010),
                tick(friday + 1_000, 1.10000, 1.10010),       // buy 10 lots
                tick(friday + 60_000, 1.10020, 1.10030),
                tick(friday + 600_000, 1.10050, 1.10060),     // 16:50 New York: 10 minutes before the close
                tick(friday + 660_000, 1.10080, 1.10090)));
        BacktestTrade t = r.trades().get(0);
        assertThat(t.exitReason()).isEqualTo("governors");
        assertThat(t.closeMs()).isEqualTo(DAY + friday + 600_000);
        assertThat(t.exitPrice()).isEqualTo(1.10050);
        assertThat(t.pnl()).as("40 points × 10 USD").isEqualTo(400.00);
        assertThat(r.breaches()).as("a scheduled flat is no breach").isEmpty();
        assertThat(r.counters()).containsEntry("signals", 2L).containsEntry("executed", 2L);
    }
}
