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
                + "alpha Beta(2 + wins k, 3 + losses k), k = min(1, prior_cap / n_eff)");
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
                priors.add(new EdgeTable.Prior(Regime.valueOf(upper(p.get("regime").asText())),
                        AlphaId.valueOf(upper(p.get("alpha").asText())), p.get("a").asDouble(), p.get("b").asDouble()));
            return new EdgeTable(version, cells, priors, EdgeFit.PRIOR_A, EdgeFit.PRIOR_B);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The end of the artefact's fit window (parameters.fit_to_utc, UTC ms), or Long.MAX_VALUE when it does not say:
     * testing the artefact before this day is in-sample.
     */
    public static long fitEndMs(Path file) {
        try {
            return fitEnd(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read edges " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #fitEndMs(Path)} of the bundled artefact. */
    public static long bundledFitEndMs() {
        try (InputStream in = EdgeArtefact.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("no bundled edges at " + BUNDLED);
            return fitEnd(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long fitEnd(byte[] bytes) throws IOException {
        JsonNode to = JSON.readTree(bytes).path("parameters").path("fit_to_utc");
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
