package io.vprop.research.edges;

import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.regime.Regime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each cell's edge from labelled candidates, shrunk toward zero by the amount of evidence.
 * <p>
 * <b>Method: normal–normal empirical Bayes.</b> A cell's true gross edge θ_c ~ N(0, τ²); its observed mean
 * m_c ~ N(θ_c, v_c) with v_c = s_c² / n_eff,c. The posterior mean is m_c · τ² / (τ² + v_c): a cell with little
 * evidence (large v_c) is pulled to zero, one with much evidence keeps its mean. τ² is estimated from the cells
 * themselves by the method of moments, τ² = max(0, mean(m_c²) − mean(v_c)): if the cells' spread is no more than
 * their noise, τ² = 0 and every edge is zero — the honest answer when nothing is there. Why not a t-based lower bound:
 * Q* and the Kelly fraction are expectations, and a lower bound is a biased estimate of one (it would make every
 * cell look worse than it is by a margin that depends only on its sample size); the posterior mean minimises the
 * squared error of the expectation, which is what the score uses. The lower bound is still written per cell
 * ({@code lower95_r}) for the report.
 * <p>
 * <b>Overlap.</b> Candidates of one cell overlap in time (an alpha fires on consecutive bars while the first trade is
 * still open), so their outcomes are not independent. n_eff counts a cell's candidates that do not overlap (per
 * symbol, greedily in time: a candidate counts if it enters after the last counted one is flat); the variance of the
 * mean uses n_eff, not n, so overlapping evidence is not counted twice.
 * <p>
 * <b>Win rates and bandit priors.</b> A cell's win rate (net R &gt; 0) is the Beta(2, 3) posterior mean with its
 * n_eff (shrunk to 0.4, the break-even of a 1.5 R target, by evidence). The bandit's prior per (regime, alpha) is
 * Beta(2 + w·k, 3 + (n_eff − w)·k) over that pair's candidates, with the evidence capped at {@code priorCap}
 * pseudo-observations (k = min(1, priorCap / n_eff)) so the live bandit can still learn.
 */
public final class EdgeFit {
    public static final double PRIOR_A = 2, PRIOR_B = 3;

    /**
     * @param priorCap       largest evidence of a bandit prior, in pseudo-trades
     * @param lowerBoundGate a cell keeps its edge only when its one-sided 95 % t lower bound after costs is positive
     *                       (else its gross edge is 0): a stricter, multiple-comparison-minded variant, off by default
     * @param pooledFloor    a cell's variance is at least the pooled variance of all candidates. Why: a cell whose
     *                       candidates are one trade seen on many overlapping quotes (n 189, n_eff 2 on two weeks of
     *                       M1) has a standard deviation near 0, so s²/n_eff is near 0 and the fit keeps its raw mean
     *                       (+2 R) unshrunk. Off by default (the H4/D1 and EURUSD H1 parts were fitted without it);
     *                       the intraday report uses it for the M1 and tick files
     */
    public record Params(double priorCap, boolean lowerBoundGate, boolean pooledFloor) {
        public Params {
            if (!(priorCap > 0)) throw new IllegalArgumentException("priorCap must be > 0, got " + priorCap);
        }

        public Params(double priorCap, boolean lowerBoundGate) { this(priorCap, lowerBoundGate, false); }

        public Params(double priorCap) { this(priorCap, false, false); }

        public static Params defaults() { return new Params(30, false, false); }
    }

    /** A fitted cell with the statistics the report shows. */
    public record FittedCell(AlphaId alpha, Timeframe timeframe, String symbolClass, Regime regime, Session session,
                             int n, int nEff, double meanGrossR, double sdGrossR, double meanCostR, double meanNetR,
                             double shrunkGrossR, double lower95GrossR, double winRate) {
        /** The fitted net edge the engine expects after costs like the fit's. */
        public double shrunkNetR() { return shrunkGrossR - meanCostR; }
    }

    public record PriorCell(Regime regime, AlphaId alpha, int n, int nEff, int wins, double a, double b) {
    }

    public record Result(List<FittedCell> cells, List<PriorCell> priors, double tau2, int candidates) {
        public EdgeTable table(String version) {
            List<EdgeTable.Cell> c = new ArrayList<>();
            for (FittedCell f : cells)
                c.add(new EdgeTable.Cell(f.alpha(), f.timeframe(), f.symbolClass(), f.regime(), f.session(), f.nEff(),
                        f.shrunkGrossR(), f.winRate()));
            List<EdgeTable.Prior> p = new ArrayList<>();
            for (PriorCell x : priors) p.add(new EdgeTable.Prior(x.regime(), x.alpha(), x.a(), x.b()));
            return new EdgeTable(version, c, p, PRIOR_A, PRIOR_B);
        }
    }

    private EdgeFit() {}

    /** The candidates whose outcome is known before {@code cutoffMs} and that entered at or after {@code fromMs}. */
    public static List<Candidate> window(List<Candidate> all, long fromMs, long cutoffMs) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : all) if (c.entryMs() >= fromMs && c.exitMs() < cutoffMs && !c.exit().endsWith("open")) out.add(c);
        return out;
    }

    public static Result fit(List<Candidate> candidates, Params params) {
        Map<String, List<Candidate>> byCell = new TreeMap<>();
        Map<String, List<Candidate>> byPrior = new TreeMap<>();
        for (Candidate c : candidates) {
            byCell.computeIfAbsent(c.alpha().ordinal() + "|" + c.timeframe().ordinal() + "|" + c.symbolClass() + "|"
                    + c.regime().ordinal() + "|" + c.session().ordinal(), k -> new ArrayList<>()).add(c);
            byPrior.computeIfAbsent(c.regime().ordinal() + "|" + c.alpha().ordinal(), k -> new ArrayList<>()).add(c);
        }
        List<double[]> raw = new ArrayList<>();   // n, nEff, mean, sd, cost, net, wins(eff), sd for the mean's variance, sd for the mean's variance
        List<Candidate> firsts = new ArrayList<>();
        double pooledVar = pooledVariance(candidates);
        for (List<Candidate> cell : byCell.values()) {
            List<Candidate> eff = nonOverlapping(cell);
            double n = cell.size(), mean = 0, cost = 0, net = 0;
            for (Candidate c : cell) { mean += c.grossR(); cost += c.costR(); net += c.netR(); }
            mean /= n; cost /= n; net /= n;
            double ss = 0;
            for (Candidate c : cell) ss += (c.grossR() - mean) * (c.grossR() - mean);
            double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Math.sqrt(pooledVar);
            double sdVar = params.pooledFloor() ? Math.max(sd, Math.sqrt(pooledVar)) : sd;   // for the mean's variance
            int wins = 0;
            for (Candidate c : eff) if (c.netR() > 0) wins++;
            raw.add(new double[]{n, eff.size(), mean, sd, cost, net, wins, sdVar});
            firsts.add(cell.get(0));
        }
        double sumM2 = 0, sumV = 0;
        for (double[] r : raw) { sumM2 += r[2] * r[2]; sumV += r[7] * r[7] / r[1]; }
        double tau2 = raw.isEmpty() ? 0 : Math.max(0, (sumM2 - sumV) / raw.size());
        List<FittedCell> cells = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            double[] r = raw.get(i);
            Candidate c = firsts.get(i);
            double v = r[7] * r[7] / r[1];
            double shrunk = tau2 + v > 0 ? r[2] * tau2 / (tau2 + v) : 0;
            double lower = r[2] - tQuantile95(r[1] - 1) * Math.sqrt(v);
            if (params.lowerBoundGate() && !(lower - r[4] > 0)) shrunk = 0;
            double win = (PRIOR_A + r[6]) / (PRIOR_A + PRIOR_B + r[1]);
            cells.add(new FittedCell(c.alpha(), c.timeframe(), c.symbolClass(), c.regime(), c.session(), (int) r[0], (int) r[1],
                    r6(r[2]), r6(r[3]), r6(r[4]), r6(r[5]), r6(shrunk), r6(lower), r6(win)));
        }
        List<PriorCell> priors = new ArrayList<>();
        for (List<Candidate> pair : byPrior.values()) {
            List<Candidate> eff = new ArrayList<>();
            Map<String, List<Candidate>> sub = new TreeMap<>();   // overlap counted within each cell's own stream
            for (Candidate c : pair) sub.computeIfAbsent(c.timeframe() + "|" + c.symbolClass(), k -> new ArrayList<>()).add(c);
            for (List<Candidate> l : sub.values()) eff.addAll(nonOverlapping(l));
            int wins = 0;
            for (Candidate c : eff) if (c.netR() > 0) wins++;
            double k = Math.min(1, params.priorCap() / Math.max(1, eff.size()));
            Candidate c = pair.get(0);
            priors.add(new PriorCell(c.regime(), c.alpha(), pair.size(), eff.size(), wins,
                    r6(PRIOR_A + wins * k), r6(PRIOR_B + (eff.size() - wins) * k)));
        }
        cells.sort(Comparator.comparing(FittedCell::alpha).thenComparing(FittedCell::timeframe)
                .thenComparing(FittedCell::symbolClass).thenComparing(FittedCell::regime).thenComparing(FittedCell::session));
        priors.sort(Comparator.comparing(PriorCell::regime).thenComparing(PriorCell::alpha));
        return new Result(List.copyOf(cells), List.copyOf(priors), r6(tau2 * 1e6) / 1e6, candidates.size());
    }

    private static double pooledVariance(List<Candidate> all) {
        if (all.size() < 2) return 1;
        double m = 0;
        for (Candidate c : all) m += c.grossR();
        m /= all.size();
        double ss = 0;
        for (Candidate c : all) ss += (c.grossR() - m) * (c.grossR() - m);
        return ss / (all.size() - 1);
    }

    /** Per symbol, in entry order, the candidates that enter after the previously counted one is flat. */
    static List<Candidate> nonOverlapping(List<Candidate> cell) {
        Map<String, Long> flatAt = new HashMap<>();
        List<Candidate> sorted = new ArrayList<>(cell);
        sorted.sort(CandidateRecording.ORDER);
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : sorted) {
            Long f = flatAt.get(c.symbol());
            if (f != null && c.entryMs() <= f) continue;
            out.add(c);
            flatAt.put(c.symbol(), c.exitMs());
        }
        return out;
    }

    /** One-sided 95 % quantile of Student's t with df degrees of freedom (Cornish–Fisher; normal for large df). */
    static double tQuantile95(double df) {
        if (!(df >= 1)) return Double.POSITIVE_INFINITY;
        double z = 1.6448536269514722, z3 = z * z * z, z5 = z3 * z * z;
        return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
    }

    /** Six decimals: the artefact is text, and a last-bit difference must not change its bytes. */
    static double r6(double v) { return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v; }
}
