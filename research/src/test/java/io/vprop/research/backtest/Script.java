package io.vprop.research.backtest;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/** Hand-made markets and a strategy that does what a test tells it, for backtests whose numbers can be checked by hand. */
final class Script {
    static final SymbolSpec EURUSD = SymbolSpec.fxMajor("EURUSD");
    /** 2014-05-06, a Tuesday: no weekend or rollover in the tests' hours. */
    static final long DAY = Instant.parse("2014-05-06T00:00:00Z").toEpochMilli();

    private Script() { }

    /** USD hedging account, 1:100, no commission, no slippage: 1.0 lot EURUSD = 1 USD per point. */
    static BacktestConfig config() {
        return BacktestConfig.defaults(List.of(EURUSD), 100_000)
                .withBroker(BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(EURUSD)));
    }

    static Tick tick(long ms, double bid, double ask) { return new Tick("EURUSD", DAY + ms, bid, ask, 0, 0, 6); }

    static Bar h1(int hour, double open, double high, double low, double close) {
        return new Bar("EURUSD", Timeframe.H1, DAY + hour * 3_600_000L, open, high, low, close, 0, 0);
    }

    static TickSource ticks(Tick... ticks) {
        Iterator<Tick> it = List.of(ticks).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    static BarSource bars(Bar... bars) {
        Iterator<Bar> it = List.of(bars).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    static MarketFeed tickFeed(Tick... ticks) { return MarketFeed.ticks(ticks(ticks), Long.MIN_VALUE, Long.MAX_VALUE); }

    static MarketFeed barFeed(BacktestConfig c, Bar... bars) {
        return MarketFeed.bars(List.of(bars(bars)), c.specs(), c.barPath(), c.spread(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A buy at the last ask: {@code lots}, stop, TP1 (0 = none), TP2, valid 30 s. */
    static OrderIntent buy(StrategyContext ctx, double lots, double sl, double tp1, double tp2) {
        Tick q = ctx.lastTick("EURUSD");
        return OrderIntent.open("EURUSD", Side.BUY, lots, q.ask(), 0, sl, tp1, tp2, ctx.nowMs() + 30_000, "script", "",
                0.5, "a test's order");
    }

    /** A strategy run by the test's lambdas; it keeps every submission's answer from the risk engine. */
    static final class Player implements Strategy {
        final List<Submission> submissions = new ArrayList<>();
        private final BiConsumer<Tick, Player> ticks;
        private final BiConsumer<Bar, Player> bars;
        StrategyContext ctx;

        Player(BiConsumer<Tick, Player> ticks, BiConsumer<Bar, Player> bars) {
            this.ticks = ticks;
            this.bars = bars;
        }

        static Player onTicks(BiConsumer<Tick, Player> ticks) { return new Player(ticks, (b, p) -> { }); }

        static Player onBars(BiConsumer<Bar, Player> bars) { return new Player((t, p) -> { }, bars); }

        Submission submit(OrderIntent o) {
            Submission s = ctx.submit(o);
            submissions.add(s);
            return s;
        }

        @Override
        public void onTick(Tick tick, StrategyContext ctx) {
            this.ctx = ctx;
            ticks.accept(tick, this);
        }

        @Override
        public void onBar(Bar bar, StrategyContext ctx) {
            this.ctx = ctx;
            bars.accept(bar, this);
        }
    }
}
