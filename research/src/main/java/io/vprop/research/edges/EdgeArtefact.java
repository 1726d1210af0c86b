package io.vprop.research.edges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.regime.Regime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fitted edges as a versioned, reproducible file (format {@code vprop-edges-v1}): how it was made (command line,
 * code version, every data file's SHA-256, the parameters and the fit window), the method, and the cells and priors.
 * No clock time is written: the same inputs give the same bytes, and the version is the first 12 hex digits of the
 * SHA-256 of everything else, so a different fit is a different version. Never edited by hand: {@code vprop edges fit}
 * writes it, {@link #read} checks the version against the content.
 */
public final class EdgeArtefact {
    public static final String FORMAT = "vprop-edges-v1";
    /** The default artefact shipped with the engine (on the classpath, engine module's resources). */
    public static final String BUNDLED = "/io/vprop/signal/edge/edges-default.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EdgeArtefact() {}

    /** Where it came from: written verbatim into the artefact. */
    public record Provenance(String commandLine, String codeVersion, Map<String, String> dataSha256,
                             Map<String, Object> parameters) {
    }

    /** The artefact's bytes (UTF-8 JSON) for a fit. */
    public static byte[] write(EdgeFit.Result fit, Provenance p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", FORMAT);
        body.put("version", "");
        body.put("command_line", p.commandLine());
        body.put("code_version", p.codeVersion());
        body.put("data_sha256", p.dataSha256());
        body.put("parameters", p.parameters());
        body.put("method", "normal-normal empirical Bayes toward 0 on gross R (before spread and commission; swaps "
                + "included), tau^2 by the method of moments across cells, variance of a cell's mean with n_eff "
                + "(non-overlapping candidates); win rate Beta(2,3) posterior mean with n_eff; bandit prior per regime x "
                + "alpha Beta(2 + wins k, 3 + losses k), k = min(1, prior_cap / n_eff)"
                + ("pooled-floor".equals(p.parameters().get("variance")) ? "; a cell's variance is at least the pooled "
                + "variance of all candidates (parameters.variance = pooled-floor)" : ""));
        body.put("tau2", fit.tau2());
        body.put("candidates", fit.candidates());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (EdgeFit.FittedCell c : fit.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alpha", lower(c.alpha().name()));
            m.put("timeframe", c.timeframe().name());
            m.put("symbol_class", c.symbolClass());
            m.put("regime", lower(c.regime().name()));
            m.put("session", lower(c.session().name()));
            m.put("n", c.n());
            m.put("n_eff", c.nEff());
            m.put("mean_gross_r", finite(c.meanGrossR()));
            m.put("sd_gross_r", finite(c.sdGrossR()));
            m.put("lower95_gross_r", finite(c.lower95GrossR()));
            m.put("mean_cost_r", finite(c.meanCostR()));
            m.put("mean_net_r", finite(c.meanNetR()));
            m.put("shrunk_gross_r", c.shrunkGrossR());
            m.put("shrunk_net_r", EdgeFit.r6(c.shrunkNetR()));
            m.put("win_rate", c.winRate());
            cells.add(m);
        }
        List<Map<String, Object>> priors = new ArrayList<>();
        for (EdgeFit.PriorCell x : fit.priors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("regime", lower(x.regime().name()));
            m.put("alpha", lower(x.alpha().name()));
            m.put("n", x.n());
            m.put("n_eff", x.nEff());
            m.put("wins", x.wins());
            m.put("a", x.a());
            m.put("b", x.b());
            priors.add(m);
        }
        body.put("priors", priors);
        body.put("cells", cells);
        try {
            String version = "edges-" + sha256(JSON.writeValueAsBytes(body)).substring(0, 12);
            body.put("version", version);
            return (JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One fitted artefact to merge, under a name (h4d1, h1, m1, ticks-2014 …). */
    public record Part(String name, byte[] bytes) {
        public Part {
            if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*"))
                throw new IllegalArgumentException("a part's name is lower-case letters, digits, '.', '_' or '-', got " + name);
        }
    }

    /**
     * Several fits, each on its own data set and candidates, as one artefact: each part's provenance verbatim (its
     * version, the SHA-256 of its bytes, command line, code version, data SHA-256s, parameters, τ²) under
     * {@code parts}; per (timeframe, symbol class) the cells of the first part, in the order given, that has any (so
     * 12 years of EURUSD H1 answer for H1 before two weeks of M1); per regime timeframe the bandit priors of the
     * first part whose engine read its regime there. The same parts give the same bytes; a part whose content does
     * not match its version is refused, as {@link #read} refuses an edited artefact.
     */
    public static byte[] merge(List<Part> parts, String commandLine) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        try {
            java.util.Set<String> names = new java.util.HashSet<>(), claimed = new java.util.HashSet<>(), priorTfs = new java.util.HashSet<>();
            Map<String, String> data = new java.util.TreeMap<>();
            List<Map<String, Object>> partList = new ArrayList<>();
            List<JsonNode> cells = new ArrayList<>(), priors = new ArrayList<>();
            String method = null;
            for (Part part : parts) {
                if (!names.add(part.name())) throw new IllegalArgumentException("part " + part.name() + " twice");
                parse(part.bytes(), part.name());                              // refuses an edited or foreign file
                JsonNode root = JSON.readTree(part.bytes());
                if (root.has("parts")) throw new IllegalArgumentException(part.name() + ": already a merged artefact");
                if (method == null) method = root.path("method").asText();
                JsonNode params = root.path("parameters");
                String regimeTf = regimeTimeframe(params, root.path("cells"));
                java.util.Set<String> supplies = new java.util.TreeSet<>();
                for (JsonNode c : root.path("cells")) {
                    String key = c.path("timeframe").asText() + "/" + c.path("symbol_class").asText();
                    if (claimed.contains(key)) continue;
                    supplies.add(key);
                    com.fasterxml.jackson.databind.node.ObjectNode x = ((com.fasterxml.jackson.databind.node.ObjectNode) c).deepCopy();
                    x.put("part", part.name());
                    cells.add(x);
                }
                claimed.addAll(supplies);
                boolean priorsUsed = regimeTf != null && priorTfs.add(regimeTf);
                if (priorsUsed)
                    for (JsonNode p : root.path("priors")) {
                        com.fasterxml.jackson.databind.node.ObjectNode x = JSON.createObjectNode();
                        x.put("regime_timeframe", regimeTf);
                        x.setAll((com.fasterxml.jackson.databind.node.ObjectNode) p);
                        x.put("part", part.name());
                        priors.add(x);
                    }
                root.path("data_sha256").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", part.name());
                m.put("version", root.path("version").asText());
                m.put("sha256", sha256(part.bytes()));
                m.put("command_line", root.path("command_line").asText());
                m.put("code_version", root.path("code_version").asText());
                m.put("data_sha256", root.path("data_sha256"));
                m.put("parameters", params);
                m.put("tau2", root.path("tau2"));
                m.put("candidates", root.path("candidates"));
                m.put("regime_timeframe", regimeTf);
                m.put("cells_fitted", root.path("cells").size());
                m.put("supplies", List.copyOf(supplies));
                m.put("priors_used", priorsUsed);
                partList.add(m);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("format", FORMAT);
            body.put("version", "");
            body.put("command_line", commandLine);
            body.put("data_sha256", data);
            body.put("parameters", Map.of("parts", parts.stream().map(Part::name).toList()));
            body.put("method", method + "; merged: each part fitted on its own data set, per (timeframe, symbol class) "
                    + "the cells of the first part that has any, per regime timeframe the priors of the first part read there");
            body.put("parts", partList);
            body.put("priors", priors);
            body.put("cells", cells);
            String version = "edges-" + sha256(JSON.writeValueAsBytes(body)).substring(0, 12);
            body.put("version", version);
            return (JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot merge: " + e.getMessage(), e);
        }
    }

    /**
     * The regime timeframe of a fit's engine: parameters.regime_timeframe, else its finest timeframe (parameters.timeframes,
     * else the cells').
     */
    private static String regimeTimeframe(JsonNode params, JsonNode cells) {
        if (params.path("regime_timeframe").isTextual()) return params.path("regime_timeframe").asText();
        Timeframe finest = null;
        for (JsonNode t : params.has("timeframes") ? params.path("timeframes") : cells) {
            Timeframe tf = Timeframe.valueOf(t.isTextual() ? t.asText() : t.path("timeframe").asText());
            if (finest == null || tf.millis() < finest.millis()) finest = tf;
        }
        return finest == null ? null : finest.name();
    }

    public static EdgeTable read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read edges " + file + ": " + e.getMessage(), e);
        }
    }

    /** The bundled default artefact. */
    public static EdgeTable bundled() {
        try (InputStream in = EdgeArtefact.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("no bundled edges at " + BUNDLED);
            return parse(in.readAllBytes(), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EdgeTable parse(byte[] bytes, String name) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (!FORMAT.equals(root.path("format").asText()))
                throw new IllegalArgumentException(name + ": not a " + FORMAT + " file");
            String version = root.path("version").asText();
            Map<String, Object> body = JSON.convertValue(root, java.util.LinkedHashMap.class);
            body.put("version", "");
            String expected = "edges-" + sha256(JSON.writeValueAsBytes(body)).substring(0, 12);
            if (!expected.equals(version))
                throw new IllegalArgumentException(name + ": version " + version + " does not match its content (" + expected
                        + "): the file was edited; refit with vprop edges fit");
            List<EdgeTable.Cell> cells = new ArrayList<>();
            for (JsonNode c : root.path("cells"))
                cells.add(new EdgeTable.Cell(AlphaId.valueOf(upper(c.get("alpha").asText())), Timeframe.valueOf(c.get("timeframe").asText()),
                        c.get("symbol_class").asText(), Regime.valueOf(upper(c.get("regime").asText())),
                        Session.valueOf(upper(c.get("session").asText())), c.get("n_eff").asInt(),
                        c.get("shrunk_gross_r").asDouble(), c.get("win_rate").asDouble()));
            List<EdgeTable.Prior> priors = new ArrayList<>();
            for (JsonNode p : root.path("priors"))
                priors.add(new EdgeTable.Prior(p.path("regime_timeframe").isTextual() ? Timeframe.valueOf(p.get("regime_timeframe").asText()) : null,
                        Regime.valueOf(upper(p.get("regime").asText())),
                        AlphaId.valueOf(upper(p.get("alpha").asText())), p.get("a").asDouble(), p.get("b").asDouble()));
            return new EdgeTable(version, cells, priors, EdgeFit.PRIOR_A, EdgeFit.PRIOR_B);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The end of the artefact's fit window for an engine on {@code timeframes} (parameters.fit_to_utc, UTC ms; of a
     * merged artefact the latest over the parts fitted on any of those timeframes, Long.MIN_VALUE when none was), or
     * Long.MAX_VALUE when it does not say: testing the artefact before this day is in-sample.
     */
    public static long fitEndMs(Path file, List<Timeframe> timeframes) {
        try {
            return fitEnd(Files.readAllBytes(file), timeframes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read edges " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #fitEndMs(Path, List)} of the bundled artefact. */
    public static long bundledFitEndMs(List<Timeframe> timeframes) {
        try (InputStream in = EdgeArtefact.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("no bundled edges at " + BUNDLED);
            return fitEnd(in.readAllBytes(), timeframes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long fitEnd(byte[] bytes, List<Timeframe> timeframes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (!root.has("parts")) return fitEnd(root.path("parameters"));
        long end = Long.MIN_VALUE;
        for (JsonNode p : root.path("parts")) {
            boolean overlaps = false;
            for (JsonNode t : p.path("parameters").path("timeframes"))
                overlaps |= timeframes.contains(Timeframe.valueOf(t.asText()));
            if (overlaps) end = Math.max(end, fitEnd(p.path("parameters")));
        }
        return end;
    }

    private static long fitEnd(JsonNode params) {
        JsonNode to = params.path("fit_to_utc");
        if (!to.isTextual()) return Long.MAX_VALUE;
        return java.time.LocalDate.parse(to.asText()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object finite(double v) { return Double.isFinite(v) ? v : null; }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }

    private static String upper(String s) { return s.toUpperCase(Locale.ROOT); }
}
