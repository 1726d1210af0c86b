package io.vprop.cli;

import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.Breach;
import io.vprop.research.EquityPoint;

import java.io.PrintStream;
import java.time.Instant;
import io.vprop.market.io.FileReadCounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few numbers {@code vprop backtest} prints, each with its unit, and the run's description for the JSON. (The
 * statistics proper — Sharpe, confidence intervals, walk-forward — are research's stats and report packages.)
 */
final class BacktestSummary {
    private final BacktestResult r;
    private final double seconds;
    private final BacktestSetup setup;

    private final List<FileReadCounts> reads;

    BacktestSummary(BacktestResult result, double seconds, BacktestSetup setup, List<FileReadCounts> reads) {
        this.r = result;
        this.seconds = seconds;
        this.setup = setup;
        this.reads = List.copyOf(reads);
    }

    /** How the run was set up and how long it took, for the JSON's "run" section. */
    Map<String, Object> run() {
        BacktestCommand o = setup.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", o.strategy);
        m.put("data", setup.files().stream().map(Object::toString).toList());
        m.put("kind", setup.unit());
        m.put("server_tz", setup.clock().describe());
        m.put("profile", o.profile);
        m.put("seed", o.costs.seed);
        m.put("bars_mode", o.costs.barsMode);
        m.put("commission_per_lot_per_side_usd", o.costs.commission);
        m.put("slippage_max_points", o.costs.slippage);
        m.put("latency_ms", o.latencyMs);
        m.put("bad_rows", o.badRows.value);
        m.put("rows", BadRowsOption.json(reads));
        m.put("elapsed_s", Math.round(seconds * 100) / 100.0);
        m.put("events_per_s", Math.round(r.events() / Math.max(seconds, 1e-9)));
        return m;
    }

    void print(PrintStream out) {
        long wins = r.trades().stream().filter(t -> t.pnl() > 0).count();
        double pnl = r.trades().stream().mapToDouble(BacktestTrade::pnl).sum();
        EquityPoint last = r.equity().isEmpty() ? null : r.equity().get(r.equity().size() - 1);
        double[] dd = maxDrawdown();
        Map<String, Long> exits = new TreeMap<>();
        for (BacktestTrade t : r.trades()) exits.merge(t.exitReason(), 1L, Long::sum);
        Map<String, Long> refused = new TreeMap<>();
        r.counters().forEach((k, v) -> { if (k.startsWith("refused.")) refused.put(k.substring(8), v); });
        out.println("backtest summary");
        line(out, "strategy", setup.strategyName());
        line(out, "data", setup.describeData() + " (server time " + setup.clock().describe() + ")");
        line(out, "period", r.events() == 0 ? "no data in the period"
                : Instant.ofEpochMilli(r.fromMs()) + " → " + Instant.ofEpochMilli(r.toMs()) + " (UTC)");
        BadRowsOption.print(out, reads, "  %-17s %s%n");
        line(out, "firm profile", setup.config().profile() == null ? "none" : setup.config().profileId());
        line(out, "events", String.format(Locale.ROOT, "%,d %s in %.2f s (%,.0f %s/s)", r.events(), setup.unit(), seconds,
                r.events() / Math.max(seconds, 1e-9), setup.unit()));
        line(out, "trades", String.format(Locale.ROOT, "%,d, %,d won (%.1f %%)%s", r.trades().size(), wins,
                r.trades().isEmpty() ? 0.0 : 100.0 * wins / r.trades().size(), exits.isEmpty() ? "" : "; exits " + counts(exits)));
        line(out, "net P&L", String.format(Locale.ROOT, "%,.2f %s (%+.2f %% of the initial balance)", pnl, r.currency(),
                100 * pnl / r.initialBalance()));
        if (last != null) line(out, "final", String.format(Locale.ROOT, "balance %,.2f %s, equity %,.2f %s", last.balance(),
                r.currency(), last.equity(), r.currency()));
        line(out, "max drawdown", String.format(Locale.ROOT, "%,.2f %s (%.2f %% of the peak equity)", dd[0], r.currency(), dd[1]));
        line(out, "news calendar", setup.config().news().isEmpty() ? "none (--calendar FILE to apply the news rules)"
                : String.format(Locale.ROOT, "%,d releases of the data's currencies, %,d told to the governors, %,d resting "
                + "orders cancelled", setup.config().news().size(), r.counters().getOrDefault("news_learnt", 0L),
                r.counters().getOrDefault("news_cancelled", 0L)));
        line(out, "refused orders", refused.isEmpty() ? "none" : counts(refused));
        if (r.breaches().isEmpty()) line(out, "breaches", "none");
        for (Breach b : r.breaches())
            line(out, "breach", Instant.ofEpochMilli(b.timeMs()) + " " + b.ruleId() + " → " + b.action() + ": " + b.message());
        if (r.counters().containsKey("stopped_at_halt")) line(out, "stopped", "at the governors' halt (--continue-after-halt to go on)");
    }

    /** "stop 3, target 2": counts in words, never a Java map's toString. */
    static String counts(Map<String, Long> byKind) {
        StringBuilder b = new StringBuilder();
        byKind.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format(Locale.ROOT, "%,d", n)));
        return b.toString();
    }

    /** Peak-to-trough of the sampled equity: {money, percent of the peak}. */
    private double[] maxDrawdown() {
        double peak = r.initialBalance(), worst = 0, pct = 0;
        for (EquityPoint p : r.equity()) {
            peak = Math.max(peak, p.equity());
            if (peak - p.equity() > worst) {
                worst = peak - p.equity();
                pct = 100 * worst / peak;
            }
        }
        return new double[]{worst, pct};
    }

    private static void line(PrintStream out, String label, String value) { out.printf("  %-17s %s%n", label, value); }
}
