package io.vprop.challenge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The lab's result as one self-contained HTML page: a summary table per firm and three ECharts charts (risk curve,
 * days to pass, failure reasons). ECharts 5.3.1 is inlined from the org.webjars.npm:echarts jar, the data is the
 * {@link LabJson} text, so the page opens offline and shows exactly what the JSON says.
 */
public final class LabHtml {
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private LabHtml() {}

    public static String render(LabResult r) {
        return render(r, LabJson.write(r), echarts());
    }

    static String render(LabResult r, String json, String echarts) {
        if (echarts.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("the ECharts script contains '</script' and cannot be inlined");
        }
        StringBuilder h = new StringBuilder(echarts.length() + json.length() + 16_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Challenge lab — ").append(text(r.source())).append("</title>\n<style>").append(CSS)
                .append("</style></head>\n<body>\n<h1>Challenge lab</h1>\n<p>")
                .append(text(r.source())).append(": ").append(r.trades().kept()).append(" of ").append(r.trades().total())
                .append(" trades taken at ").append(Double.isNaN(r.riskPctPerTrade()) ? "their recorded size"
                        : num(r.riskPctPerTrade(), 2) + " % risk per trade").append(" on ")
                .append(String.format(Locale.ROOT, "%,.0f", r.initialBalance())).append(' ').append(text(r.currency()))
                .append(" (").append(r.trades().skippedZeroLots()).append(" rounded to 0 lots; ")
                .append(r.trades().withAssumedWorst()).append(" without a recorded worst excursion, assumed to reach −1 R).")
                .append(" Seed ").append(r.seed()).append(".</p>\n");
        for (int i = 0; i < r.firms().size(); i++) {
            LabResult.FirmResult f = r.firms().get(i);
            h.append("<section><h2>").append(text(f.name())).append(" <small>").append(text(f.firm())).append("</small></h2>\n");
            table(h, f);
            h.append("<div class=\"row\"><div id=\"risk-").append(i).append("\" class=\"chart\"></div>")
                    .append("<div id=\"days-").append(i).append("\" class=\"chart\"></div>")
                    .append("<div id=\"fail-").append(i).append("\" class=\"chart\"></div></div>\n</section>\n");
        }
        h.append("<script>").append(echarts).append("</script>\n");
        h.append("<script type=\"application/json\" id=\"lab-data\">").append(json.replace("</", "<\\/")).append("</script>\n");
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, LabResult.FirmResult f) {
        h.append("<table><tr><th>method</th><th>paths</th><th>P(pass all phases)</th><th>95 % interval</th>")
                .append("<th>P(breach)</th><th>fees per funded account</th><th>median days to pass</th>")
                .append("<th>funded survives 1 / 3 / 6 months</th></tr>\n");
        for (LabResult.MethodResult m : f.methods()) {
            h.append("<tr><td>").append(text(m.method())).append("</td><td>").append(m.paths())
                    .append(m.unfinished() > 0 ? " (" + m.unfinished() + " unfinished)" : "").append("</td><td>")
                    .append(pct(m.passAll().p())).append("</td><td>").append(pct(m.passAll().lo())).append(" – ")
                    .append(pct(m.passAll().hi())).append("</td><td>").append(pct(m.breach().p())).append("</td><td>")
                    .append(Double.isInfinite(m.expectedFees()) ? "∞" : num(m.expectedFees(), 2)).append("</td><td>")
                    .append(m.daysToPassAll().count() == 0 ? "–" : m.daysToPassAll().p50() + " days").append("</td><td>");
            for (int k = 0; k < m.funded().size(); k++) {
                h.append(k == 0 ? "" : " / ").append(pct(m.funded().get(k).survives().p()));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Block length ").append(num(f.meanBlockDays(), 2)).append(" days (")
                .append(text(f.blockRule())).append("). Phases: ");
        for (int k = 0; k < f.phases().size(); k++) {
            LabResult.PhaseInfo p = f.phases().get(k);
            h.append(k == 0 ? "" : "; ").append(text(p.name()));
            if (!p.funded()) h.append(" (target ").append(num(p.targetPct(), 2)).append(" %, ").append(p.minTradingDays())
                    .append(" min. trading days)");
        }
        if (f.riskCurve() != null) {
            h.append(". Best risk with P(breach) ≤ ").append(pct(f.riskCurve().breachBound())).append(": ")
                    .append(Double.isNaN(f.riskCurve().bestRiskPct()) ? "none on the grid" : num(f.riskCurve().bestRiskPct(), 2) + " %");
        }
        h.append(".</p>\n");
    }

    static String echarts() {
        try (InputStream in = LabHtml.class.getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts not on the class path (" + ECHARTS
                        + "): the challenge module needs org.webjars.npm:echarts:5.3.1");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ECHARTS + ": " + e.getMessage(), e);
        }
    }

    private static String pct(double p) {
        return Double.isNaN(p) ? "–" : num(100 * p, 1) + " %";
    }

    private static String num(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}h1{margin-bottom:.2em}
            h2 small{color:#777;font-weight:normal;font-size:.6em}table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}
            .row{display:flex;flex-wrap:wrap;gap:1em}.chart{width:32%;min-width:340px;height:300px}.note{color:#555;font-size:.9em}
            section{border-top:1px solid #ddd;margin-top:1.5em}
            """;

    private static final String SCRIPT = """
            const lab = JSON.parse(document.getElementById('lab-data').textContent);
            const pc = v => v == null ? null : +(100 * v).toFixed(2);
            const chart = id => echarts.init(document.getElementById(id), null, {renderer: 'canvas'});
            lab.firms.forEach((f, i) => {
              if (f.riskCurve) {
                const pts = f.riskCurve.points;
                chart('risk-' + i).setOption({animation: false,
                  title: {text: 'Risk curve (bootstrap)', textStyle: {fontSize: 13}}, tooltip: {trigger: 'axis'},
                  legend: {bottom: 0}, grid: {left: 45, right: 35, bottom: 50},
                  xAxis: {type: 'value', name: 'risk per trade, %', nameLocation: 'middle', nameGap: 25},
                  yAxis: {type: 'value', name: 'probability, %', max: 100},
                  series: [
                    {name: 'P(pass all)', type: 'line', data: pts.map(p => [p.riskPct, pc(p.passAll.p)])},
                    {name: 'P(breach)', type: 'line', data: pts.map(p => [p.riskPct, pc(p.breach.p)]),
                     markLine: {symbol: 'none', data: [{yAxis: pc(f.riskCurve.breachBound), name: 'bound'}]}}]});
              } else {
                document.getElementById('risk-' + i).textContent = 'No risk grid in this run.';
              }
              const m = f.methods.find(x => x.method === 'bootstrap') || f.methods[0];
              const hist = m.daysToPassAll.histogram;
              chart('days-' + i).setOption({animation: false,
                title: {text: 'Days to pass all phases (' + m.method + ')', textStyle: {fontSize: 13}}, tooltip: {},
                grid: {left: 45, right: 15, bottom: 40},
                xAxis: {type: 'category', name: 'calendar days', nameLocation: 'middle', nameGap: 25,
                        data: hist.map((_, d) => d)},
                yAxis: {type: 'value', name: 'paths'},
                series: [{type: 'bar', data: hist}]});
              const rules = [...new Set(f.methods.flatMap(x => Object.keys(x.failByRule)))];
              chart('fail-' + i).setOption({animation: false,
                title: {text: 'Failures by rule', textStyle: {fontSize: 13}}, tooltip: {trigger: 'axis'}, legend: {bottom: 0},
                grid: {left: 45, right: 15, bottom: 50},
                xAxis: {type: 'category', data: rules}, yAxis: {type: 'value', name: '% of paths'},
                series: f.methods.map(x => ({name: x.method, type: 'bar',
                  data: rules.map(r => x.failByRule[r] ? pc(x.failByRule[r].p) : 0)}))});
            });
            """;
}
