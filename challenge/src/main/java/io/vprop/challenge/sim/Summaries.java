package io.vprop.challenge.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the per-path outcomes of one run into {@link LabResult.MethodResult}. */
final class Summaries {
    static final int[] MONTHS = {1, 3, 6};
    static final int[] MONTH_DAYS = {30, 91, 183};

    private Summaries() {}

    static LabResult.MethodResult method(String name, FirmPlan plan, PathOutcomes o) {
        int k = o.phases;
        // a path is decided when its last reached phase did not end with the end of the history
        int unfinished = 0, decided = 0, passedAll = 0, breached = 0;
        Map<String, Integer> failAll = new TreeMap<>();
        int[] daysAll = new int[o.paths];
        int nDaysAll = 0;
        for (int p = 0; p < o.paths; p++) {
            int last = lastReached(o, p);
            int st = o.status(p, last);
            if (st == PathRunner.END) {
                unfinished++;
                continue;
            }
            decided++;
            if (last == k - 1 && st == PathRunner.PASS) {
                passedAll++;
                int sum = 0;
                for (int j = 0; j < k; j++) sum += o.days[p * k + j];
                daysAll[nDaysAll++] = sum;
            }
            if (st == PathRunner.FAIL) {
                breached++;
                failAll.merge(o.rule[p * k + last], 1, Integer::sum);
            }
        }
        List<LabResult.PhaseResult> phases = new ArrayList<>();
        for (int j = 0; j < k; j++) phases.add(phase(plan.challenge().get(j).name(), o, j));
        LabResult.Rate pass = Wilson.rate(passedAll, decided);
        Map<String, LabResult.Rate> byRule = new TreeMap<>();
        final int n = decided;
        failAll.forEach((r, c) -> byRule.put(r, Wilson.rate(c, n)));
        return new LabResult.MethodResult(name, o.paths, unfinished, phases, pass, Wilson.rate(breached, decided),
                byRule, passedAll == 0 ? Double.POSITIVE_INFINITY : 1.0 / pass.p(), funded(plan, o),
                days(Arrays.copyOf(daysAll, nDaysAll)));
    }

    private static int lastReached(PathOutcomes o, int p) {
        int last = 0;
        for (int j = 0; j < o.phases; j++) if (o.status(p, j) != PathRunner.NOT_REACHED) last = j;
        return last;
    }

    private static LabResult.PhaseResult phase(String name, PathOutcomes o, int j) {
        int reached = 0, pass = 0, horizon = 0;
        Map<String, Integer> fails = new TreeMap<>();
        int[] d = new int[o.paths];
        int nd = 0;
        for (int p = 0; p < o.paths; p++) {
            int st = o.status(p, j);
            if (st == PathRunner.NOT_REACHED || st == PathRunner.END) continue;
            reached++;
            if (st == PathRunner.PASS) {
                pass++;
                d[nd++] = o.days[p * o.phases + j];
            } else if (st == PathRunner.FAIL) {
                fails.merge(o.rule[p * o.phases + j], 1, Integer::sum);
            } else if (st == PathRunner.HORIZON) {
                horizon++;
            }
        }
        Map<String, LabResult.Rate> byRule = new TreeMap<>();
        final int n = reached;
        fails.forEach((r, c) -> byRule.put(r, Wilson.rate(c, n)));
        return new LabResult.PhaseResult(name, reached, Wilson.rate(pass, reached), byRule, Wilson.rate(horizon, reached),
                days(Arrays.copyOf(d, nd)));
    }

    /**
     * Survival of the funded account h days after it started: survived when it had no breach in its first h days,
     * failed when it breached within them, censored when the history ended first.
     */
    private static List<LabResult.Survival> funded(FirmPlan plan, PathOutcomes o) {
        if (plan.funded() == null) return List.of();
        List<LabResult.Survival> out = new ArrayList<>();
        for (int m = 0; m < MONTHS.length; m++) {
            int h = MONTH_DAYS[m], alive = 0, trials = 0, censored = 0;
            for (int p = 0; p < o.paths; p++) {
                int st = o.fundedStatus[p];
                if (st == PathRunner.NOT_REACHED) continue;
                int d = o.fundedDays[p];
                if (st == PathRunner.FAIL && d <= h) {
                    trials++;
                } else if (d >= h) {
                    trials++;
                    alive++;
                } else {
                    censored++;
                }
            }
            out.add(new LabResult.Survival(MONTHS[m], h, Wilson.rate(alive, trials), censored));
        }
        return out;
    }

    static LabResult.Days days(int[] d) {
        if (d.length == 0) return new LabResult.Days(0, Double.NaN, 0, 0, 0, 0, 0, 0, new int[0]);
        int[] s = d.clone();
        Arrays.sort(s);
        int max = s[s.length - 1];
        int[] hist = new int[max + 1];
        double sum = 0;
        for (int v : s) {
            hist[v]++;
            sum += v;
        }
        return new LabResult.Days(s.length, sum / s.length, q(s, 0.10), q(s, 0.25), q(s, 0.50), q(s, 0.75), q(s, 0.90),
                max, hist);
    }

    /** Nearest-rank quantile. */
    private static int q(int[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
