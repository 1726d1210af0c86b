package io.vprop.trade;

import java.util.List;

/** A terminal's account snapshot: money in the account currency, and every open position. */
public record AccountState(double balance, double equity, double margin, double freeMargin, List<Position> positions) {
    public AccountState {
        positions = positions == null ? List.of() : List.copyOf(positions);
    }
}
