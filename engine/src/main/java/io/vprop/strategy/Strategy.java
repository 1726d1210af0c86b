package io.vprop.strategy;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderUpdate;

import java.util.Map;

/**
 * Whatever decides trades: the signal engine, the demo stand-in, a manual-only no-op, a user's class. One instance
 * per connected terminal (or per backtest run), called on one thread only — the kernel's, or the backtester's — so
 * implementations need no locking. It sees the domain's types (io.vprop.market, io.vprop.trade), never protocol
 * messages, and trades through {@link StrategyContext#submit}: live and in a backtest it runs the same code.
 */
public interface Strategy {

    /** Once, before any event, when the terminal's hello makes this instance its strategy. */
    default void start(StrategyContext ctx) { }

    void onTick(Tick tick, StrategyContext ctx);

    default void onBar(Bar bar, StrategyContext ctx) { }

    default void onAccount(AccountState account, StrategyContext ctx) { }

    /** A deal the terminal executed (recorded once per deal: a resent fill does not come again). */
    default void onFill(Fill fill, StrategyContext ctx) { }

    /** What became of an order the strategy submitted: accepted, rejected (with the rule and reason) or executed. */
    default void onOrderUpdate(OrderUpdate update, StrategyContext ctx) { }

    /**
     * A symbol's spec changed during the session: the terminal sent the broker's current tick value (protocol
     * {@code symbol_update}), or a re-hello restated it. {@code ctx.spec(symbol)} already returns {@code spec}; a
     * strategy that keeps its own copy (the signal engine's sizing) takes it from here.
     */
    default void onSymbolSpec(SymbolSpec spec, StrategyContext ctx) { }

    /** Once, when the kernel stops (on its thread), so the strategy can let go of what it holds. */
    default void stop(StrategyContext ctx) { }

    /** What the strategy knows, for the panel (kernel thread; plain maps and numbers). */
    default Map<String, Object> state() { return Map.of(); }

    /** Trades only what is posted to /api/signals. */
    Strategy NONE = (tick, ctx) -> { };
}
