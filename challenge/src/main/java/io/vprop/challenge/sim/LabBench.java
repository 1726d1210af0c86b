package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Entry points for the benchmark harness (bench/…/challenge): bootstrap paths through the governors, and the same
 * loop without them as the in-run baseline. Not for production use.
 */
public final class LabBench {
    private LabBench() {}

    /**
     * @param daysPerPath calendar days each path simulated (all its phases)
     * @param eventsPerPath trades taken per path, averaged
     */
    public record Run(int paths, long nanos, int[] daysPerPath, double meanBlockDays, int historyDays, int trades) {
        public double pathsPerMinute() {
            return paths / (nanos / 60e9);
        }

        public double meanDays() {
            long s = 0;
            for (int d : daysPerPath) s += d;
            return (double) s / daysPerPath.length;
        }
    }

    /** {@code paths} bootstrap paths of {@code plan} on {@code spec.threads()} threads, timed. */
    public static Run governed(TradeHistory h, LabSpec spec, FirmPlan plan, int paths) {
        Book book = book(h, spec, plan);
        double block = Double.isNaN(spec.meanBlockDays()) ? BlockLength.politisWhite(book.dailyNet) : spec.meanBlockDays();
        ExecutorService pool = pool(spec);
        try {
            long t0 = System.nanoTime();
            PathOutcomes o = ChallengeLab.bootstrap(book, plan, spec, paths, block, pool);
            long ns = System.nanoTime() - t0;
            int[] days = new int[paths];
            for (int p = 0; p < paths; p++) {
                for (int k = 0; k < o.phases; k++) days[p] += o.days[p * o.phases + k];
                days[p] += o.fundedDays[p];
            }
            return new Run(paths, ns, days, block, book.days, book.trades);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /**
     * The baseline: the same paths (same seeds, same days drawn, same trades, same event loop and equity path) for
     * the same number of days each as {@code like}, with every governor call replaced by "allow".
     */
    public static Run baseline(TradeHistory h, LabSpec spec, FirmPlan plan, Run like) {
        Book book = book(h, spec, plan);
        int[][] byWeekday = spec.alignWeekdays() ? DayCursor.Bootstrap.byWeekday(book) : null;
        Phase first = plan.phases().get(0);
        ExecutorService pool = pool(spec);
        try {
            long t0 = System.nanoTime();
            ChallengeLab.parallel(like.paths(), pool, (from, to) -> {
                PathRunner r = new PathRunner(book, plan, spec.initialBalance(), spec.currency(), spec.horizonDays(), false);
                for (int p = from; p < to; p++) {
                    DayCursor c = new DayCursor.Bootstrap(book, new SplittableRandom(ChallengeLab.pathSeed(spec.seed(), p)),
                            like.meanBlockDays(), byWeekday);
                    r.attempt(first, c, Math.max(1, like.daysPerPath()[p]));
                }
            });
            return new Run(like.paths(), System.nanoTime() - t0, like.daysPerPath(), like.meanBlockDays(), book.days, book.trades);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    private static Book book(TradeHistory h, LabSpec spec, FirmPlan plan) {
        return new Book(ScaledTrades.of(h, spec, spec.riskPctPerTrade()), plan.phases().get(0).profile().dayClock(),
                spec.news(), PathRunner.calendarDays(plan, spec.horizonDays()));
    }

    private static ExecutorService pool(LabSpec spec) {
        return spec.threads() > 1 ? Executors.newFixedThreadPool(spec.threads(), r -> {
            Thread t = new Thread(r, "challenge-bench");
            t.setDaemon(true);
            return t;
        }) : null;
    }
}
