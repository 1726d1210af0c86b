package io.vprop.challenge.sim;

import java.util.List;
import java.util.Map;

/**
 * What the lab runs. Build with {@link #of(List)} and the {@code with…} methods.
 *
 * @param firms             the firms' programmes ({@link FirmPlan#bundled(String)} for the bundled ones)
 * @param initialBalance    account size of every phase, in {@code currency}
 * @param riskPctPerTrade   target money at risk per trade as % of the initial balance; NaN = the trades as recorded
 * @param volumeSteps       symbol → volume step in lots (MT5 SYMBOL_VOLUME_STEP); others use {@code defaultVolumeStep}
 * @param paths             bootstrap paths per firm (each: every challenge phase, then the funded account)
 * @param seed              the one seed: the same seed gives the same result for any thread count
 * @param threads           worker threads (results do not depend on it)
 * @param horizonDays       calendar days after which a phase without a time limit is abandoned ("horizon")
 * @param meanBlockDays     stationary bootstrap mean block length in days; NaN = Politis–White automatic selection
 * @param alignWeekdays     bootstrap blocks start on a history day of the same weekday as the simulated day
 * @param riskGrid          risk-per-trade values (% of initial) for the risk curve; empty = no curve
 * @param gridPaths         bootstrap paths per risk-curve point
 * @param breachBound       the risk curve's bound on P(breach) for the best risk
 * @param news              high-impact releases (for profiles with a news rule)
 * @param historical        run the historical start-date method
 * @param bootstrap         run the stationary block bootstrap
 */
public record LabSpec(List<FirmPlan> firms, double initialBalance, String currency, double riskPctPerTrade,
                      Map<String, Double> volumeSteps, double defaultVolumeStep, int paths, long seed, int threads,
                      int horizonDays, double meanBlockDays, boolean alignWeekdays, List<Double> riskGrid,
                      int gridPaths, double breachBound, List<NewsRelease> news, boolean historical, boolean bootstrap) {

    /** A scheduled high-impact release; {@code currency} an ISO code or "ALL". */
    public record NewsRelease(long releaseMs, String currency) {
        public NewsRelease {
            if (currency == null || currency.isBlank()) throw new IllegalArgumentException("news.currency: missing value");
        }
    }

    public LabSpec {
        firms = List.copyOf(firms);
        if (firms.isEmpty()) throw new IllegalArgumentException("firms: at least one firm is needed");
        if (!(initialBalance > 0) || Double.isInfinite(initialBalance)) {
            throw new IllegalArgumentException("initialBalance: must be a finite number greater than 0, got " + initialBalance);
        }
        if (currency == null || currency.isBlank()) throw new IllegalArgumentException("currency: missing value");
        if (!Double.isNaN(riskPctPerTrade) && !(riskPctPerTrade > 0 && riskPctPerTrade <= 100)) {
            throw new IllegalArgumentException("riskPctPerTrade: must be in (0, 100] % or NaN (as recorded), got " + riskPctPerTrade);
        }
        volumeSteps = Map.copyOf(volumeSteps);
        volumeSteps.forEach((s, v) -> {
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("volumeSteps." + s + ": must be > 0, got " + v);
        });
        if (!(defaultVolumeStep > 0)) throw new IllegalArgumentException("defaultVolumeStep: must be > 0, got " + defaultVolumeStep);
        if (paths < 0) throw new IllegalArgumentException("paths: must not be negative, got " + paths);
        if (threads < 1) throw new IllegalArgumentException("threads: must be at least 1, got " + threads);
        if (horizonDays < 1) throw new IllegalArgumentException("horizonDays: must be at least 1, got " + horizonDays);
        if (!Double.isNaN(meanBlockDays) && !(meanBlockDays >= 1)) {
            throw new IllegalArgumentException("meanBlockDays: must be >= 1 or NaN (automatic), got " + meanBlockDays);
        }
        riskGrid = List.copyOf(riskGrid);
        for (double r : riskGrid) {
            if (!(r > 0 && r <= 100)) throw new IllegalArgumentException("riskGrid: " + r + " is not in (0, 100] %");
        }
        if (gridPaths < 1 && !riskGrid.isEmpty()) throw new IllegalArgumentException("gridPaths: must be at least 1, got " + gridPaths);
        if (!(breachBound >= 0 && breachBound <= 1)) throw new IllegalArgumentException("breachBound: must be in [0, 1], got " + breachBound);
        news = List.copyOf(news);
        if (!historical && !bootstrap) throw new IllegalArgumentException("methods: choose historical, bootstrap or both");
    }

    /**
     * Defaults: 100,000 USD, 1 % risk per trade, 0.01-lot steps, 10,000 bootstrap paths, seed 1, all cores,
     * 180-day horizon, automatic block length aligned on weekdays, a risk curve from 0.25 % to 3 % (2,000 paths a
     * point) with P(breach) at most 20 %, both methods, no news.
     */
    public static LabSpec of(List<FirmPlan> firms) {
        return new LabSpec(firms, 100_000, "USD", 1.0, Map.of(), 0.01, 10_000, 1,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 180, Double.NaN, true,
                List.of(0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0), 2_000, 0.20, List.of(), true, true);
    }

    /** The most points {@link #grid} makes: each point is a bootstrap run of {@code gridPaths} per firm. */
    public static final int MAX_GRID_POINTS = 100;

    /**
     * A risk curve's grid: {@code from}, {@code from + step}, … up to {@code to} (included when the steps land on it),
     * in % of the initial balance, exact in decimal (0.1 + 0.2 is 0.3 here).
     */
    public static List<Double> grid(double from, double to, double step) {
        if (!(from > 0 && from <= 100)) throw new IllegalArgumentException("risk curve: from " + from + " % is not in (0, 100]");
        if (!(to >= from && to <= 100)) throw new IllegalArgumentException("risk curve: to " + to + " % must be in [from, 100]");
        if (!(step > 0)) throw new IllegalArgumentException("risk curve: step " + step + " % must be > 0");
        java.math.BigDecimal a = java.math.BigDecimal.valueOf(from), b = java.math.BigDecimal.valueOf(to),
                s = java.math.BigDecimal.valueOf(step);
        List<Double> out = new java.util.ArrayList<>();
        for (java.math.BigDecimal v = a; v.compareTo(b) <= 0; v = v.add(s)) {
            if (out.size() == MAX_GRID_POINTS)
                throw new IllegalArgumentException("risk curve: " + from + ".." + to + " in steps of " + step + " % has more than "
                        + MAX_GRID_POINTS + " points");
            out.add(v.doubleValue());
        }
        return List.copyOf(out);
    }

    public LabSpec withBalance(double balance, String ccy) {
        return new LabSpec(firms, balance, ccy, riskPctPerTrade, volumeSteps, defaultVolumeStep, paths, seed, threads,
                horizonDays, meanBlockDays, alignWeekdays, riskGrid, gridPaths, breachBound, news, historical, bootstrap);
    }

    public LabSpec withRisk(double pct, Map<String, Double> steps, double defaultStep) {
        return new LabSpec(firms, initialBalance, currency, pct, steps, defaultStep, paths, seed, threads,
                horizonDays, meanBlockDays, alignWeekdays, riskGrid, gridPaths, breachBound, news, historical, bootstrap);
    }

    public LabSpec withPaths(int n, long seedValue, int threadCount) {
        return new LabSpec(firms, initialBalance, currency, riskPctPerTrade, volumeSteps, defaultVolumeStep, n, seedValue,
                threadCount, horizonDays, meanBlockDays, alignWeekdays, riskGrid, gridPaths, breachBound, news, historical, bootstrap);
    }

    public LabSpec withBootstrap(double meanBlock, boolean align, int horizon) {
        return new LabSpec(firms, initialBalance, currency, riskPctPerTrade, volumeSteps, defaultVolumeStep, paths, seed,
                threads, horizon, meanBlock, align, riskGrid, gridPaths, breachBound, news, historical, bootstrap);
    }

    public LabSpec withRiskCurve(List<Double> grid, int perPoint, double bound) {
        return new LabSpec(firms, initialBalance, currency, riskPctPerTrade, volumeSteps, defaultVolumeStep, paths, seed,
                threads, horizonDays, meanBlockDays, alignWeekdays, grid, perPoint, bound, news, historical, bootstrap);
    }

    public LabSpec withNews(List<NewsRelease> releases) {
        return new LabSpec(firms, initialBalance, currency, riskPctPerTrade, volumeSteps, defaultVolumeStep, paths, seed,
                threads, horizonDays, meanBlockDays, alignWeekdays, riskGrid, gridPaths, breachBound, releases, historical, bootstrap);
    }

    public LabSpec withMethods(boolean runHistorical, boolean runBootstrap) {
        return new LabSpec(firms, initialBalance, currency, riskPctPerTrade, volumeSteps, defaultVolumeStep, paths, seed,
                threads, horizonDays, meanBlockDays, alignWeekdays, riskGrid, gridPaths, breachBound, news, runHistorical, runBootstrap);
    }

    double volumeStep(String symbol) {
        Double s = volumeSteps.get(symbol);
        return s == null ? defaultVolumeStep : s;
    }
}
