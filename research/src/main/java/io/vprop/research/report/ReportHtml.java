package io.vprop.research.report;

import io.vprop.research.stats.Statistics;
import io.vprop.research.stats.Stats;
import io.vprop.research.stats.TradeStats;
import io.vprop.research.walkforward.BreakdownRow;
import io.vprop.research.walkforward.FoldResult;
import io.vprop.research.walkforward.Selection;
import io.vprop.research.walkforward.SymbolResult;
import io.vprop.research.walkforward.WalkForwardResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;

/**
 * The self-contained HTML report: tables written here (escaped), charts drawn in the browser by ECharts (inlined, so
 * the file opens offline) from the report JSON embedded in the page. When the charts are drawn the body gets
 * {@code data-charts-rendered="3"}; a script error sets {@code data-render-error}.
 */
final class ReportHtml {
    private ReportHtml() {
    }

    static String render(WalkForwardResult r, String json, String echarts) {
        if (echarts.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("the ECharts script contains '</script' and cannot be inlined");
        }
        Stats o = r.overall();
        StringBuilder h = new StringBuilder(echarts.length() + json.length() + 64_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Walk-forward ").append(Html.text(String.join(" ", r.spec().symbols())))
                .append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        h.append("<h1>Walk-forward report <small>out of sample, after costs</small></h1>\n");
        h.append("<p class=\"runner\">Runner: ").append(Html.text(r.runner()))
                .append("</p>\n");
        h.append("<p>Command line:</p><pre id=\"command-line\">").append(Html.text(r.spec().commandLine()))
                .append("</pre>\n");
        headline(h, r, o);
        h.append("<h2>Equity and drawdown (all symbols, test windows stitched)</h2><div id=\"chart-equity\" class=\"chart tall\"></div>\n");
        h.append("<div class=\"row\"><div><h2>Trade R distribution</h2><div id=\"chart-r\" class=\"chart\"></div></div>")
                .append("<div><h2>Monthly returns, %</h2><div id=\"chart-monthly\" class=\"chart\"></div></div></div>\n");
        folds(h, r.folds());
        symbols(h, r.symbols());
        breakdowns(h, r.breakdowns());
        counters(h, r);
        spec(h, r);
        h.append("<script>").append(echarts).append("</script>\n");
        h.append("<script type=\"application/json\" id=\"report-data\">").append(Html.scriptJson(json)).append("</script>\n");
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void headline(StringBuilder h, WalkForwardResult r, Stats o) {
        double hurdleAnnual = o.expectedMaxSharpeDaily() * Math.sqrt(Statistics.PERIODS_PER_YEAR);
        h.append("<div class=\"cards\">");
        card(h, "Sharpe ratio (annualised)", Html.num(o.sharpeAnnual(), 2), "daily " + Html.num(o.sharpeDaily(), 4));
        card(h, "PSR", Html.prob(o.psr()), "P(true Sharpe > 0)");
        card(h, "DSR", Html.prob(o.dsr()), "P(true Sharpe > best of " + String.format(Locale.ROOT, "%,d", o.trials()) + " trials by luck)");
        card(h, "Trials counted", String.format(Locale.ROOT, "%,d", o.trials()), "every parameter set × symbol × fold tried"
                + (r.spec().earlierTrials() > 0 ? " + " + r.spec().earlierTrials() + " earlier" : ""));
        card(h, "Net P&L", Html.usd(o.trade().pnlUsd()), "return " + Html.pct(o.returnPct()));
        card(h, "Max drawdown", Html.pct(o.maxDdPct()), Html.usd(o.maxDdUsd()));
        card(h, "Trades", String.format(Locale.ROOT, "%,d", o.trade().trades()), "win rate " + Html.pct(o.trade().winRatePct()));
        card(h, "Expectancy", Html.r(o.trade().expectancyR()), Html.usd(o.trade().expectancyUsd()) + " per trade");
        h.append("</div>\n<p class=\"dsr\" id=\"dsr-statement\">Deflated Sharpe ratio ").append(Html.prob(o.dsr()))
                .append(": with ").append(String.format(Locale.ROOT, "%,d", o.trials()))
                .append(" trials whose daily Sharpe ratios vary with variance ").append(Html.num(r.trials().sharpeVariance(), 6))
                .append(", luck alone reaches a Sharpe ratio of ").append(Html.num(hurdleAnnual, 2))
                .append(" (annualised; ").append(Html.num(o.expectedMaxSharpeDaily(), 4)).append(" daily); ")
                .append("the probability that this out-of-sample result's true Sharpe ratio is above that is the DSR. ")
                .append(o.days()).append(" daily returns, skewness ").append(Html.num(o.skewness(), 2))
                .append(", kurtosis ").append(Html.num(o.kurtosis(), 2)).append(".</p>\n");
    }

    private static void card(StringBuilder h, String title, String value, String note) {
        h.append("<div class=\"card\"><div class=\"t\">").append(Html.text(title)).append("</div><div class=\"v\">")
                .append(Html.text(value)).append("</div><div class=\"n\">").append(Html.text(note)).append("</div></div>");
    }

    private static final String STATS_HEAD = "<th>trades</th><th>win rate, %</th><th>expectancy, R</th>"
            + "<th>net P&amp;L, USD</th><th>return, %</th><th>Sharpe (ann.)</th><th>Sortino (ann.)</th>"
            + "<th>max DD, %</th><th>longest under water, days</th><th>exposure, %</th><th>PSR, %</th><th>DSR, %</th><th>trials</th>";

    private static void statsCells(StringBuilder h, Stats s) {
        td(h, Integer.toString(s.trade().trades()));
        td(h, Html.num(s.trade().winRatePct(), 1));
        td(h, Html.num(s.trade().expectancyR(), 3));
        td(h, Html.num(s.trade().pnlUsd(), 2));
        td(h, Html.num(s.returnPct(), 2));
        td(h, Html.num(s.sharpeAnnual(), 2));
        td(h, Html.num(s.sortinoAnnual(), 2));
        td(h, Html.num(s.maxDdPct(), 2));
        td(h, Integer.toString(s.longestUnderwaterDays()));
        td(h, Html.num(s.exposurePct(), 1));
        td(h, Html.num(s.psr() * 100, 1));
        td(h, Html.num(s.dsr() * 100, 1));
        td(h, String.format(Locale.ROOT, "%,d", s.trials()));
    }

    private static void folds(StringBuilder h, List<FoldResult> folds) {
        h.append("<h2>Folds</h2>\n<table id=\"folds\"><thead><tr><th>fold</th><th>train from</th><th>test from</th>")
                .append("<th>test to</th>").append(STATS_HEAD).append("</tr></thead><tbody>\n");
        for (FoldResult f : folds) {
            h.append("<tr>");
            td(h, f.fold().label());
            td(h, ReportJson.date(f.fold().trainFromMs()));
            td(h, ReportJson.date(f.fold().testFromMs()));
            td(h, ReportJson.date(f.fold().testToMs()));
            statsCells(h, f.stats());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n<details><summary>Chosen parameters per fold and symbol (training window → test window)</summary>\n")
                .append("<table id=\"selections\"><thead><tr><th>fold</th><th>symbol</th><th>parameters</th>")
                .append("<th>train objective</th><th>train trades kept</th><th>purged</th><th>embargoed</th>")
                .append("<th>test trades</th><th>test P&amp;L, USD</th><th>test Sharpe (ann.)</th></tr></thead><tbody>\n");
        for (FoldResult f : folds) {
            for (Selection s : f.selections()) {
                h.append("<tr>");
                td(h, f.fold().label());
                td(h, s.symbol());
                td(h, s.params() == null ? "none (no finite objective on training)" : s.params().key());
                td(h, s.train() == null ? "—" : Html.num(s.train().objective(), 5));
                td(h, s.train() == null ? "—" : Integer.toString(s.train().trades()));
                td(h, s.train() == null ? "—" : Integer.toString(s.train().purged()));
                td(h, s.train() == null ? "—" : Integer.toString(s.train().embargoed()));
                td(h, Integer.toString(s.test().trade().trades()));
                td(h, Html.num(s.test().trade().pnlUsd(), 2));
                td(h, Html.num(s.test().sharpeAnnual(), 2));
                h.append("</tr>\n");
            }
        }
        h.append("</tbody></table></details>\n");
    }

    private static void symbols(StringBuilder h, List<SymbolResult> symbols) {
        h.append("<h2>Symbols (test windows stitched, own account each)</h2>\n<table id=\"symbols\"><thead><tr><th>symbol</th>")
                .append(STATS_HEAD).append("</tr></thead><tbody>\n");
        for (SymbolResult s : symbols) {
            h.append("<tr>");
            td(h, s.symbol());
            statsCells(h, s.stats());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void breakdowns(StringBuilder h, List<BreakdownRow> rows) {
        h.append("<h2>Breakdowns of the out-of-sample trades</h2>\n<div class=\"row wrap\">");
        String current = null;
        for (BreakdownRow b : rows) {
            if (!b.dimension().equals(current)) {
                if (current != null) h.append("</tbody></table></div>");
                current = b.dimension();
                h.append("<div><h3>by ").append(Html.text(current)).append("</h3><table class=\"breakdown\" data-dimension=\"")
                        .append(Html.text(current)).append("\"><thead><tr><th>").append(Html.text(current))
                        .append("</th><th>trades</th><th>win rate, %</th><th>expectancy, R</th><th>expectancy, USD</th>")
                        .append("<th>net P&amp;L, USD</th><th>profit factor</th></tr></thead><tbody>");
            }
            TradeStats t = b.stats();
            h.append("<tr>");
            td(h, b.key());
            td(h, Integer.toString(t.trades()));
            td(h, Html.num(t.winRatePct(), 1));
            td(h, Html.num(t.expectancyR(), 3));
            td(h, Html.num(t.expectancyUsd(), 2));
            td(h, Html.num(t.pnlUsd(), 2));
            td(h, Html.num(t.profitFactor(), 2));
            h.append("</tr>");
        }
        if (current != null) h.append("</tbody></table></div>");
        h.append("</div>\n");
    }

    /** What the runner counted in the test units: the window's decisions first (why a strategy did or did not trade). */
    private static void counters(StringBuilder h, WalkForwardResult r) {
        Map<String, Long> sum = new TreeMap<>();
        for (FoldResult f : r.folds())
            for (Selection s : f.selections()) s.testCounters().forEach((k, v) -> sum.merge(k, v, Long::sum));
        if (sum.isEmpty()) return;
        h.append("<h2>What the runner counted in the test units</h2>\n<p class=\"n\">Summed over every fold and symbol. ")
                .append("Keys starting with <code>window.</code> count the test windows only (the strategy's decisions, ")
                .append("its own totals such as the signal engine's skips by reason); the others cover each unit's warm-up too.</p>\n")
                .append("<table id=\"counters\"><thead><tr><th>counter</th><th>count</th></tr></thead><tbody>");
        List<Map.Entry<String, Long>> rows = new ArrayList<>(sum.entrySet());
        rows.sort(Comparator.comparing((Map.Entry<String, Long> e) -> !e.getKey().startsWith("window.")).thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Long> e : rows) {
            h.append("<tr>");
            td(h, e.getKey());
            td(h, String.format(Locale.ROOT, "%,d", e.getValue()));
            h.append("</tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void spec(StringBuilder h, WalkForwardResult r) {
        var s = r.spec();
        h.append("<h2>Set-up</h2>\n<table id=\"spec\"><tbody>");
        row(h, "symbols", String.join(", ", s.symbols()));
        row(h, "folds", s.plan().mode().name().toLowerCase(Locale.ROOT) + ", train " + s.plan().train() + ", test " + s.plan().test()
                + ", embargo " + s.plan().embargo().toDays() + " days, " + r.folds().size() + " folds");
        row(h, "history", s.plan().from() + " to " + s.plan().to() + " (tested to " + s.plan().testedTo() + ")");
        row(h, "parameter grid", s.grid().spec() + " (" + s.grid().size() + " points)");
        row(h, "selection", "per symbol and fold, maximising " + s.objective().wire()
                + " on the purged training window; ties to the first grid point");
        row(h, "warm-up", s.warmup().toString());
        row(h, "initial balance", Html.usd(s.initialBalance()) + " per symbol");
        row(h, "DSR trials", String.format(Locale.ROOT, "%,d", r.trials().count()) + " (" + r.trials().sharpesMeasured()
                + " with a training Sharpe ratio)");
        row(h, "statistics", "daily returns at weekday UTC day ends, annualised with √" + (int) Statistics.PERIODS_PER_YEAR
                + "; PSR: Bailey & López de Prado 2012; DSR: Bailey & López de Prado 2014");
        if (r.run() != null) {
            row(h, "run", r.run().computed() + " units computed, " + r.run().reused() + " from the checkpoint, "
                    + r.run().threads() + " threads, " + Html.num(r.run().seconds(), 1) + " s");
        }
        h.append("</tbody></table>\n<p class=\"n\">Formulas and field definitions: docs/walkforward.md.</p>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(Html.text(k)).append("</th><td>").append(Html.text(v)).append("</td></tr>");
    }

    private static void td(StringBuilder h, String v) {
        h.append("<td>").append(Html.text(v)).append("</td>");
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2430;background:#fff}
            h1 small{font-weight:normal;color:#667}
            pre{background:#f3f5f8;padding:8px;white-space:pre-wrap;word-break:break-all}
            .runner{padding:8px;border-left:4px solid #3b7dd8;background:#eef4fc}
            .cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
            .card{border:1px solid #d5dbe3;border-radius:6px;padding:10px 14px;min-width:150px}
            .card .t{color:#667;font-size:12px}.card .v{font-size:22px;font-weight:600}.card .n{color:#667;font-size:12px}
            .dsr{font-size:15px;background:#f6f8fb;padding:10px;border-radius:6px}
            .chart{width:100%;height:340px}.chart.tall{height:460px}
            .row{display:flex;gap:24px}.row>div{flex:1;min-width:0}.row.wrap{flex-wrap:wrap}.row.wrap>div{flex:0 1 auto}
            table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #d5dbe3;padding:3px 7px;text-align:right}
            th{background:#f3f5f8}td:first-child,th:first-child{text-align:left}.n{color:#667}
            """;

    private static final String SCRIPT = """
            (function () {
              window.addEventListener('error', function (e) { document.body.setAttribute('data-render-error', String(e.message)); });
              try {
                var d = JSON.parse(document.getElementById('report-data').textContent);
                var drawn = 0;
                var eq = echarts.init(document.getElementById('chart-equity'));
                eq.setOption({
                  animation: false,
                  tooltip: {trigger: 'axis'},
                  axisPointer: {link: [{xAxisIndex: 'all'}]},
                  grid: [{left: 70, right: 20, top: 20, height: '55%'}, {left: 70, right: 20, top: '70%', height: '22%'}],
                  xAxis: [{type: 'category', data: d.equity.dates_utc, gridIndex: 0},
                          {type: 'category', data: d.equity.dates_utc, gridIndex: 1}],
                  yAxis: [{type: 'value', name: 'equity, USD', scale: true, gridIndex: 0},
                          {type: 'value', name: 'drawdown, %', gridIndex: 1}],
                  dataZoom: [{type: 'inside', xAxisIndex: [0, 1]}],
                  series: [{name: 'equity, USD', type: 'line', showSymbol: false, data: d.equity.equity_usd},
                           {name: 'drawdown, %', type: 'line', showSymbol: false, areaStyle: {}, color: '#c0392b',
                            xAxisIndex: 1, yAxisIndex: 1, data: d.equity.drawdown_pct}]
                });
                drawn++;
                var bins = d.r_histogram.bins;
                var rh = echarts.init(document.getElementById('chart-r'));
                rh.setOption({
                  animation: false,
                  tooltip: {trigger: 'axis'},
                  grid: {left: 50, right: 20, top: 20, bottom: 40},
                  xAxis: {type: 'category', name: 'R', nameLocation: 'middle', nameGap: 25,
                          data: bins.map(function (b) { return b.from_r.toFixed(2); })},
                  yAxis: {type: 'value', name: 'trades'},
                  series: [{type: 'bar', name: 'trades', barCategoryGap: '5%',
                            data: bins.map(function (b) { return {value: b.trades, itemStyle: {color: b.from_r < 0 ? '#c0392b' : '#27ae60'}}; })}]
                });
                drawn++;
                var months = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
                var years = [];
                d.monthly_returns.forEach(function (m) { if (years.indexOf(String(m.year)) < 0) years.push(String(m.year)); });
                var cells = d.monthly_returns.map(function (m) {
                  return [m.month - 1, years.indexOf(String(m.year)), m.return_pct === null ? null : Math.round(m.return_pct * 100) / 100];
                });
                var extent = Math.max.apply(null, cells.map(function (c) { return Math.abs(c[2] || 0); }).concat([0.01]));
                var hm = echarts.init(document.getElementById('chart-monthly'));
                hm.setOption({
                  animation: false,
                  tooltip: {formatter: function (p) { return years[p.value[1]] + ' ' + months[p.value[0]] + ': ' + p.value[2] + ' %'; }},
                  grid: {left: 50, right: 20, top: 10, bottom: 60},
                  xAxis: {type: 'category', data: months}, yAxis: {type: 'category', data: years},
                  visualMap: {min: -extent, max: extent, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
                              inRange: {color: ['#c0392b', '#f7f7f7', '#27ae60']}},
                  series: [{type: 'heatmap', data: cells, label: {show: years.length <= 20, fontSize: 9}}]
                });
                drawn++;
                document.body.setAttribute('data-charts-rendered', String(drawn));
              } catch (e) {
                document.body.setAttribute('data-render-error', String(e && e.message || e));
              }
            })();
            """;
}
