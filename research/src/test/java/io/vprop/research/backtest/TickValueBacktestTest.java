package io.vprop.research.backtest;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.research.BacktestResult;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vprop.research.backtest.Script.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The backtester hears a JPY pair's tick value as the sidecar hears it from the terminal (symbol_update): every symbol
 * at the first quote, then USDJPY's when it moved more than 0.01 %, looked at on its own quotes once a market second
 * at most. In a USD account 1.0 lot of USDJPY is worth 0.001 × 100,000 / the USDJPY mid per tick (100 / mid USD).
 * Between reports the strategy sees the value last told, not the broker's of the moment; and what it submits when told
 * is executed after it heard the quote too, as the terminal executes the sidecar's answer to a quote's messages.
 */
class TickValueBacktestTest {
    private static final SymbolSpec USDJPY = SymbolSpec.fxMajor("USDJPY"), EURUSD = SymbolSpec.fxMajor("EURUSD");

    private static Tick jpy(long ms, double bid) { return new Tick("USDJPY", DAY + ms, bid, bid + 0.010, 0, 0, 6); }

    private static Tick eur(long ms) { return new Tick("EURUSD", DAY + ms, 1.10000, 1.10010, 0, 0, 6); }

    /** Writes down what it hears; orders 0.01 lot of USDJPY the first time a tick value is told after the start. */
    private static final class Listener implements Strategy {
        final List<String> heard = new ArrayList<>();
        boolean ordered;

        @Override
        public void onSymbolSpec(SymbolSpec spec, StrategyContext ctx) {
            heard.add((ctx.nowMs() - DAY) + " told " + spec.symbol() + " " + round(spec.tickValue()));
            if (!ordered && ctx.nowMs() > DAY && spec.symbol().equals("USDJPY")) {
                ordered = true;
                Tick q = ctx.lastTick("USDJPY");
                ctx.submit(OrderIntent.open("USDJPY", Side.BUY, 0.01, q.ask(), 0, q.ask() - 0.5, 0, q.ask() + 0.5,
                        ctx.nowMs() + 30_000, "test", "", 0.5, "when told"));
            }
        }

        @Override
        public void onTick(Tick tick, StrategyContext ctx) {
            heard.add((tick.timeMs() - DAY) + " tick " + tick.symbol() + " spec " + round(ctx.spec("USDJPY").tickValue()));
        }

        @Override
        public void onOrderUpdate(OrderUpdate u, StrategyContext ctx) { heard.add((ctx.nowMs() - DAY) + " answer " + u.status()); }

        private static double round(double v) { return Math.round(v * 1e9) / 1e9; }
    }

    private static double tv(double mid) { return Math.round(100.0 / mid * 1e9) / 1e9; }

    @Test
    void aJpyPairsTickValueIsToldAsTheTerminalTellsIt() {
        BacktestConfig c = BacktestConfig.defaults(List.of(EURUSD, USDJPY), 100_000)
                .withBroker(BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(EURUSD, USDJPY)));
        Listener l = new Listener();
        BacktestResult r = new Backtester(c).run(l, Script.tickFeed(
                jpy(0, 110.000),          // the first quote: every symbol told (USDJPY at mid 110.005; EURUSD's 1.0 is the hello's: unchanged, not heard)
                eur(200),
                jpy(500, 110.500),        // +0.45 %, but looked at 0.5 s ago: not yet
                eur(900),
                jpy(1_000, 110.500),      // a second after: told, and an order submitted as it is heard
                jpy(2_500, 110.505)));    // +0.0045 %: below the threshold
        double at110 = tv(110.005), at1105 = tv(110.505);
        assertThat(l.heard).containsExactly(
                "0 told USDJPY " + at110, "0 tick USDJPY spec " + at110,
                "200 tick EURUSD spec " + at110,
                "500 tick USDJPY spec " + at110,
                "900 tick EURUSD spec " + at110,
                "1000 told USDJPY " + at1105, "1000 tick USDJPY spec " + at1105, "1000 answer EXECUTED",
                "2500 tick USDJPY spec " + at1105);
        assertThat(r.counters()).containsEntry("tick_value_updates", 2L);
        assertThat(r.trades()).hasSize(1);
        assertThat(r.trades().get(0).entryPrice()).as("filled at the ask of the quote it was told at").isCloseTo(110.510, within(1e-9));
        assertThat(at1105).isCloseTo(0.904936428, within(1e-9));
    }
}
