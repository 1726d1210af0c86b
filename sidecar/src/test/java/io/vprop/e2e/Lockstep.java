package io.vprop.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.journal.Journal;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.market.Bar;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.paper.PaperTerminal;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.Deal;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Side;
import io.vprop.transport.RouterEndpoint;
import io.vprop.transport.RoutingId;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The parity tests' shared fixture (BacktestParityTest on ticks, EngineParityTest on bars): the live path — a real
 * sidecar kernel and the paper terminal over ZeroMQ in exact lockstep (window 1) — what a strategy decided on either
 * path ({@link Recording}), and the deal-by-deal comparison of the two paths' trades.
 */
final class Lockstep {
    private Lockstep() { }

    /** What the strategy did or heard: an order it submitted (with the risk engine's refusal, if any), or an answer. */
    sealed interface Decision permits Order, Answer, Verdict {
    }

    /** An order the strategy submitted, at the strategy's clock, and the rule that refused it ("" when sent). */
    record Order(long timeMs, String symbol, Side side, double lots, double price, double sl, double tp1, double tp2,
                 String refusedBy) implements Decision {
    }

    /**
     * What the strategy decided and published ({@code ctx.decision}: the signal engine's trades, refusals and skips
     * with their reasons), at the strategy's clock; without the signal id, which each path numbers its own way.
     */
    record Verdict(long timeMs, String kind, String what) implements Decision {
    }

    /** The terminal's answer to a sent order, as the strategy heard it (its fill price is checked with the deals). */
    record Answer(String status, String rule, long ticket) implements Decision {
    }

    /**
     * {@code market} through a sidecar kernel (its strategy from {@code strategy}, the firm's governors in its risk
     * engine) and a paper terminal without governors of its own (the backtester models the sidecar's; the EA's are the
     * same rules), max speed, window 1: the terminal's deals.
     *
     * @param barTimeframes the bars the terminal builds from the quotes; none when the market delivers its bars
     * @param exactAccount  account snapshots by market time, each answered (bar replays; see PaperTerminal)
     */
    static List<Deal> live(Path dir, MarketEvents market, List<SymbolSpec> specs, BrokerConfig broker, FirmProfile profile,
                           String profileId, Supplier<Strategy> strategy, Timeframe[] barTimeframes, boolean exactAccount)
            throws Exception {
        RiskEngine risk = new RiskEngine(1);
        AccountGovernors governors = new AccountGovernors(profile, profileId, broker.initialBalance(), GovernorStateStore.inMemory());
        risk.add(governors);
        try (Journal journal = new Journal(dir.resolve("sidecar.db"), false)) {
            SidecarKernel kernel = new SidecarKernel(new SidecarKernel.Config(1_000, 5_000, profileId, "test", 30_000),
                    new SidecarKernel.Ports(new RouterEndpoint("tcp://127.0.0.1:*"), journal, System::currentTimeMillis),
                    peer -> strategy.get(), risk, governors, new EventBus(), new SimpleMeterRegistry());
            Thread k = new Thread(kernel, "lockstep-kernel");
            k.start();
            try {
                PaperTerminal.Config tc = new PaperTerminal.Config(kernel.endpoint(), new RoutingId("paper-1", "1001", "all-symbols"),
                        dir.resolve("terminal.db"), 0, 1_000, profileId, "hedging", true, barTimeframes, 1);
                PaperTerminal terminal = new PaperTerminal(tc, market, specs, new PaperBroker(broker), null, exactAccount);
                terminal.run();
                List<Deal> deals = terminal.deals();
                terminal.close();
                return deals;
            } finally {
                kernel.close();
            }
        }
    }

    /** The market as it is, writing down each quote it plays (the fills' "one quote" is judged on them). */
    static MarketEvents recorded(MarketEvents market, List<Tick> quotes) {
        return new MarketEvents() {
            @Override
            public boolean next(Sink sink) {
                return market.next(new Sink() {
                    @Override
                    public void quote(Tick t) {
                        quotes.add(t);
                        sink.quote(t);
                    }

                    @Override
                    public void barClosed(Bar b) { sink.barClosed(b); }

                    @Override
                    public int stopFirst(String symbol, double lowBid, double highBid, double lowAsk, double highAsk) {
                        return sink.stopFirst(symbol, lowBid, highBid, lowAsk, highAsk);
                    }

                    @Override
                    public double nextLevel(String symbol, double fromBid, double toBid, double spread) {
                        return sink.nextLevel(symbol, fromBid, toBid, spread);
                    }
                });
            }

            @Override
            public void close() { market.close(); }
        };
    }

    /** The same decisions, in order: each trade, refusal and skip published, each order, each answer. */
    static void assertSameDecisions(List<Decision> bt, List<Decision> live) {
        for (int i = 0; i < Math.min(live.size(), bt.size()); i++)
            assertThat(bt.get(i)).as("decision %d of %d", i, live.size()).isEqualTo(live.get(i));
        assertThat(bt).hasSameSizeAs(live);
    }

    /**
     * The same trades: deal by deal the same symbol, position, side, entry, volume and reason, the fill price within
     * one quote of {@code quotes} (the quotes the terminal played), and where the price is the same, the same profit
     * and commission in the account currency (a profit in JPY converted at the quotes of the moment).
     */
    static void assertSameDeals(List<Fill> bt, List<Deal> live, List<Tick> quotes) {
        assertThat(bt).hasSameSizeAs(live);
        for (int i = 0; i < live.size(); i++) {
            Deal l = live.get(i);
            Fill b = bt.get(i);
            String what = "deal " + i + " (" + l + " vs " + b + ")";
            assertThat(b.symbol()).as(what).isEqualTo(l.symbol());
            assertThat(b.position()).as(what).isEqualTo(l.position());
            assertThat(b.side()).as(what).isEqualTo(l.side());
            assertThat(b.entry()).as(what).isEqualTo(l.entry());
            assertThat(b.volume()).as(what).isEqualTo(l.volume());
            assertThat(b.reason()).as(what).isEqualTo(l.reason().wire());
            assertThat(withinOneQuote(quotes, b, l)).as(what + ": fill within one quote").isTrue();
            if (b.price() == l.price()) {
                assertThat(b.profit()).as(what + ": profit, USD").isCloseTo(l.profit(), within(0.005));
                assertThat(b.commission()).as(what + ": commission, USD").isCloseTo(l.commission(), within(0.005));
            }
        }
    }

    /**
     * The same fill, or the live one at the quote of its symbol just before or after the backtest's: at that quote's
     * price on the deal's side (a market order, a stop loss, a TP1 partial) or at the same price (a take profit fills
     * at its level).
     */
    private static boolean withinOneQuote(List<Tick> quotes, Fill bt, Deal live) {
        if (bt.price() == live.price() && bt.timeMs() == live.timeMs()) return true;
        List<Tick> mine = quotes.stream().filter(t -> t.symbol().equals(live.symbol())).toList();
        int at = -1;
        for (int j = 0; j < mine.size() && mine.get(j).timeMs() <= bt.timeMs(); j++) at = j;
        for (int j = Math.max(0, at - 1); j <= Math.min(mine.size() - 1, at + 1); j++) {
            Tick t = mine.get(j);
            if (t.timeMs() != live.timeMs()) continue;
            double sidePrice = live.side() == Side.BUY ? t.ask() : t.bid();
            if (live.price() == sidePrice || live.price() == bt.price()) return true;
        }
        return false;
    }

    /** A strategy that writes down every order its inner strategy submits, and the risk engine's answer. */
    static final class Recording implements Strategy {
        private final Strategy inner;
        private final List<Decision> decisions;

        Recording(Strategy inner, List<Decision> decisions) {
            this.inner = inner;
            this.decisions = decisions;
        }

        @Override public void start(StrategyContext ctx) { inner.start(wrap(ctx)); }

        @Override public void onTick(Tick tick, StrategyContext ctx) { inner.onTick(tick, wrap(ctx)); }

        @Override public void onBar(Bar bar, StrategyContext ctx) { inner.onBar(bar, wrap(ctx)); }

        @Override public void onAccount(AccountState account, StrategyContext ctx) { inner.onAccount(account, wrap(ctx)); }

        @Override public void onFill(Fill fill, StrategyContext ctx) { inner.onFill(fill, wrap(ctx)); }

        @Override
        public void onOrderUpdate(OrderUpdate update, StrategyContext ctx) {
            decisions.add(new Answer(update.status().name(), update.rule(), update.ticket()));
            inner.onOrderUpdate(update, wrap(ctx));
        }

        /** A tick value the terminal told (symbol_update): when and what, as the strategy heard it. */
        @Override
        public void onSymbolSpec(SymbolSpec spec, StrategyContext ctx) {
            decisions.add(new Verdict(ctx.nowMs(), "symbol_spec", spec.symbol() + " tick value " + spec.tickValue()));
            inner.onSymbolSpec(spec, wrap(ctx));
        }

        private StrategyContext wrap(StrategyContext ctx) {
            return new StrategyContext() {
                @Override public long nowMs() { return ctx.nowMs(); }

                @Override public String peer() { return ctx.peer(); }

                @Override public SymbolSpec spec(String symbol) { return ctx.spec(symbol); }

                @Override public Collection<SymbolSpec> specs() { return ctx.specs(); }

                @Override
                public void decision(String kind, Object decision) {
                    Object what = decision;
                    if (decision instanceof Map<?, ?> m && m.containsKey("signal_id")) {
                        Map<Object, Object> copy = new java.util.LinkedHashMap<>(m);
                        copy.remove("signal_id");
                        what = copy;
                    }
                    decisions.add(new Verdict(ctx.nowMs(), kind, String.valueOf(what)));
                    ctx.decision(kind, decision);
                }

                @Override public double[] headroom() { return ctx.headroom(); }

                @Override public AccountState account() { return ctx.account(); }

                @Override public Tick lastTick(String symbol) { return ctx.lastTick(symbol); }

                @Override public boolean pending(String symbol) { return ctx.pending(symbol); }

                @Override
                public Submission submit(OrderIntent o) {
                    Submission s = ctx.submit(o);
                    decisions.add(new Order(ctx.nowMs(), o.symbol(), o.side(), o.lots(), o.price(), o.sl(), o.tp1(),
                            o.tp2(), s.sent() ? "" : s.rule()));
                    return s;
                }
            };
        }

        @Override public Map<String, Object> state() { return inner.state(); }
    }
}
