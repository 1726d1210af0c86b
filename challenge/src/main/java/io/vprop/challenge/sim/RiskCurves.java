package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;
import io.vprop.governors.time.FirmDayClock;

import java.util.ArrayList;
import java.util.List;

/**
 * P(pass all challenge phases) and P(breach) on a grid of risk per trade. Each point resizes the trades and runs the
 * bootstrap with the same seed and block length (common random numbers: the points differ by the risk only). The
 * best risk is the grid value with the highest P(pass all) whose P(breach) point estimate is at most the bound.
 */
final class RiskCurves {
    private RiskCurves() {}

    static LabResult.RiskCurve curve(TradeHistory history, LabSpec spec, FirmPlan plan, FirmDayClock clock, int calendar,
                                     double block, int firm, ChallengeLab.Paths paths, ChallengeLab.Tally tally) {
        List<LabResult.RiskPoint> points = new ArrayList<>();
        double best = Double.NaN, bestPass = -1;
        for (int k = 0; k < spec.riskGrid().size(); k++) {
            double r = spec.riskGrid().get(k);
            ScaledTrades s = ScaledTrades.of(history, spec, r);
            LabResult.RiskPoint pt;
            if (s.kept() == 0) {
                // nothing is traded at this risk: no path can pass or breach
                pt = new LabResult.RiskPoint(r, Wilson.rate(0, spec.gridPaths()), Wilson.rate(0, spec.gridPaths()), s.skippedZeroLots);
                tally.add(spec.gridPaths());
            } else {
                Book b = new Book(s, clock, spec.news(), calendar);
                LabResult.MethodResult m = Summaries.method("bootstrap", plan,
                        paths.bootstrap(firm, k, b, plan, spec.gridPaths(), block));
                pt = new LabResult.RiskPoint(r, m.passAll(), m.breach(), s.skippedZeroLots);
            }
            points.add(pt);
            if (pt.breach().p() <= spec.breachBound() && pt.passAll().p() > bestPass) {
                bestPass = pt.passAll().p();
                best = r;
            }
        }
        return new LabResult.RiskCurve(spec.breachBound(), points, best,
                "highest P(pass all) among grid points with P(breach) <= " + spec.breachBound() + " (point estimates)");
    }
}
