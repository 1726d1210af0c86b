package io.vprop.cli;

import io.vprop.challenge.sim.LabResult;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * The text {@code vprop challenge} prints: per firm and method, P(pass all phases) with its 95 % interval, P(breach)
 * and its main rule, median days to pass, fees per funded account and the funded account's 6-month survival; then
 * the risk curve's best risk. Every column says its unit.
 */
final class ChallengeSummary {
    private ChallengeSummary() {
    }

    static void print(LabResult r, PrintStream out) {
        LabResult.Trades t = r.trades();
        out.printf(Locale.ROOT, "%,d of %,d trades taken at %s on %,.0f %s", t.kept(), t.total(),
                ChallengeCommand.riskText(r.riskPctPerTrade()), r.initialBalance(), r.currency());
        out.printf(Locale.ROOT, " (%d rounded to 0 lots; %d without a stated risk use the median loss %s; %d without a worst "
                        + "excursion assumed to reach -1 R)%n", t.skippedZeroLots(), t.withProxyRisk(),
                Double.isNaN(t.proxyRiskMoney()) ? "-" : String.format(Locale.ROOT, "%,.2f %s", t.proxyRiskMoney(), r.currency()),
                t.withAssumedWorst());
        String head = String.format(Locale.ROOT, "%-26s %-10s %8s  %-15s %9s  %-22s %14s %11s %13s",
                "firm", "method", "paths", "P(pass all), %", "95 % CI", "P(breach), % (main)", "median days", "fees/funded",
                "funded 6 m, %");
        out.println(head);
        out.println("-".repeat(head.length()));
        for (LabResult.FirmResult f : r.firms()) {
            for (LabResult.MethodResult m : f.methods()) {
                String main = m.failByRule().entrySet().stream().max(Comparator.comparingDouble(e -> e.getValue().p()))
                        .map(Map.Entry::getKey).orElse("-");
                LabResult.Survival six = m.funded().isEmpty() ? null : m.funded().get(m.funded().size() - 1);
                out.printf(Locale.ROOT, "%-26s %-10s %8s  %-15s %9s  %-22s %14s %11s %13s%n", f.firm(), m.method(),
                        m.unfinished() > 0 ? (m.paths() - m.unfinished()) + "/" + m.paths() + "*" : Integer.toString(m.paths()),
                        pct(m.passAll().p()),
                        Double.isNaN(m.passAll().p()) ? "-" : pct(m.passAll().lo()) + "-" + pct(m.passAll().hi()),
                        pct(m.breach().p()) + (m.breach().successes() > 0 ? " (" + main + ")" : ""),
                        m.daysToPassAll().count() == 0 ? "-" : m.daysToPassAll().p50() + " days",
                        Double.isNaN(m.expectedFees()) || Double.isNaN(m.passAll().p()) ? "-"
                                : Double.isInfinite(m.expectedFees()) ? "inf" : String.format(Locale.ROOT, "%.2f", m.expectedFees()),
                        six == null ? "-" : pct(six.survives().p()));
            }
        }
        boolean unfinished = r.firms().stream().flatMap(f -> f.methods().stream()).anyMatch(m -> m.unfinished() > 0);
        if (unfinished) out.println("* decided/all historical start dates: those whose history ended before the challenge was "
                + "decided are left out of every probability");
        for (LabResult.FirmResult f : r.firms()) {
            if (f.riskCurve() == null) continue;
            double best = f.riskCurve().bestRiskPct();
            out.printf(Locale.ROOT, "risk curve %-26s best risk with P(breach) <= %s %%: %s%n", f.firm(),
                    pct(f.riskCurve().breachBound()), Double.isNaN(best) ? "none on the grid"
                            : String.format(Locale.ROOT, "%.2f %% per trade", best));
        }
        out.printf(Locale.ROOT, "(%.1f s; fees/funded = challenge fees paid per funded account, 1 / P(pass all); seed %d)%n",
                r.elapsedMs() / 1000.0, r.seed());
    }

    private static String pct(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * p);
    }
}
