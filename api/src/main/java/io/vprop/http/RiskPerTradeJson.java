package io.vprop.http;

import io.vprop.challenge.risk.RiskChoice;
import io.vprop.challenge.risk.RiskPerTrade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code risk_per_trade} of GET /api/governors (docs/api.md): the risk in use, its source, and the lab's curve. */
final class RiskPerTradeJson {
    private RiskPerTradeJson() {}

    static Map<String, Object> of(RiskPerTrade r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pct", r.pct());
        m.put("source", r.source().name().toLowerCase(Locale.ROOT));
        m.put("firm", r.firm());
        m.put("note", r.note());
        m.put("lab", r.lab() == null ? null : lab(r.lab()));
        RiskPerTrade.LabFile f = r.labFile();
        m.put("lab_file", f == null ? null : Map.of("version", f.version(), "command_line", f.commandLine(),
                "input", f.input(), "input_sha256", f.inputSha256()));
        return m;
    }

    private static Map<String, Object> lab(RiskChoice c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firm", c.firm());
        m.put("breach_bound", c.breachBound());
        m.put("risk_pct", c.riskPct());
        m.put("advised", c.advised());
        m.put("verdict", c.verdict());
        RiskChoice.Point at = c.chosen();
        m.put("p_pass", finite(at.pass()));
        m.put("p_breach", finite(at.breach()));
        List<Map<String, Object>> pts = c.points().stream().map(p -> {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("risk_pct", p.riskPct());
            q.put("p_pass", finite(p.pass()));
            q.put("p_breach", finite(p.breach()));
            return q;
        }).toList();
        m.put("points", pts);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
