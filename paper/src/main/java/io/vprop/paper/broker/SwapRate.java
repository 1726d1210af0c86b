package io.vprop.paper.broker;

import io.vprop.trade.Side;

/**
 * A symbol's overnight financing in the account currency per lot per rollover day, signed (negative = the trader
 * pays), like MT5's SYMBOL_SWAP_LONG/SHORT in SYMBOL_SWAP_MODE_CURRENCY_DEPOSIT.
 */
record SwapRate(double longPerLotPerDay, double shortPerLotPerDay) {
    public SwapRate {
        if (!Double.isFinite(longPerLotPerDay) || !Double.isFinite(shortPerLotPerDay)) {
            throw new IllegalArgumentException("swap rates must be finite, got long=" + longPerLotPerDay + " short=" + shortPerLotPerDay);
        }
    }

    public double forSide(Side side) { return side == Side.BUY ? longPerLotPerDay : shortPerLotPerDay; }
}
