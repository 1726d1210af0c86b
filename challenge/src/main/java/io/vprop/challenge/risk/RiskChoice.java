package io.vprop.challenge.risk;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The risk per trade the challenge lab advises for one firm: the point of its risk curve with the highest P(pass all
 * phases) among those whose P(breach) is at most the bound (ties go to the lower risk: the same chance of passing
 * for less money at stake). When no point keeps P(breach) within the bound, or the best one never passes, the lab
 * has no risk to advise: the choice is then the curve's lowest risk (the least harm if the trader trades anyway) and
 * {@link #verdict} says so in words, so the number is never shown without its meaning (issue 16 item 4).
 *
 * @param firm        the firm's bundled profile id
 * @param breachBound the largest P(breach) allowed, a fraction
 * @param points      the curve, by risk ascending
 * @param riskPct     the chosen risk per trade, % of the initial balance
 * @param advised     true when the lab found a risk that passes with P(breach) within the bound
 * @param verdict     empty when advised, else why not and what the lab advises
 */
public record RiskChoice(String firm, double breachBound, List<Point> points, double riskPct, boolean advised,
                         String verdict) {

    /** One point of the curve: P(pass all phases) and P(breach), fractions (NaN = no trial). */
    public record Point(double riskPct, double pass, double breach) {}

    public RiskChoice {
        points = List.copyOf(points);
    }

    /** Applies the choice rule to a curve (any order). */
    public static RiskChoice choose(String firm, double breachBound, List<Point> curve) {
        if (curve.isEmpty()) throw new IllegalArgumentException(firm + ": the risk curve has no point");
        if (!(breachBound >= 0 && breachBound <= 1))
            throw new IllegalArgumentException(firm + ": breach bound must be in [0, 1], got " + breachBound);
        List<Point> sorted = curve.stream().sorted(Comparator.comparingDouble(Point::riskPct)).toList();
        Point best = null;
        for (Point p : sorted) {
            // NaN compares false: a point without trials is never feasible
            if (p.breach() <= breachBound && (best == null || pass(p) > pass(best))) best = p;
        }
        double lowest = sorted.get(0).riskPct();
        String bound = pct(breachBound);
        if (best == null)
            return new RiskChoice(firm, breachBound, sorted, lowest, false, "no risk level on the lab's curve ("
                    + pct2(lowest) + "–" + pct2(sorted.get(sorted.size() - 1).riskPct()) + " % per trade) keeps P(breach) ≤ "
                    + bound + " at " + firm + ": the lab advises not to trade this strategy on this firm (default: the "
                    + "curve's lowest risk, " + pct2(lowest) + " %)");
        if (!(pass(best) > 0))
            return new RiskChoice(firm, breachBound, sorted, lowest, false, "no risk level passes " + firm
                    + "'s challenge with P(breach) ≤ " + bound + " (P(pass) is 0 wherever P(breach) is within the bound): "
                    + "the lab advises not to trade this strategy on this firm (default: the curve's lowest risk, "
                    + pct2(lowest) + " %)");
        return new RiskChoice(firm, breachBound, sorted, best.riskPct(), true, "");
    }

    /** The curve's point at the chosen risk. */
    public Point chosen() {
        return points.stream().filter(p -> p.riskPct() == riskPct).findFirst().orElseThrow();
    }

    private static double pass(Point p) {
        return Double.isNaN(p.pass()) ? 0 : p.pass();
    }

    private static String pct(double fraction) {
        // 6 significant digits: 0.15 × 100 is 15.000000000000002 in binary floating point
        return new java.math.BigDecimal(fraction * 100).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString() + " %";
    }

    private static String pct2(double pct) {
        return String.format(Locale.ROOT, "%.2f", pct);
    }
}
