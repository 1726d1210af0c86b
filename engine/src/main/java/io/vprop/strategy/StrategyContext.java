package io.vprop.strategy;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;

import java.util.Collection;

/** What a strategy sees of the peer (EA or paper terminal) it trades for, and how it asks for a trade. */
public interface StrategyContext {
    /** The terminal's clock, UTC epoch ms (a replay's market time, a live EA's real time). */
    long nowMs();

    /** The routing id of the terminal this strategy trades for. */
    String peer();

    /** Broker properties of a symbol from the EA's hello, or null if the EA did not declare it. */
    SymbolSpec spec(String symbol);

    /** Every symbol the terminal declared in its hello. */
    Collection<SymbolSpec> specs();

    /** Publishes (WebSocket) and journals a strategy decision — trades and skips alike, with their reasons. */
    void decision(String kind, Object decision);

    /** Money a new order's worst case may still use under the firm's rules, daily and overall (net of open risk). */
    default double[] headroom() { return new double[]{Double.MAX_VALUE, Double.MAX_VALUE}; }

    /** The latest account snapshot, or null before the first. */
    AccountState account();

    /** The latest tick of a symbol, or null. */
    Tick lastTick(String symbol);

    /** True while a signal for this symbol is sent but not yet executed or rejected. */
    boolean pending(String symbol);

    /**
     * Submits a trade: the risk engine checks it, the kernel journals it and sends it to the terminal.
     *
     * @return the signal id it went out under, or the rule that refused it and why (also published as an event)
     */
    Submission submit(OrderIntent order);
}
