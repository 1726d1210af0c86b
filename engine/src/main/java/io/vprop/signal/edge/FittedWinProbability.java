package io.vprop.signal.edge;

import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.port.WinQuery;

/**
 * P(TP1 before SL) from the fitted edges: the win probability of the two-outcome trade (+b R or −1 R, b = TP1/SL)
 * whose expectation before costs is the cell's shrunk gross R, p = (E + 1) / (b + 1). The engine then subtracts its
 * live cost in R, so with no live evidence Q* = E − cost_R, and the Kelly fraction p − (1 − p)/b follows the same
 * number. A setup whose cell was not fitted gets E = 0 (p = 1/(b + 1), the random entry's 0.4 at b = 1.5) when the
 * fit saw its timeframe and symbol class ({@link EdgeTable#covers}); when it saw neither, the hand-set model answers
 * (the {@code handset} fallback): fitted edges where they exist, hand-set priors elsewhere.
 */
public final class FittedWinProbability implements WinProbabilityModel {
    private final EdgeTable table;
    private final WinProbabilityModel handset;

    /** Fitted everywhere: a setup the fit never saw has no edge. */
    public FittedWinProbability(EdgeTable table) { this(table, null); }

    /** @param handset the model of setups whose timeframe and symbol class the fit never saw (null: no edge) */
    public FittedWinProbability(EdgeTable table, WinProbabilityModel handset) {
        if (table == null) throw new IllegalArgumentException("edge table is missing");
        this.table = table;
        this.handset = handset;
    }

    @Override
    public double pTp1BeforeSl(WinQuery q) {
        if (handset != null && !table.covers(q.timeframe(), q.symbol())) return handset.pTp1BeforeSl(q);
        EdgeTable.Cell c = table.cell(q.alpha(), q.timeframe(), q.symbol(), q.regime(), q.timeMs());
        double b = q.tp1Sigma() / q.slSigma();
        return probability(c == null ? 0 : c.grossR(), b);
    }

    public static double probability(double expectedR, double payoff) {
        double p = (expectedR + 1) / (payoff + 1);
        return p < 0 ? 0 : (p > 1 ? 1 : p);
    }

    public EdgeTable table() { return table; }
}
