package io.vprop.research.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.json.TradeJson;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.research.walkforward.FoldPlan;
import io.vprop.research.walkforward.Objective;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.WalkForward;
import io.vprop.research.walkforward.WalkForwardResult;
import io.vprop.research.walkforward.WalkForwardSpec;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {
    /** A command line a shell could pass: quotes, an ampersand, a script end tag, a JavaScript line separator. */
    static final String NASTY = "vprop walkforward --grid 'fast=10,slow=60' </script><script>alert(\"x\")</script> & \u2028 é";
    static WalkForwardResult result;

    @BeforeAll
    static void run() {
        BacktestUnitRunner runner = new BacktestUnitRunner(new BarLibrary(List.of(SharedData.dir().resolve("bars/h4_d1")),
                ServerClock.UTC), StrategyFactory.ofClass(SmaCrossStrategy.class), BacktestUnitRunner.Options.defaults(Timeframe.H4));
        FoldPlan plan = new FoldPlan(FoldPlan.Mode.ANCHORED, LocalDate.parse("2012-01-01"), LocalDate.parse("2016-01-01"),
                Period.ofYears(2), Period.ofMonths(6), Duration.ofDays(5));
        WalkForwardSpec spec = new WalkForwardSpec(List.of("EURUSD", "GBPCHF"), plan,
                ParamGrid.parse("fast=10,20,slow=60,100"), Objective.SHARPE, Period.ofDays(60), 50_000, 3, NASTY);
        result = WalkForward.run(spec, runner, SweepOptions.quiet().withThreads(2));
    }

    @Test
    void jsonCarriesTheDocumentedFieldsWithTheirUnits(@TempDir Path dir) throws Exception {
        ReportWriter.Written w = ReportWriter.write(result, dir);
        JsonNode j = TradeJson.JSON.readTree(w.json().toFile());
        assertThat(j.get("format").asText()).isEqualTo("vprop-walkforward-v2");
        assertThat(j.get("kind").asText()).isEqualTo("walkforward");
        assertThat(j.get("command_line").asText()).isEqualTo(NASTY);
        assertThat(j.get("runner").asText()).startsWith("the backtester").contains("SmaCrossStrategy");
        assertThat(j.get("trials").get("count").asLong()).isEqualTo(4L * 2 * 4 + 3);
        JsonNode overall = j.get("overall");
        for (String f : List.of("trades", "win_rate_pct", "expectancy_r", "expectancy_usd", "pnl_usd", "sharpe_annual",
                "sortino_annual", "max_dd_usd", "max_dd_pct", "longest_underwater_days", "total_underwater_days",
                "exposure_pct", "turnover_lots_per_day", "turnover_notional_usd_per_day", "psr", "dsr", "dsr_trials")) {
            assertThat(overall.has(f)).as(f).isTrue();
        }
        assertThat(overall.get("trades").asInt()).isEqualTo(result.trades().size());
        assertThat(overall.get("pnl_usd").asDouble()).isEqualTo(result.overall().trade().pnlUsd());
        assertThat(j.get("folds")).hasSize(4);
        assertThat(j.get("folds").get(0).get("selections").get(0).get("params_key").asText()).matches("fast=\\d+,slow=\\d+");
        assertThat(j.get("equity").get("dates_utc").size()).isEqualTo(j.get("equity").get("equity_usd").size());
        assertThat(j.get("breakdowns").fieldNames()).toIterable()
                .containsExactly("symbol", "alpha", "regime", "session", "timeframe");
        int binned = 0;
        for (JsonNode b : j.get("r_histogram").get("bins")) binned += b.get("trades").asInt();
        assertThat(binned).isEqualTo(result.overall().trade().tradesWithR());
        assertThat(j.has("trades")).as("v1's ambiguous name is gone").isFalse();
        assertThat(j.get("oos_trades")).hasSize(result.trades().size());
        // every out-of-sample trade was a trade decision inside its test window
        assertThat(j.get("oos_counters").get("window.decisions.trade").asLong()).isEqualTo(result.trades().size());
        long perSelection = 0;
        for (JsonNode f : j.get("folds"))
            for (JsonNode s : f.get("selections")) perSelection += s.get("test_counters").path("window.decisions.trade").asLong();
        assertThat(perSelection).isEqualTo(result.trades().size());
    }

    /** The challenge lab takes oos_trades as out of sample: every one opens inside some fold's test window. */
    @Test
    void everyOosTradeOpensInsideAFoldsTestWindow(@TempDir Path dir) throws Exception {
        JsonNode j = TradeJson.JSON.readTree(ReportWriter.write(result, dir).json().toFile());
        List<long[]> windows = new java.util.ArrayList<>();
        for (JsonNode f : j.get("folds")) {
            windows.add(new long[]{utcMs(f.get("test_from_utc").asText()), utcMs(f.get("test_to_utc").asText())});
        }
        assertThat(j.get("oos_trades").size()).isGreaterThan(10);
        long trainOnly = utcMs(j.get("spec").get("from_utc").asText()); // before the first test window: training only
        assertThat(windows.get(0)[0]).isGreaterThan(trainOnly);
        for (JsonNode t : j.get("oos_trades")) {
            long open = t.get("open_ms").asLong();
            assertThat(windows).as("trade %s opened %d", t.get("position"), open)
                    .anySatisfy(w -> assertThat(open).isGreaterThanOrEqualTo(w[0]).isLessThan(w[1]));
        }
    }

    private static long utcMs(String date) {
        return LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Test
    void htmlEmbedsTheSameDataEscapedAndOpensOffline(@TempDir Path dir) throws Exception {
        String html = Files.readString(ReportWriter.write(result, dir).html());
        assertThat(html).doesNotContain("<script>alert").doesNotContain("src=\"http").doesNotContain("src='http");
        assertThat(html.split("</script>", -1)).hasSize(4); // ECharts, the data, the drawing code
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;");
        String start = "<script type=\"application/json\" id=\"report-data\">";
        int a = html.indexOf(start) + start.length();
        String embedded = html.substring(a, html.indexOf("</script>", a));
        assertThat(embedded).doesNotContain("<").doesNotContain("\u2028");
        // the same document (compared as text: a parsed tree holds small longs as ints)
        assertThat(TradeJson.JSON.writeValueAsString(TradeJson.JSON.readTree(embedded)))
                .isEqualTo(TradeJson.JSON.writeValueAsString(ReportJson.of(result)));
        assertThat(html).contains("id=\"dsr-statement\"").contains(String.format("%,d", result.trials().count()));
    }

    /** The report drawn by Debian's headless Chromium (the browser the panel's end-to-end tests use). */
    @Test
    void chromiumDrawsAllThreeCharts(@TempDir Path dir) throws Exception {
        String chromium = System.getenv().getOrDefault("VPROP_CHROMIUM", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as(chromium + " is missing: apt-get install chromium (install/deps/web.apt)")
                .isExecutable();
        Path html = ReportWriter.write(result, dir).html();
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--user-data-dir=" + dir.resolve("profile"),
                "--virtual-time-budget=5000", "--dump-dom", html.toUri().toString())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String dom = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        int body = dom.indexOf("<body");
        String bodyTag = dom.substring(body, dom.indexOf('>', body));
        assertThat(bodyTag).as("body tag after rendering").contains("data-charts-rendered=\"3\"")
                .doesNotContain("data-render-error");
        for (String id : List.of("chart-equity", "chart-r", "chart-monthly")) {
            int at = dom.indexOf("id=\"" + id + "\"");
            assertThat(at).as(id).isPositive();
            assertThat(dom.substring(at, Math.min(dom.length(), at + 2000))).as(id + " holds a canvas").contains("<canvas");
        }
    }
}
