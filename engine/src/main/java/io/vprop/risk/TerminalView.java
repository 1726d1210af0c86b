package io.vprop.risk;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;

/** What the pre-trade checks read of the terminal an order is for. */
public interface TerminalView {
    /** The terminal's routing id. */
    String peer();

    /** The terminal's clock, UTC epoch ms (order expiries are checked against it). */
    long nowMs();

    /** Welcomed and heard from within the stale limit: only a live terminal gets new orders. */
    boolean live();

    /** Broker properties of a symbol from the terminal's hello, or null if it did not declare it. */
    SymbolSpec spec(String symbol);

    /** The latest tick of a symbol, or null. */
    Tick lastTick(String symbol);

    /** True while an order for this symbol is sent but not yet executed or rejected. */
    boolean pending(String symbol);

    /** The latest account snapshot, or null before the first. */
    AccountState account();
}
