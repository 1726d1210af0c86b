package io.vprop.signal.edge;

import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.port.WinQuery;

/**
 * P(TP1 before SL) from the fitted edges: the win probability of the two-outcome trade (+b R or −1 R, b = TP1/SL)
 * whose expectation before costs is the cell's shrunk gross R, p = (E + 1) / (b + 1). The engine then subtracts its
 * live cost in R, so with no live evidence Q* = E − cost_R, and the Kelly fraction p − (1 − p)/b follows the same
 * number. A setup whose cell was not fitted gets E = 0 (p = 1/(b + 1), the random entry's 0.4 at b = 1.5).
 */
public final class FittedWinProbability implements WinProbabilityModel {
    private final EdgeTable table;

    public FittedWinProbability(EdgeTable table) {
        if (table == null) throw new IllegalArgumentException("edge table is missing");
        this.table = table;
    }

    @Override
    public double pTp1BeforeSl(WinQuery q) {
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
