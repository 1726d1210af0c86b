package io.vprop.signal.risk;

import io.vprop.signal.port.RiskBudget;

/**
 * Baseline {@link RiskBudget} with the rules most prop firms publish (see shared/design/prop-firm-rules.md):
 * a daily loss limit as a fraction of the initial balance measured from the day's starting balance, an overall
 * maximum loss as a fraction of the initial balance, a maximum lot size per order and a maximum number of open
 * positions. Open risk (the loss if every open stop is hit) is subtracted from both headrooms, so headroom is what a
 * NEW order may still lose. The owner (kernel or replay) calls {@link #update} as the account changes.
 */
public final class PropFirmRiskBudget implements RiskBudget {
    private final double initialBalance, dailyLossFraction, maxLossFraction, maxLotsPerOrder;
    private final int maxOpenPositions;
    private double equity, dayStartBalance, openRisk;
    private int openPositions;

    public PropFirmRiskBudget(double initialBalance, double dailyLossFraction, double maxLossFraction,
                              double maxLotsPerOrder, int maxOpenPositions) {
        if (!(initialBalance > 0)) throw new IllegalArgumentException("initialBalance must be > 0, was " + initialBalance);
        if (!(dailyLossFraction > 0 && dailyLossFraction < 1))
            throw new IllegalArgumentException("dailyLossFraction must be in (0,1), was " + dailyLossFraction);
        if (!(maxLossFraction > 0 && maxLossFraction < 1))
            throw new IllegalArgumentException("maxLossFraction must be in (0,1), was " + maxLossFraction);
        if (!(maxLotsPerOrder > 0)) throw new IllegalArgumentException("maxLotsPerOrder must be > 0, was " + maxLotsPerOrder);
        if (maxOpenPositions < 1) throw new IllegalArgumentException("maxOpenPositions must be >= 1, was " + maxOpenPositions);
        this.initialBalance = initialBalance;
        this.dailyLossFraction = dailyLossFraction;
        this.maxLossFraction = maxLossFraction;
        this.maxLotsPerOrder = maxLotsPerOrder;
        this.maxOpenPositions = maxOpenPositions;
        this.equity = initialBalance;
        this.dayStartBalance = initialBalance;
    }

    /** A typical two-step challenge: 5 % daily, 10 % overall, 20 lots per order, 5 open positions. */
    public static PropFirmRiskBudget typical(double initialBalance) {
        return new PropFirmRiskBudget(initialBalance, 0.05, 0.10, 20, 5);
    }

    public void update(double equity, double dayStartBalance, double openRiskMoney, int openPositions) {
        if (!Double.isFinite(equity)) throw new IllegalArgumentException("equity must be finite, was " + equity);
        if (!(dayStartBalance > 0)) throw new IllegalArgumentException("dayStartBalance must be > 0, was " + dayStartBalance);
        if (!(openRiskMoney >= 0)) throw new IllegalArgumentException("openRiskMoney must be >= 0, was " + openRiskMoney);
        if (openPositions < 0) throw new IllegalArgumentException("openPositions must be >= 0, was " + openPositions);
        this.equity = equity;
        this.dayStartBalance = dayStartBalance;
        this.openRisk = openRiskMoney;
        this.openPositions = openPositions;
    }

    public double dailyFloor() { return dayStartBalance - dailyLossFraction * initialBalance; }

    public double overallFloor() { return initialBalance * (1 - maxLossFraction); }

    @Override public double dailyHeadroom() { return Math.max(0, equity - openRisk - dailyFloor()); }

    @Override public double overallHeadroom() { return Math.max(0, equity - openRisk - overallFloor()); }

    @Override
    public boolean allows(PreTradeOrder o) {
        return o.lots() > 0 && o.lots() <= maxLotsPerOrder + 1e-9
                && openPositions < maxOpenPositions
                && o.lossAtStop() <= dailyHeadroom() + 1e-9
                && o.lossAtStop() <= overallHeadroom() + 1e-9;
    }

    public int openPositions() { return openPositions; }

    @Override public double maxLotsPerOrder() { return maxLotsPerOrder; }

    @Override public boolean canOpenPosition() { return openPositions < maxOpenPositions; }
}
