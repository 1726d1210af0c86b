package io.vprop.research;

/** The account at one instant of a backtest: UTC epoch ms, balance and equity in the account currency. */
public record EquityPoint(long timeMs, double balance, double equity) {
}
