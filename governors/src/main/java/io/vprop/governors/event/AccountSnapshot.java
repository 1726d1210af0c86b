package io.vprop.governors.event;

import java.util.List;

/**
 * Account state pushed by the terminal. Equity includes floating P&amp;L, commissions and swaps.
 *
 * @param orders        the pending orders resting at the terminal (their worst case counts in the pre-trade check)
 * @param pendingOrders number of pending (not yet filled) orders on the account: at least {@code orders.size()}; a
 *                      caller that only knows the count (the protocol's older {@code pending_orders}) gives it alone
 */
public record AccountSnapshot(long timeMs, double balance, double equity, List<ValuedPosition> positions,
                              List<ValuedOrder> orders, int pendingOrders) implements GovernorEvent {
    public AccountSnapshot {
        Checks.nonNegative("account.balance", balance);
        Checks.nonNegative("account.equity", equity);
        positions = positions == null ? List.of() : positions;
        orders = orders == null ? List.of() : orders;
        if (pendingOrders < 0) {
            throw new IllegalArgumentException("account.pendingOrders: must not be negative, got " + pendingOrders);
        }
        pendingOrders = Math.max(pendingOrders, orders.size());
    }

    /** Only a count of pending orders, none described (their worst case is not known). */
    public AccountSnapshot(long timeMs, double balance, double equity, List<ValuedPosition> positions, int pendingOrders) {
        this(timeMs, balance, equity, positions, List.of(), pendingOrders);
    }

    public AccountSnapshot(long timeMs, double balance, double equity) {
        this(timeMs, balance, equity, List.of(), List.of(), 0);
    }
}
