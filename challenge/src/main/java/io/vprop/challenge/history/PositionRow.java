package io.vprop.challenge.history;

import io.vprop.trade.Side;

/**
 * One row of the Positions section of an MT5 account report (or of a CSV of closed positions): MT5's own summary
 * of a position's deals. Volume is the closed volume; MT5 writes "closed / initial" when only part was closed.
 */
record PositionRow(String where, String id, String symbol, Side side, long openMs, double closedVolume,
                   double initialVolume, double openPrice, long closeMs, double closePrice, double commission,
                   double swap, double profit) {
}
