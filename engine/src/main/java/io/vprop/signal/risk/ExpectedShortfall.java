package io.vprop.signal.risk;

/**
 * Expected shortfall at 95 % of a position's P&amp;L over the stop horizon under current volatility, assuming normal
 * returns and (conservatively) that the stop may gap: ES95 = σ_h · φ(z95) / 0.05 ≈ 2.063 σ_h in price, times the
 * money value of a price move.
 */
public final class ExpectedShortfall {
    /** φ(1.6449) / 0.05 */
    public static final double NORMAL_ES95_MULTIPLIER = 2.062713;

    private ExpectedShortfall() {}

    public static double es95Price(double sigmaHorizonPrice) {
        return NORMAL_ES95_MULTIPLIER * sigmaHorizonPrice;
    }
}
