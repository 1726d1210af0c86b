package io.vprop.paper.broker;

import java.util.List;

/** Account snapshot (MT5 AccountInfo* + open positions). equity = balance + Σ(profit + swap) of positions. */
public record AccountState(double balance, double equity, double margin, double freeMargin,
                           List<Position> positions, long timeMs) {
}
