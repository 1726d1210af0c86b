package io.vprop.signal.replay;

import io.vprop.market.SymbolSpec;
import io.vprop.signal.TradeCandidate;
import io.vprop.trade.Side;

/**
 * The documented simple fill model: market orders fill at the NEXT quote's touch (ask for buys, bid for sells),
 * worsened by a fixed slippage of {@code slippagePoints}; the order is rejected if that quote is after the
 * candidate's expiry or beyond its max deviation. Stops fill as market orders at the touch (so gaps cost the gap
 * plus slippage); take-profits are limit orders and fill at their price. Commission is charged per lot round trip.
 */
public final class SpreadSlippageFillModel implements ExecutionModel {
    private final double slippagePoints, commissionPerLot;

    public SpreadSlippageFillModel(double slippagePoints, double commissionPerLot) {
        if (!(slippagePoints >= 0)) throw new IllegalArgumentException("slippagePoints must be >= 0, was " + slippagePoints);
        if (!(commissionPerLot >= 0)) throw new IllegalArgumentException("commissionPerLot must be >= 0, was " + commissionPerLot);
        this.slippagePoints = slippagePoints;
        this.commissionPerLot = commissionPerLot;
    }

    @Override
    public double entryPrice(TradeCandidate c, SymbolSpec spec, long quoteTimeMs, double bid, double ask) {
        if (quoteTimeMs > c.expiryMs()) return Double.NaN;
        int sign = c.side().sign();
        double price = (sign > 0 ? ask : bid) + sign * slippagePoints * spec.point();
        if (Math.abs(price - c.referencePrice()) > c.maxDeviation()) return Double.NaN;
        return price;
    }

    @Override
    public double marketExitPrice(Side side, SymbolSpec spec, double bid, double ask) {
        return side == Side.BUY ? bid - slippagePoints * spec.point() : ask + slippagePoints * spec.point();
    }

    @Override
    public double commission(double lots) { return commissionPerLot * lots; }
}
