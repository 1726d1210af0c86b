package io.vprop.trade;

import java.util.List;

/** A terminal's account snapshot: money in the account currency, every open position and every resting pending order. */
public record AccountState(double balance, double equity, double margin, double freeMargin, List<Position> positions,
                           List<PendingOrder> orders) {
    public AccountState {
        positions = positions == null ? List.of() : List.copyOf(positions);
        orders = orders == null ? List.of() : List.copyOf(orders);
    }

    /** Without pending orders (a terminal that reports none). */
    public AccountState(double balance, double equity, double margin, double freeMargin, List<Position> positions) {
        this(balance, equity, margin, freeMargin, positions, List.of());
    }
}
