package io.vprop.kernel;

import io.vprop.market.Bar;
import io.vprop.market.Tick;
import io.vprop.protocol.Payload;

/**
 * Whatever decides trades: the signal engine, the demo stand-in, a manual-only no-op. One instance per connected
 * terminal, called on the kernel thread only, so implementations need no locking.
 */
public interface Strategy {

    void onTick(Tick tick, StrategyContext ctx);

    default void onBar(Bar bar, StrategyContext ctx) { }

    default void onAccount(Payload.Account account, StrategyContext ctx) { }

    default void onFill(Payload.Fill fill, StrategyContext ctx) { }

    default void onSignalAck(Payload.SignalAck ack, StrategyContext ctx) { }

    /** What the strategy knows, for the panel (kernel thread; plain maps and numbers). */
    default java.util.Map<String, Object> state() { return java.util.Map.of(); }

    /** Trades only what is posted to /api/signals. */
    Strategy NONE = (tick, ctx) -> { };
}
