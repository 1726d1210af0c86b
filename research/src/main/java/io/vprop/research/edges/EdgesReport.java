package io.vprop.research.edges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The edges report's numbers as Markdown, from walk-forward results (result.json), the trial ledger and the fitted
 * artefact: nothing is typed by hand, so rerunning the commands rewrites it (docs/research/edges-h4d1/results.md).
 */
public final class EdgesReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One walk-forward run of the report: its name, what it is, its output folder. */
    public record Run(String name, String what, Path dir) {
    }

    private EdgesReport() {}

    public static String markdown(List<Run> runs, Path ledger, Path artefact) {
        StringBuilder b = new StringBuilder();
        b.append("<!-- written by `vprop edges report` (research/edges-report.sh); do not edit by hand -->\n");
        b.append("# Edges: walk-forward results (generated)\n\n");
        b.append("Out of sample only, after costs (commission, spread by session, swaps from the instrument table), each symbol its own 100,000 USD account; DSR with every trial counted (ledger below).\n\n");
        b.append("| run | what | test windows | trades | win rate | expectancy | net USD | Sharpe (ann.) | max DD | PSR | DSR (trials) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<JsonNode> results = new ArrayList<>();
        for (Run r : runs) {
            JsonNode d = read(r.dir().resolve("result.json"));
            results.add(d);
            JsonNode o = d.path("overall"), s = d.path("spec");
            b.append(String.format(Locale.ROOT, "| %s | %s | %s..%s (%d) | %,d | %s | %s R | %s | %s | %s | %s | %s (%d) |%n",
                    r.name(), r.what(), d.path("folds").path(0).path("test_from_utc").asText(), s.path("tested_to_utc").asText(),
                    d.path("folds").size(), o.path("trades").asLong(), pct(o.path("win_rate_pct")), num(o.path("expectancy_r"), 3),
                    num(o.path("pnl_usd"), 0), num(o.path("sharpe_annual"), 2), pct(o.path("max_dd_pct")), sci(o.path("psr")),
                    sci(o.path("dsr")), o.path("dsr_trials").asLong()));
        }
        for (String k : List.of("alpha", "timeframe", "symbol", "regime", "session")) {
            b.append("\n## By ").append(k).append("\n\n| ").append(k);
            for (Run r : runs) b.append(" | ").append(r.name()).append(": trades, R, USD");
            b.append(" |\n|---");
            for (int i = 0; i < runs.size(); i++) b.append("|---");
            b.append("|\n");
            List<String> keys = new ArrayList<>();
            for (JsonNode d : results) for (JsonNode row : d.path("breakdowns").path(k)) if (!keys.contains(row.path("key").asText())) keys.add(row.path("key").asText());
            keys.sort(null);
            for (String key : keys) {
                b.append("| ").append(key);
                for (JsonNode d : results) {
                    JsonNode row = null;
                    for (JsonNode x : d.path("breakdowns").path(k)) if (x.path("key").asText().equals(key)) row = x;
                    b.append(" | ").append(row == null ? "–" : String.format(Locale.ROOT, "%,d, %s, %s", row.path("trades").asLong(),
                            num(row.path("expectancy_r"), 3), num(row.path("pnl_usd"), 0)));
                }
                b.append(" |\n");
            }
        }
        if (artefact != null) {
            JsonNode a = read(artefact);
            b.append("\n## The fitted artefact\n\n");
            b.append("`").append(a.path("version").asText()).append("`: ").append(a.path("candidates").asLong())
                    .append(" candidates, ").append(a.path("cells").size()).append(" cells, tau^2 = ").append(a.path("tau2").asText())
                    .append("; command `").append(a.path("command_line").asText()).append("`; method: ").append(a.path("method").asText()).append(".\n\n");
            List<JsonNode> cells = new ArrayList<>();
            a.path("cells").forEach(cells::add);
            long positive = cells.stream().filter(c -> c.path("shrunk_net_r").asDouble() > 0).count();
            long lowerPositive = cells.stream().filter(c -> c.path("lower95_gross_r").asDouble() - c.path("mean_cost_r").asDouble() > 0).count();
            b.append(String.format(Locale.ROOT, "Cells with a positive shrunk net edge: %d of %d; with a positive one-sided 95 %% t lower bound after costs: %d.%n%n",
                    positive, cells.size(), lowerPositive));
            cells.sort((x, y) -> Double.compare(y.path("shrunk_net_r").asDouble(), x.path("shrunk_net_r").asDouble()));
            b.append("| alpha | tf | class | regime | session | n | n_eff | mean gross R | shrunk gross R | cost R | shrunk net R | lower95 gross R |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (JsonNode c : cells.subList(0, Math.min(12, cells.size())))
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %d | %s | %s | %s | %s | %s |%n", c.path("alpha").asText(),
                        c.path("timeframe").asText(), c.path("symbol_class").asText(), c.path("regime").asText(), c.path("session").asText(),
                        c.path("n").asLong(), c.path("n_eff").asLong(), num(c.path("mean_gross_r"), 3), num(c.path("shrunk_gross_r"), 3),
                        num(c.path("mean_cost_r"), 3), num(c.path("shrunk_net_r"), 3), num(c.path("lower95_gross_r"), 3)));
        }
        if (ledger != null) {
            b.append("\n## Trial ledger\n\n```\n");
            try {
                b.append(Files.readString(ledger));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            b.append("```\n");
        }
        return b.toString();
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String num(JsonNode n, int decimals) {
        return n == null || n.isNull() || n.isMissingNode() ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", n.asDouble());
    }

    private static String pct(JsonNode n) { return n.isNull() || n.isMissingNode() ? "–" : String.format(Locale.ROOT, "%.1f %%", n.asDouble()); }

    private static String sci(JsonNode n) {
        if (n.isNull() || n.isMissingNode()) return "–";
        double v = n.asDouble();
        return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
