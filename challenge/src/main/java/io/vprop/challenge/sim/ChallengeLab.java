package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.time.FirmDayClock;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The challenge lab: how likely a trade history passes each firm's challenge and keeps the funded account, by
 * replaying it through the firm's governors (historical start dates and a stationary block bootstrap), and how that
 * changes with the risk per trade. See docs/challenge-lab.md, "Simulation".
 */
public final class ChallengeLab {
    private static final int CHUNK = 64;

    private ChallengeLab() {}

    public static LabResult run(TradeHistory history, LabSpec spec) {
        return run(history, spec, LabProgress.NONE);
    }

    /** As {@link #run(TradeHistory, LabSpec)}, telling {@code progress} how many paths are done of how many. */
    public static LabResult run(TradeHistory history, LabSpec spec, LabProgress progress) {
        return run(history, spec, progress, null, null);
    }

    /**
     * As {@link #run(TradeHistory, LabSpec, LabProgress)}, with the paths run by {@code executor} (a cluster; null
     * for this JVM's threads). Its workers build the same input from {@code recipe}; the outcomes come back by path
     * index and are summarised here exactly as a local run's, so the result is the same.
     */
    public static LabResult run(TradeHistory history, LabSpec spec, LabProgress progress, PathExecutor executor,
                                LabRecipe recipe) {
        if (executor != null && recipe == null) throw new IllegalArgumentException("a path executor needs a recipe");
        long t0 = System.nanoTime();
        ScaledTrades scaled = ScaledTrades.of(history, spec, spec.riskPctPerTrade());
        // every firm's book first: the historical method runs one path per trade day, so the total is known up front
        List<Prepared> prepared = new ArrayList<>();
        long total = 0;
        for (FirmPlan plan : spec.firms()) {
            Prepared p = prepare(plan, spec, scaled);
            prepared.add(p);
            total += (spec.historical() ? p.book.tradeDays.length : 0) + (spec.bootstrap() ? spec.paths() : 0)
                    + (long) spec.riskGrid().size() * spec.gridPaths();
        }
        Tally tally = new Tally(total, progress);
        Paths remote = executor == null ? null : remote(new LabInput(history, spec), prepared, executor, recipe, tally);
        ExecutorService pool = executor == null && spec.threads() > 1 ? Executors.newFixedThreadPool(spec.threads(), r -> {
            Thread t = new Thread(r, "challenge-lab");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            List<LabResult.FirmResult> firms = new ArrayList<>();
            Paths paths = remote != null ? remote : new LocalPaths(spec, pool, tally);
            for (int fi = 0; fi < prepared.size(); fi++) firms.add(firm(history, spec, prepared.get(fi), fi, paths, tally));
            LabResult.Trades trades = new LabResult.Trades(history.trades().size(), scaled.kept(), scaled.skippedZeroLots,
                    scaled.proxyRiskTrades, scaled.proxyRisk, scaled.assumedWorstTrades);
            return new LabResult(history.source(), spec.currency(), spec.initialBalance(), spec.riskPctPerTrade(), spec.seed(),
                    spec.threads(), trades, firms, (System.nanoTime() - t0) / 1_000_000);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /** A firm's plan with its day clock and the history laid out on its days. */
    record Prepared(FirmPlan plan, FirmDayClock clock, int calendar, Book book) {
    }

    static Prepared prepare(FirmPlan plan, LabSpec spec, ScaledTrades scaled) {
        FirmDayClock clock = plan.phases().get(0).profile().dayClock();
        int calendar = PathRunner.calendarDays(plan, spec.horizonDays());
        return new Prepared(plan, clock, calendar, new Book(scaled, clock, spec.news(), calendar));
    }

    private static LabResult.FirmResult firm(TradeHistory history, LabSpec spec, Prepared p, int fi, Paths paths,
                                             Tally tally) {
        FirmPlan plan = p.plan;
        FirmDayClock clock = p.clock;
        int calendar = p.calendar;
        Book book = p.book;
        boolean auto = Double.isNaN(spec.meanBlockDays());
        double block = blockLength(spec, book);
        String rule = auto ? "Politis-White (2004) automatic selection on the daily net P&L (Patton-Politis-White 2009 correction)"
                : "given";
        List<LabResult.MethodResult> methods = new ArrayList<>();
        if (spec.historical()) {
            methods.add(Summaries.method("historical", plan, paths.historical(fi, book, plan)));
        }
        if (spec.bootstrap() && spec.paths() > 0) {
            methods.add(Summaries.method("bootstrap", plan, paths.bootstrap(fi, -1, book, plan, spec.paths(), block)));
        }
        LabResult.RiskCurve curve = spec.riskGrid().isEmpty() ? null : RiskCurves.curve(history, spec, plan, clock,
                calendar, block, fi, paths, tally);
        List<LabResult.PhaseInfo> phases = plan.phases().stream().map(ChallengeLab::info).toList();
        return new LabResult.FirmResult(plan.id(), plan.name(), phases, book.days, block, rule, methods, curve);
    }

    static double blockLength(LabSpec spec, Book book) {
        return Double.isNaN(spec.meanBlockDays()) ? BlockLength.politisWhite(book.dailyNet) : spec.meanBlockDays();
    }

    /** Where a firm's paths come from: run here on the pool, or gathered from a {@link PathExecutor}. */
    interface Paths {
        PathOutcomes historical(int firm, Book book, FirmPlan plan);

        /** @param point -1 for the run's risk, else the risk-curve point */
        PathOutcomes bootstrap(int firm, int point, Book book, FirmPlan plan, int n, double block);
    }

    private record LocalPaths(LabSpec spec, ExecutorService pool, Tally tally) implements Paths {
        @Override
        public PathOutcomes historical(int firm, Book book, FirmPlan plan) {
            return ChallengeLab.historical(book, plan, spec, pool, tally);
        }

        @Override
        public PathOutcomes bootstrap(int firm, int point, Book book, FirmPlan plan, int n, double block) {
            return ChallengeLab.bootstrap(book, plan, spec, n, block, pool, tally);
        }
    }

    /** Every block of the run on the executor first; then the summaries read the gathered outcomes. */
    private static Paths remote(LabInput in, List<Prepared> prepared, PathExecutor executor, LabRecipe recipe, Tally tally) {
        List<PathBlock> blocks = LabWorker.blocks(in, prepared, CHUNK);
        java.util.Map<String, PathOutcomes> all = new java.util.HashMap<>();
        for (PathBlock b : blocks) {
            String key = b.firm() + "/" + b.method() + "/" + b.point();
            all.computeIfAbsent(key, k -> {
                int n = b.method().equals("historical") ? prepared.get(b.firm()).book().tradeDays.length
                        : b.point() < 0 ? in.spec().paths() : in.spec().gridPaths();
                return new PathOutcomes(n, prepared.get(b.firm()).plan().challenge().size());
            });
        }
        boolean[] done = new boolean[blocks.size()];
        executor.runBlocks(blocks, recipe, (i, o) -> {
            PathBlock b = blocks.get(i);
            synchronized (done) {
                if (done[i]) return; // a block delivered twice (a rerun task) counts once
                done[i] = true;
                o.into(all.get(b.firm() + "/" + b.method() + "/" + b.point()), b.from());
            }
            tally.add(b.to() - b.from());
        });
        for (int i = 0; i < done.length; i++) {
            if (!done[i]) throw new IllegalStateException("the executor (" + executor.description() + ") returned no outcome for "
                    + blocks.get(i).id(in.spec()));
        }
        return new Paths() {
            @Override
            public PathOutcomes historical(int firm, Book book, FirmPlan plan) {
                return all.get(firm + "/historical/-1");
            }

            @Override
            public PathOutcomes bootstrap(int firm, int point, Book book, FirmPlan plan, int n, double block) {
                return all.get(firm + "/bootstrap/" + point);
            }
        };
    }

    private static LabResult.PhaseInfo info(Phase p) {
        FirmProfile f = p.profile();
        return new LabResult.PhaseInfo(p.name(), f.id(), p.funded(), f.profitTarget() == null ? 0 : f.profitTarget().targetPct(),
                f.tradingDays() == null ? 0 : f.tradingDays().minTradingDays(), p.source(), p.note());
    }

    /** The challenge started on every day of the history that has a trade, run forward on the real days. */
    static PathOutcomes historical(Book book, FirmPlan plan, LabSpec spec, ExecutorService pool, Tally tally) {
        int n = book.tradeDays.length;
        PathOutcomes out = new PathOutcomes(n, plan.challenge().size());
        parallel(n, pool, tally, (from, to) -> {
            PathRunner r = new PathRunner(book, plan, spec.initialBalance(), spec.currency(), spec.horizonDays());
            for (int p = from; p < to; p++) r.run(new DayCursor.Historical(book, book.tradeDays[p]), out, p);
        });
        return out;
    }

    /** Stationary block bootstrap paths; path p draws from its own stream, so results do not depend on threads. */
    static PathOutcomes bootstrap(Book book, FirmPlan plan, LabSpec spec, int paths, double meanBlock, ExecutorService pool) {
        return bootstrap(book, plan, spec, paths, meanBlock, pool, Tally.NONE);
    }

    static PathOutcomes bootstrap(Book book, FirmPlan plan, LabSpec spec, int paths, double meanBlock, ExecutorService pool,
                                  Tally tally) {
        PathOutcomes out = new PathOutcomes(paths, plan.challenge().size());
        int[][] byWeekday = spec.alignWeekdays() ? DayCursor.Bootstrap.byWeekday(book) : null;
        parallel(paths, pool, tally, (from, to) -> {
            PathRunner r = new PathRunner(book, plan, spec.initialBalance(), spec.currency(), spec.horizonDays());
            for (int p = from; p < to; p++) {
                SplittableRandom rng = new SplittableRandom(pathSeed(spec.seed(), p));
                r.run(new DayCursor.Bootstrap(book, rng, meanBlock, byWeekday), out, p);
            }
        });
        return out;
    }

    /** SplitMix64's finaliser over (seed, path): well-spread, independent-looking streams per path. */
    static long pathSeed(long seed, long path) {
        long z = seed * 0x9E3779B97F4A7C15L + path + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    interface Range {
        void run(int from, int to);
    }

    /** Paths done of the run's total, passed on to the caller's {@link LabProgress}. */
    static final class Tally {
        static final Tally NONE = new Tally(0, LabProgress.NONE);
        private final long total;
        private final LabProgress listener;
        private final AtomicLong done = new AtomicLong();

        Tally(long total, LabProgress listener) {
            this.total = total;
            this.listener = listener;
        }

        void add(long paths) {
            listener.paths(done.addAndGet(paths), total);
        }
    }

    static void parallel(int n, ExecutorService pool, Range body) {
        parallel(n, pool, Tally.NONE, body);
    }

    /** Runs paths [0, n) in chunks, on the pool when there is one; each finished chunk is counted in {@code tally}. */
    static void parallel(int n, ExecutorService pool, Tally tally, Range body) {
        if (pool == null || n <= CHUNK) {
            for (int from = 0; from < n; from += CHUNK) { // chunks here too, so progress moves on one thread
                int b = Math.min(n, from + CHUNK);
                body.run(from, b);
                tally.add(b - from);
            }
            return;
        }
        List<Future<?>> fs = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) {
            int a = from, b = Math.min(n, from + CHUNK);
            fs.add(pool.submit(() -> {
                body.run(a, b);
                tally.add(b - a);
            }));
        }
        try {
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("challenge lab interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        }
    }
}
