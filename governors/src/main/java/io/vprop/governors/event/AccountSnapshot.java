package io.vprop.governors.event;

import java.util.List;

/**
 * Account state pushed by the terminal. Equity includes floating P&amp;L, commissions and swaps.
 *
 * @param pendingOrders number of pending (not yet filled) orders on the account
 */
public record AccountSnapshot(long timeMs, double balance, double equity, List<ValuedPosition> positions, int pendingOrders)
        implements GovernorEvent {
    public AccountSnapshot {
        Checks.nonNegative("account.balance", balance);
        Checks.nonNegative("account.equity", equity);
        positions = positions == null ? List.of() : positions;
        if (pendingOrders < 0) {
            throw new IllegalArgumentException("account.pendingOrders: must not be negative, got " + pendingOrders);
        }
    }

    public AccountSnapshot(long timeMs, double balance, double equity) {
        this(timeMs, balance, equity, List.of(), 0);
    }
}
