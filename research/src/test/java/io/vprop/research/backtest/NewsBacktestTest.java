package io.vprop.research.backtest;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.NewsEvent;
import io.vprop.market.Tick;
import io.vprop.research.BacktestResult;
import io.vprop.strategy.Submission;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vprop.research.backtest.Script.DAY;
import static io.vprop.research.backtest.Script.tick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar in a backtest (docs/backtesting.md "News"): FTMO 2-step's news rule — no entry from 2 min before to
 * 2 min after a high-impact release of the symbol's currencies, resting orders cancelled from 1 min before — on
 * EURUSD ticks a minute apart around a USD release at 10:30 UTC, with the release given and without it.
 */
class NewsBacktestTest {
    private static final long MIN = 60_000, AT_10 = 10 * 3_600_000L, RELEASE = AT_10 + 30 * MIN;

    private static BacktestConfig ftmo(List<NewsRelease> news) {
        return Script.config().withProfile(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step").withEnd(true, true).withNews(news);
    }

    private static List<NewsRelease> usdAt1030() {
        return List.of(new NewsRelease(DAY + RELEASE, "USD", NewsEvent.Impact.HIGH),
                new NewsRelease(DAY + AT_10 - 3_600_000L, "USD", NewsEvent.Impact.HIGH),   // already past: never told
                new NewsRelease(DAY + RELEASE, "JPY", NewsEvent.Impact.HIGH));             // a caller filters currencies
    }

    /** Quotes a minute apart from 10:00 to 10:40 (bid 1.10000, ask 1.10010). */
    private static Tick[] minutes() {
        List<Tick> out = new ArrayList<>();
        for (long t = AT_10; t <= AT_10 + 40 * MIN; t += MIN) out.add(tick(t, 1.10000, 1.10010));
        return out.toArray(new Tick[0]);
    }

    /** Buys 1 lot (stop 30 points below) at 10:29, 1 minute before the release. */
    private static Script.Player buyAt1029() {
        return Script.Player.onTicks((t, p) -> {
            if (t.timeMs() == DAY + RELEASE - MIN) p.submit(Script.buy(p.ctx, 1, t.ask() - 0.00300, 0, 0));
        });
    }

    @Test
    void anEntryInsideTheWindowIsRefusedByTheNewsRuleOnlyWhenTheReleaseIsKnown() {
        Script.Player told = buyAt1029();
        BacktestResult r = new Backtester(ftmo(usdAt1030())).run(told, Script.tickFeed(minutes()));
        Submission s = told.submissions.get(0);
        assertThat(s.sent()).isFalse();
        assertThat(s.rule()).isEqualTo("news-embargo");
        assertThat(r.trades()).isEmpty();
        assertThat(r.counters()).containsEntry("news_learnt", 2L).containsEntry("refused.news-embargo", 1L);

        Script.Player blind = buyAt1029();
        BacktestResult without = new Backtester(ftmo(List.of())).run(blind, Script.tickFeed(minutes()));
        assertThat(blind.submissions.get(0).sent()).as("no calendar: the rule has nothing to block").isTrue();
        assertThat(without.trades()).hasSize(1);
        assertThat(without.counters()).doesNotContainKey("news_learnt");
    }

    @Test
    void anEntryOutsideTheWindowIsNotBlocked() {
        Script.Player p = Script.Player.onTicks((t, pl) -> {
            if (t.timeMs() == DAY + RELEASE - 3 * MIN) pl.submit(Script.buy(pl.ctx, 1, t.ask() - 0.00300, 0, 0));
        });
        BacktestResult r = new Backtester(ftmo(usdAt1030())).run(p, Script.tickFeed(minutes()));
        assertThat(p.submissions.get(0).sent()).as("3 min before is outside FTMO's 2 min").isTrue();
        assertThat(r.trades()).hasSize(1);
    }

    @Test
    void aRestingOrderPlacedBeforeTheReleaseWasKnownIsCancelledAMinuteBeforeItAndNeverFills() {
        // a buy stop at 1.10050 placed on day 1 at 10:05, valid to day 2 11:00; the USD release of day 2 10:30 becomes
        // known on day 1 at 10:30 (24 h ahead); on day 2 at 10:35, after the window, the ask rises through the trigger
        long day2 = 24 * 3_600_000L, release = day2 + RELEASE;
        List<Tick> ticks = new ArrayList<>();
        for (long t = AT_10; t <= AT_10 + 35 * MIN; t += MIN) ticks.add(tick(t, 1.10000, 1.10010));
        for (long t = day2 + AT_10; t <= day2 + AT_10 + 40 * MIN; t += MIN)
            ticks.add(t < release + 5 * MIN ? tick(t, 1.10000, 1.10010) : tick(t, 1.10090, 1.10100));
        Tick[] feed = ticks.toArray(new Tick[0]);
        List<NewsRelease> news = List.of(new NewsRelease(DAY + release, "USD", NewsEvent.Impact.HIGH));

        Script.Player p = placesABuyStop();
        BacktestResult r = new Backtester(ftmo(news)).run(p, Script.tickFeed(feed));
        assertThat(p.submissions.get(0).sent()).as(p.submissions.get(0).rule() + " " + p.submissions.get(0).reason()).isTrue();
        assertThat(r.counters()).containsEntry("news_learnt", 1L).containsEntry("news_cancelled", 1L);
        assertThat(r.trades()).as("cancelled before the ask reached its trigger").isEmpty();

        Script.Player q = placesABuyStop();
        BacktestResult without = new Backtester(ftmo(List.of())).run(q, Script.tickFeed(feed));
        assertThat(without.trades()).as("without the calendar the order rests and fills at 10:35").hasSize(1);
        assertThat(without.trades().get(0).openMs()).isEqualTo(DAY + release + 5 * MIN);
    }

    private static Script.Player placesABuyStop() {
        return Script.Player.onTicks((t, pl) -> {
            if (t.timeMs() == DAY + AT_10 + 5 * MIN)
                pl.submit(OrderIntent.pending(OrderType.BUY_STOP, "EURUSD", 1, 1.10050, 1.09750, 0,
                        DAY + 24 * 3_600_000L + AT_10 + 60 * MIN, "script", "", 0.5, "a resting order"));
        });
    }
}
