package io.vprop.signal.sizing;

import io.vprop.market.SymbolSpec;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.risk.ExpectedShortfall;

/**
 * Lots for a setup, the smallest of:
 * <ol>
 *   <li>fractional Kelly with an entropy penalty: f = κ · (p − (1 − p)/b) · (1 − γ·H₂(p)), where H₂ is the binary
 *       entropy in bits – the closer p is to a coin flip, the less we trust it; risk money = f · equity;</li>
 *   <li>risk per trade: loss at the stop (costs included) ≤ {@code riskPerTrade} × equity (the sidecar's
 *       risk.per.trade.pct: the challenge lab's choice for the firm, or the configured value);</li>
 *   <li>volatility targeting: the position's daily P&amp;L σ equals {@code dailyVolTarget} × equity (1 % default);</li>
 *   <li>governor headroom: loss at the stop (costs included) ≤ headroomFraction × min(daily, overall headroom);</li>
 *   <li>ES budget: ES95 over the horizon ≤ esBudgetFraction × equity;</li>
 *   <li>the symbol's volume max and the governors' max lots per order; then floored to the volume step, and
 *       0 (skip) below the volume min.</li>
 * </ol>
 */
public final class PositionSizer {
    private final double kellyMultiplier, entropyPenalty, dailyVolTarget, headroomFraction, esBudgetFraction;
    private final double riskPerTrade;

    public PositionSizer(double kellyMultiplier, double entropyPenalty, double dailyVolTarget,
                         double headroomFraction, double esBudgetFraction) {
        this(kellyMultiplier, entropyPenalty, dailyVolTarget, headroomFraction, esBudgetFraction, 1.0);
    }

    /** @param riskPerTrade the largest loss at the stop per trade as a fraction of equity (1 = no such cap) */
    public PositionSizer(double kellyMultiplier, double entropyPenalty, double dailyVolTarget,
                         double headroomFraction, double esBudgetFraction, double riskPerTrade) {
        check("riskPerTrade", riskPerTrade, 0, 1);
        this.riskPerTrade = riskPerTrade;
        check("kellyMultiplier", kellyMultiplier, 0, 1);
        check("entropyPenalty", entropyPenalty, 0, 1);
        check("dailyVolTarget", dailyVolTarget, 0, 1);
        check("headroomFraction", headroomFraction, 0, 1);
        check("esBudgetFraction", esBudgetFraction, 0, 1);
        this.kellyMultiplier = kellyMultiplier;
        this.entropyPenalty = entropyPenalty;
        this.dailyVolTarget = dailyVolTarget;
        this.headroomFraction = headroomFraction;
        this.esBudgetFraction = esBudgetFraction;
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v > lo && v <= hi)) throw new IllegalArgumentException(name + " must be in (" + lo + ", " + hi + "], was " + v);
    }

    /** Binary entropy in bits, 0 at p ∈ {0, 1}, 1 at p = 0.5. */
    public static double binaryEntropy(double p) {
        if (p <= 0 || p >= 1) return 0;
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }

    /** Full Kelly fraction for win probability p and payoff ratio b (win b, lose 1). */
    public static double kelly(double p, double b) { return p - (1 - p) / b; }

    public double penalisedKelly(double p, double b) {
        double f = kelly(p, b);
        if (!(f > 0)) return 0;
        return kellyMultiplier * f * (1 - entropyPenalty * binaryEntropy(p));
    }

    /**
     * @param stopDistance     price distance to the stop
     * @param costPerLot       money per 1.0 lot for spread, predicted slippage and round-trip commission
     * @param sigmaHorizon     price σ over the stop horizon (for ES)
     * @param sigmaDaily       price σ over one day (for volatility targeting)
     */
    public void size(double p, double payoff, double equity, SymbolSpec spec, double stopDistance, double costPerLot,
                     double sigmaHorizon, double sigmaDaily, double dailyHeadroom, double overallHeadroom,
                     SizingResult out) {
        size(p, payoff, equity, spec, stopDistance, costPerLot, sigmaHorizon, sigmaDaily, dailyHeadroom,
                overallHeadroom, Double.MAX_VALUE, out);
    }

    /** As above, with the governors' largest volume per order. */
    public void size(double p, double payoff, double equity, SymbolSpec spec, double stopDistance, double costPerLot,
                     double sigmaHorizon, double sigmaDaily, double dailyHeadroom, double overallHeadroom,
                     double maxLotsPerOrder, SizingResult out) {
        out.reset();
        double lossPerLot = spec.moneyPerPriceMove(stopDistance, 1.0) + costPerLot;
        double headroom = Math.min(dailyHeadroom, overallHeadroom);
        if (!(headroom > 0)) { out.skipMask = SkipReason.NO_HEADROOM.bit(); return; }
        double f = penalisedKelly(p, payoff);
        out.kellyFraction = f;
        if (!(f > 0)) { out.skipMask = SkipReason.NEGATIVE_KELLY.bit(); return; }

        double lots = f * equity / lossPerLot;
        SizingResult.Cap cap = SizingResult.Cap.KELLY;
        // the challenge lab's risk per trade (or the configured one) bounds what Kelly may put at stake
        double riskLots = riskPerTrade * equity / lossPerLot;
        if (riskLots < lots) { lots = riskLots; cap = SizingResult.Cap.RISK_PER_TRADE; }
        double volLots = dailyVolTarget * equity / spec.moneyPerPriceMove(sigmaDaily, 1.0);
        if (volLots < lots) { lots = volLots; cap = SizingResult.Cap.VOL_TARGET; }
        double headLots = headroomFraction * headroom / lossPerLot;
        if (headLots < lots) { lots = headLots; cap = SizingResult.Cap.HEADROOM; }
        double esLots = esBudgetFraction * equity
                / spec.moneyPerPriceMove(ExpectedShortfall.es95Price(sigmaHorizon), 1.0);
        boolean esBinding = false;
        if (esLots < lots) { lots = esLots; cap = SizingResult.Cap.ES_BUDGET; esBinding = true; }
        double maxLots = Math.min(spec.volumeMax(), maxLotsPerOrder);
        if (maxLots < lots) { lots = maxLots; cap = SizingResult.Cap.VOLUME_MAX; }

        double floored = spec.floorVolume(lots);
        if (!(floored > 0)) {
            out.skipMask = esBinding ? SkipReason.ES_BUDGET.bit() : SkipReason.BELOW_MIN_VOLUME.bit();
            return;
        }
        out.lots = floored;
        out.binding = cap;
        out.lossAtStop = floored * lossPerLot;
    }
}
