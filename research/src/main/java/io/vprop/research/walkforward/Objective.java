package io.vprop.research.walkforward;

import io.vprop.research.stats.Stats;

import java.util.Locale;

/**
 * What the training window maximises when a parameter set is chosen. A parameter set whose objective is not a
 * finite number (no trade, no variance) is never chosen.
 */
public enum Objective {
    /** Daily Sharpe ratio of the training window (the default). */
    SHARPE,
    /** Daily Sortino ratio. */
    SORTINO,
    /** Net P&L in USD. */
    PNL,
    /** Mean R per trade. */
    EXPECTANCY_R;

    double of(Stats s) {
        return switch (this) {
            case SHARPE -> s.sharpeDaily();
            case SORTINO -> s.sortinoAnnual();
            case PNL -> s.trade().trades() > 0 ? s.trade().pnlUsd() : Double.NaN;
            case EXPECTANCY_R -> s.trade().expectancyR();
        };
    }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static Objective parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown objective '" + text + "' (sharpe, sortino, pnl, expectancy_r)");
        }
    }
}
