package io.vprop.challenge.sim;

import io.vprop.governors.time.FirmDayClock;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs {@link PathBlock}s of one lab input, on whichever JVM has it: the firms' books (at the run's risk and at each
 * risk-curve point) and block lengths are built on first use and kept, exactly as {@link ChallengeLab} builds them on
 * the driver. Thread-safe: a worker's cores share one.
 */
public final class LabWorker {
    private final LabInput in;
    private final ScaledTrades scaled;
    private final Map<Integer, Firm> firms = new ConcurrentHashMap<>();
    private final Map<Long, Book> books = new ConcurrentHashMap<>();

    private record Firm(FirmPlan plan, FirmDayClock clock, int calendar, Book book, double block) {
    }

    public LabWorker(LabInput in) {
        this.in = in;
        this.scaled = ScaledTrades.of(in.history(), in.spec(), in.spec().riskPctPerTrade());
    }

    public BlockOutcome run(PathBlock b) {
        LabSpec spec = in.spec();
        Firm f = firms.computeIfAbsent(b.firm(), this::firm);
        Book book = b.point() < 0 ? f.book : books.computeIfAbsent(((long) b.firm() << 32) | b.point(), k -> new Book(
                ScaledTrades.of(in.history(), spec, spec.riskGrid().get(b.point())), f.clock, spec.news(), f.calendar));
        PathOutcomes out = new PathOutcomes(b.to() - b.from(), f.plan.challenge().size());
        PathRunner r = new PathRunner(book, f.plan, spec.initialBalance(), spec.currency(), spec.horizonDays());
        if (b.method().equals("historical")) {
            for (int p = b.from(); p < b.to(); p++) r.run(new DayCursor.Historical(book, book.tradeDays[p]), out, p - b.from());
        } else {
            int[][] byWeekday = spec.alignWeekdays() ? DayCursor.Bootstrap.byWeekday(book) : null;
            for (int p = b.from(); p < b.to(); p++) {
                SplittableRandom rng = new SplittableRandom(ChallengeLab.pathSeed(spec.seed(), p));
                r.run(new DayCursor.Bootstrap(book, rng, f.block, byWeekday), out, p - b.from());
            }
        }
        return BlockOutcome.of(out);
    }

    private Firm firm(int index) {
        ChallengeLab.Prepared p = ChallengeLab.prepare(in.spec().firms().get(index), in.spec(), scaled);
        return new Firm(p.plan(), p.clock(), p.calendar(), p.book(), ChallengeLab.blockLength(in.spec(), p.book()));
    }

    /** The blocks of a whole run, {@code chunk} paths each, in the order the driver summarises them. */
    static List<PathBlock> blocks(LabInput in, List<ChallengeLab.Prepared> prepared, int chunk) {
        LabSpec spec = in.spec();
        List<PathBlock> out = new java.util.ArrayList<>();
        for (int fi = 0; fi < prepared.size(); fi++) {
            ChallengeLab.Prepared p = prepared.get(fi);
            if (spec.historical()) add(out, fi, "historical", -1, p.book().tradeDays.length, chunk);
            if (spec.bootstrap() && spec.paths() > 0) add(out, fi, "bootstrap", -1, spec.paths(), chunk);
            for (int k = 0; k < spec.riskGrid().size(); k++) {
                if (ScaledTrades.of(in.history(), spec, spec.riskGrid().get(k)).kept() == 0) continue; // no paths run
                add(out, fi, "bootstrap", k, spec.gridPaths(), chunk);
            }
        }
        return out;
    }

    private static void add(List<PathBlock> out, int firm, String method, int point, int n, int chunk) {
        for (int from = 0; from < n; from += chunk) out.add(new PathBlock(firm, method, point, from, Math.min(n, from + chunk)));
    }
}
