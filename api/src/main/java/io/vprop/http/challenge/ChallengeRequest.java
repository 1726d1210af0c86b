package io.vprop.http.challenge;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.analytics.JournalHistory;
import io.vprop.challenge.TradeHistory;
import io.vprop.challenge.history.HistoryFormat;
import io.vprop.challenge.history.HistoryImport;
import io.vprop.challenge.history.HistoryImportException;
import io.vprop.challenge.history.ImportOptions;
import io.vprop.challenge.sim.FirmPlan;
import io.vprop.challenge.sim.LabSpec;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.journal.JournalReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON body of {@code POST /api/challenge/runs} read into a trade history and a lab spec. Every problem is an
 * {@link IllegalArgumentException} naming the field (HTTP 400); an unreadable history gives the importer's message,
 * which names the file, the line and the column. Fields (docs/api.md, "Challenge lab"):
 * {@code source} (upload, research or journal), {@code file_name} and {@code content_base64} (upload),
 * {@code server_tz}, {@code currency}, {@code peer}, {@code firms}, {@code balance}, {@code risk_pct} (null = the
 * trades as recorded), {@code risk_curve} ({@code from}, {@code to}, {@code step} in %, or null), {@code curve_paths},
 * {@code method}, {@code paths}, {@code seed}, {@code breach_bound_pct}.
 */
final class ChallengeRequest {
    static final Set<String> FIELDS = Set.of("source", "file_name", "content_base64", "server_tz", "currency", "peer",
            "firms", "balance", "risk_pct", "risk_curve", "curve_paths", "method", "paths", "seed", "breach_bound_pct");
    static final double DEFAULT_BALANCE = 100_000, DEFAULT_RISK_PCT = 1.0, DEFAULT_BREACH_BOUND_PCT = 20;
    static final int DEFAULT_PATHS = 10_000, DEFAULT_CURVE_PATHS = 2_000;
    static final double[] DEFAULT_CURVE = {0.25, 3.0, 0.25};

    final TradeHistory history;
    final LabSpec spec;

    private ChallengeRequest(TradeHistory history, LabSpec spec) {
        this.history = history;
        this.spec = spec;
    }

    /**
     * @param research the newest research result, or null when none is known (a request for it is then refused)
     */
    static ChallengeRequest read(JsonNode b, ChallengeApi.Settings settings, Path research, JournalReader journal) {
        if (b == null || !b.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw new IllegalArgumentException(f + ": unknown field (known: " + new java.util.TreeSet<>(FIELDS) + ")");
        }
        TradeHistory history = history(b, settings, research, journal);
        LabSpec spec = spec(b, settings, history);
        return new ChallengeRequest(history, spec);
    }

    private static TradeHistory history(JsonNode b, ChallengeApi.Settings settings, Path research, JournalReader journal) {
        String source = text(b, "source", "upload");
        String zone = text(b, "server_tz", "");
        String currency = text(b, "currency", "");
        try {
            return switch (source) {
                case "upload" -> upload(b, settings, zone, currency);
                case "research" -> {
                    if (research == null)
                        throw new IllegalArgumentException("source research: no research result in " + settings.researchDir()
                                + " (" + ChallengeApi.RESEARCH_HOW + ")");
                    yield HistoryImport.read(research);
                }
                case "journal" -> {
                    if (currency.isBlank())
                        throw new IllegalArgumentException("currency: required with source journal (the journal does not hold "
                                + "the account currency)");
                    String peer = text(b, "peer", "");
                    yield JournalHistory.read(journal, peer.isBlank() ? null : peer, currency, "live journal");
                }
                default -> throw new IllegalArgumentException("source: '" + source + "' is not upload, research or journal");
            };
        } catch (HistoryImportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static TradeHistory upload(JsonNode b, ChallengeApi.Settings settings, String zone, String currency) {
        String name = text(b, "file_name", "");
        if (name.isBlank()) throw new IllegalArgumentException("file_name: required with source upload");
        name = name.replaceAll(".*[/\\\\]", ""); // a browser may send a path; messages name the file
        String encoded = text(b, "content_base64", "");
        if (encoded.isEmpty()) throw new IllegalArgumentException("content_base64: required with source upload (the file's bytes, base64)");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content_base64: not base64 (" + e.getMessage() + ")");
        }
        if (bytes.length > settings.maxUploadBytes())
            throw new IllegalArgumentException(name + ": " + bytes.length + " bytes, more than the " + settings.maxUploadBytes()
                    + " bytes an upload may have");
        HistoryFormat format = HistoryImport.detect(bytes, name);
        if (format.needsServerZone() && zone.isBlank())
            throw new IllegalArgumentException("server_tz: required for " + name + " (" + format.title() + "): MT5 writes "
                    + "every time in the broker's server time; most FX brokers run " + ImportOptions.NEW_YORK_CLOSE
                    + " (GMT+2, GMT+3 while New York is on summer time)");
        if (zone.isBlank()) return HistoryImport.read(bytes, name);
        ImportOptions options;
        try {
            options = new ImportOptions(zone).withCurrency(currency);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("server_tz: " + e.getMessage(), e);
        }
        TradeHistory h = HistoryImport.read(bytes, name, options);
        if (h.currency().isEmpty())
            throw new IllegalArgumentException("currency: required for " + name + " (" + format.title() + " does not state "
                    + "the account currency)");
        return h;
    }

    private static LabSpec spec(JsonNode b, ChallengeApi.Settings settings, TradeHistory h) {
        List<FirmPlan> firms = new ArrayList<>();
        JsonNode f = b.get("firms");
        if (f == null || f.isNull()) {
            for (String id : ProfileLoader.BUNDLED) firms.add(FirmPlan.bundled(id));
        } else {
            if (!f.isArray() || f.isEmpty()) throw new IllegalArgumentException("firms: a non-empty array of firm ids (" + ProfileLoader.BUNDLED + ")");
            for (JsonNode id : f) {
                if (!id.isTextual() || !ProfileLoader.BUNDLED.contains(id.asText()))
                    throw new IllegalArgumentException("firms: '" + id.asText() + "' is not a bundled firm (" + ProfileLoader.BUNDLED + ")");
                firms.add(FirmPlan.bundled(id.asText()));
            }
        }
        double balance = number(b, "balance", DEFAULT_BALANCE);
        if (!(balance > 0)) throw new IllegalArgumentException("balance: must be > 0, got " + balance);
        JsonNode r = b.get("risk_pct");
        double risk = r != null && r.isNull() ? Double.NaN : number(b, "risk_pct", DEFAULT_RISK_PCT);
        if (!Double.isNaN(risk) && !(risk > 0 && risk <= 100))
            throw new IllegalArgumentException("risk_pct: must be in (0, 100] % or null (the trades as recorded), got " + risk);
        List<Double> grid;
        JsonNode c = b.get("risk_curve");
        if (c != null && c.isNull()) grid = List.of();
        else if (c == null) grid = LabSpec.grid(DEFAULT_CURVE[0], DEFAULT_CURVE[1], DEFAULT_CURVE[2]);
        else if (!c.isObject()) throw new IllegalArgumentException("risk_curve: {\"from\": %, \"to\": %, \"step\": %} or null");
        else grid = LabSpec.grid(number(c, "from", Double.NaN), number(c, "to", Double.NaN), number(c, "step", Double.NaN));
        int curvePaths = whole(b, "curve_paths", DEFAULT_CURVE_PATHS, 1, settings.maxPaths());
        int paths = whole(b, "paths", DEFAULT_PATHS, 0, settings.maxPaths());
        long seed = b.has("seed") ? (long) number(b, "seed", 1) : 1;
        double bound = number(b, "breach_bound_pct", DEFAULT_BREACH_BOUND_PCT);
        if (!(bound >= 0 && bound <= 100)) throw new IllegalArgumentException("breach_bound_pct: must be in [0, 100] %, got " + bound);
        String method = text(b, "method", "both");
        boolean hist = method.equals("historical") || method.equals("both"), boot = method.equals("bootstrap") || method.equals("both");
        if (!hist && !boot) throw new IllegalArgumentException("method: '" + method + "' is not historical, bootstrap or both");
        return LabSpec.of(firms).withBalance(balance, h.currency()).withRisk(risk, Map.of(), 0.01)
                .withPaths(paths, seed, settings.threads()).withRiskCurve(grid, curvePaths, bound / 100)
                .withMethods(hist, boot);
    }

    private static String text(JsonNode b, String f, String dflt) {
        JsonNode n = b.get(f);
        if (n == null || n.isNull()) return dflt;
        if (!n.isTextual()) throw new IllegalArgumentException(f + ": must be a string");
        return n.asText().strip();
    }

    private static double number(JsonNode b, String f, double dflt) {
        JsonNode n = b.get(f);
        if (n == null || n.isNull()) {
            if (Double.isNaN(dflt)) throw new IllegalArgumentException(f + ": required");
            return dflt;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) throw new IllegalArgumentException(f + ": must be a finite number");
        return n.asDouble();
    }

    private static int whole(JsonNode b, String f, int dflt, int min, int max) {
        double v = number(b, f, dflt);
        if (v != Math.rint(v) || v < min || v > max)
            throw new IllegalArgumentException(f + ": must be a whole number in [" + min + ", " + max + "], got " + v);
        return (int) v;
    }
}
