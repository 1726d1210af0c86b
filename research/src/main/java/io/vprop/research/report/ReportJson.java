package io.vprop.research.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vprop.research.BacktestTrade;
import io.vprop.research.json.TradeJson;
import io.vprop.research.stats.DailySeries;
import io.vprop.research.stats.MonthlyReturn;
import io.vprop.research.walkforward.BreakdownRow;
import io.vprop.research.walkforward.FoldResult;
import io.vprop.research.walkforward.RunInfo;
import io.vprop.research.walkforward.Selection;
import io.vprop.research.walkforward.SymbolResult;
import io.vprop.research.walkforward.TrainOutcome;
import io.vprop.research.walkforward.WalkForwardResult;
import io.vprop.research.walkforward.WalkForwardSpec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A walk-forward result as the JSON of {@code result.json} (and the data of the HTML report). Field names carry their
 * unit ({@code pnl_usd}, {@code max_dd_pct}, {@code _utc} for dates); docs/walkforward.md lists them. Numbers that are
 * not defined (a Sharpe ratio without trades) are null. The trades are {@code oos_trades}: out of sample only.
 */
public final class ReportJson {
    /** v2: the trades are under {@code oos_trades} (v1 called them {@code trades}) and {@code kind} says what ran. */
    public static final String FORMAT = "vprop-walkforward-v2";
    /** What produced the file, for readers that take several kinds of research result (the challenge lab). */
    public static final String KIND = "walkforward";

    private ReportJson() {
    }

    public static ObjectNode of(WalkForwardResult r) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("kind", KIND);
        o.put("command_line", r.spec().commandLine());
        o.put("runner", r.runner());
        o.set("spec", spec(r.spec()));
        ObjectNode trials = StatsJson.trials(r.trials());
        trials.put("folds", r.folds().size());
        trials.put("symbols", r.spec().symbols().size());
        trials.put("grid_points", r.spec().grid().size());
        trials.put("earlier_trials", r.spec().earlierTrials());
        o.set("trials", trials);
        o.set("overall", StatsJson.stats(r.overall()));
        o.set("oos_counters", counters(r.folds().stream().flatMap(f -> f.selections().stream()).toList()));
        ArrayNode folds = o.putArray("folds");
        for (FoldResult f : r.folds()) folds.add(fold(f));
        ArrayNode symbols = o.putArray("symbols");
        for (SymbolResult s : r.symbols()) {
            ObjectNode n = symbols.addObject();
            n.put("symbol", s.symbol());
            n.set("trials", StatsJson.trials(s.trials()));
            n.set("stats", StatsJson.stats(s.stats()));
        }
        ObjectNode breakdowns = o.putObject("breakdowns");
        for (BreakdownRow b : r.breakdowns()) {
            ArrayNode rows = breakdowns.has(b.dimension()) ? (ArrayNode) breakdowns.get(b.dimension())
                    : breakdowns.putArray(b.dimension());
            ObjectNode row = StatsJson.trade(b.stats());
            row.put("key", b.key());
            rows.add(row);
        }
        ArrayNode monthly = o.putArray("monthly_returns");
        for (MonthlyReturn m : r.monthly()) {
            ObjectNode n = monthly.addObject();
            n.put("year", m.year());
            n.put("month", m.month());
            TradeJson.num(n, "return_pct", m.returnPct());
        }
        o.set("equity", equity(r.equity()));
        o.set("r_histogram", histogram(RHistogram.of(r.trades())));
        // Only test-window trades exist in a walk-forward result; the name says so, for readers that must not take
        // in-sample trades (the challenge lab): each one opens inside a fold's [test_from_utc, test_to_utc).
        ArrayNode trades = o.putArray("oos_trades");
        for (BacktestTrade t : r.trades()) trades.add(TradeJson.write(t));
        if (r.run() != null) o.set("run", run(r.run()));
        return o;
    }

    private static ObjectNode spec(WalkForwardSpec s) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        ArrayNode symbols = o.putArray("symbols");
        s.symbols().forEach(symbols::add);
        o.put("fold_mode", s.plan().mode().name().toLowerCase(Locale.ROOT));
        o.put("from_utc", s.plan().from().toString());
        o.put("to_utc", s.plan().to().toString());
        o.put("tested_to_utc", s.plan().testedTo().toString());
        o.put("train", s.plan().train().toString());
        o.put("test", s.plan().test().toString());
        o.put("embargo_days", s.plan().embargo().toDays());
        o.put("warmup", s.warmup().toString());
        o.put("grid", s.grid().spec());
        o.put("grid_points", s.grid().size());
        o.put("objective", s.objective().wire());
        o.put("selection", "per_symbol");
        o.put("initial_balance_usd", s.initialBalance());
        o.put("earlier_trials", s.earlierTrials());
        return o;
    }

    private static ObjectNode fold(FoldResult f) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        o.put("index", f.fold().index());
        o.put("train_from_utc", date(f.fold().trainFromMs()));
        o.put("test_from_utc", date(f.fold().testFromMs()));
        o.put("test_to_utc", date(f.fold().testToMs()));
        o.put("embargo_days", f.fold().embargoMs() / DailySeries.DAY_MS);
        o.set("trials", StatsJson.trials(f.trials()));
        o.set("stats", StatsJson.stats(f.stats()));
        o.set("oos_counters", counters(f.selections()));
        ArrayNode sel = o.putArray("selections");
        for (Selection s : f.selections()) {
            ObjectNode n = sel.addObject();
            n.put("symbol", s.symbol());
            if (s.params() == null) {
                n.putNull("params");
                n.put("params_key", "");
                n.putNull("train");
            } else {
                ObjectNode p = n.putObject("params");
                s.params().values().forEach(p::put);
                n.put("params_key", s.params().key());
                n.put("grid_index", s.params().index());
                TrainOutcome t = s.train();
                ObjectNode tn = n.putObject("train");
                TradeJson.num(tn, "objective", t.objective());
                TradeJson.num(tn, "sharpe_daily", t.sharpeDaily());
                tn.put("trades", t.trades());
                tn.put("purged_trades", t.purged());
                tn.put("embargoed_trades", t.embargoed());
                TradeJson.num(tn, "pnl_usd", t.pnlUsd());
                tn.put("days", t.days());
            }
            n.set("test", StatsJson.stats(s.test()));
            n.set("test_counters", counters(List.of(s)));
        }
        return o;
    }

    /** The test units' counters summed, keys sorted. */
    static ObjectNode counters(List<Selection> selections) {
        Map<String, Long> sum = new TreeMap<>();
        for (Selection s : selections) s.testCounters().forEach((k, v) -> sum.merge(k, v, Long::sum));
        ObjectNode o = TradeJson.JSON.createObjectNode();
        sum.forEach(o::put);
        return o;
    }

    private static ObjectNode equity(DailySeries s) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        ArrayNode dates = o.putArray("dates_utc"), eq = o.putArray("equity_usd"), dd = o.putArray("drawdown_pct");
        double peak = s.startEquity();
        for (int i = 0; i < s.size(); i++) {
            double e = s.equity(i);
            peak = Math.max(peak, e);
            dates.add(LocalDate.ofEpochDay(s.day(i)).toString());
            eq.add(Math.round(e * 100) / 100.0);
            dd.add(peak > 0 ? Math.round((e - peak) / peak * 100 * 1e4) / 1e4 : 0);
        }
        TradeJson.num(o, "start_equity_usd", s.startEquity());
        return o;
    }

    private static ObjectNode histogram(RHistogram h) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        o.put("bin_width_r", h.widthR());
        o.put("trades_without_r", h.withoutR());
        ArrayNode bins = o.putArray("bins");
        for (int i = 0; i < h.counts().length; i++) {
            ObjectNode b = bins.addObject();
            b.put("from_r", h.fromR() + i * h.widthR());
            b.put("to_r", h.fromR() + (i + 1) * h.widthR());
            b.put("trades", h.counts()[i]);
        }
        return o;
    }

    private static ObjectNode run(RunInfo r) {
        ObjectNode o = TradeJson.JSON.createObjectNode();
        o.put("train_units", r.trainUnits());
        o.put("test_units", r.testUnits());
        o.put("computed_units", r.computed());
        o.put("reused_units", r.reused());
        o.put("stale_units", r.stale());
        o.put("threads", r.threads());
        o.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        return o;
    }

    static String date(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
