package io.vprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.config.VpropConfig;
import io.vprop.research.edges.EdgeArtefact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What GET /api/edges answers: the edges the running engine was given by engine.edges, read from the same artefact
 * {@link Sidecar#engineConfig} loads. Handset edges have no cells: the answer says so rather than inventing numbers.
 * Read once at start (the engine does not reload its edges while running).
 */
final class EngineEdges {
    static final String HANDSET_NOTE = "edges: hand-set priors (engine.edges=handset) — no fitted cells";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineEdges() {}

    /**
     * The artefact engine.edges resolves to: null for handset, {@link EdgeArtefact#BUNDLED} or a file path. auto is
     * the bundled artefact on swing and intraday timeframes alike: it holds H4/D1 and intraday cells, and where it has
     * none for a timeframe and symbol class the engine keeps its hand-set priors (FittedWinProbability).
     */
    static String artefact(VpropConfig cfg) {
        return switch (cfg.get("engine.edges")) {
            case "handset" -> null;
            case "fitted", "auto" -> EdgeArtefact.BUNDLED;
            default -> cfg.get("engine.edges");
        };
    }

    static Map<String, Object> describe(VpropConfig cfg) {
        String artefact = artefact(cfg);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("setting", cfg.get("engine.edges"));
        if (artefact == null) {
            m.put("source", "handset");
            m.put("note", HANDSET_NOTE);
            m.put("cells", List.of());
            m.put("priors", List.of());
            return m;
        }
        boolean bundled = artefact.equals(EdgeArtefact.BUNDLED);
        m.put("source", bundled ? "fitted" : artefact);
        return describe(m, bundled ? bundledBytes() : fileBytes(artefact));
    }

    /** The artefact's version, provenance summary, cells (edge_r = shrunk edge after costs) and bandit priors. */
    static Map<String, Object> describe(Map<String, Object> m, byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            m.put("version", root.path("version").asText());
            m.put("sha256", EdgeArtefact.sha256(bytes));
            m.put("command_line", root.path("command_line").asText());
            JsonNode p = root.path("parameters");
            m.put("fit_from_utc", p.path("fit_from_utc").isTextual() ? p.path("fit_from_utc").asText() : null);
            m.put("fit_to_utc", p.path("fit_to_utc").isTextual() ? p.path("fit_to_utc").asText() : null);
            m.put("method", root.path("method").asText());
            List<Map<String, Object>> parts = new ArrayList<>();
            for (JsonNode part : root.path("parts")) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", part.path("name").asText());
                x.put("version", part.path("version").asText());
                x.put("command_line", part.path("command_line").asText());
                JsonNode pp = part.path("parameters");
                x.put("timeframes", JSON.convertValue(pp.path("timeframes"), List.class));
                x.put("fit_from_utc", pp.path("fit_from_utc").isTextual() ? pp.path("fit_from_utc").asText() : null);
                x.put("fit_to_utc", pp.path("fit_to_utc").isTextual() ? pp.path("fit_to_utc").asText() : null);
                x.put("supplies", JSON.convertValue(part.path("supplies"), List.class));
                parts.add(x);
            }
            m.put("parts", parts);
            List<Map<String, Object>> cells = new ArrayList<>();
            for (JsonNode c : root.path("cells")) {
                Map<String, Object> x = new LinkedHashMap<>();
                for (String k : List.of("alpha", "timeframe", "regime", "session", "symbol_class")) x.put(k, c.path(k).asText());
                x.put("n", c.path("n").asInt());
                x.put("n_eff", c.path("n_eff").asInt());
                x.put("edge_r", c.path("shrunk_net_r").asDouble());
                x.put("edge_gross_r", c.path("shrunk_gross_r").asDouble());
                x.put("win_rate", c.path("win_rate").asDouble());
                if (c.has("part")) x.put("part", c.path("part").asText());
                cells.add(x);
            }
            m.put("cells", cells);
            List<Map<String, Object>> priors = new ArrayList<>();
            for (JsonNode c : root.path("priors")) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("regime", c.path("regime").asText());
                if (c.has("regime_timeframe")) x.put("regime_timeframe", c.path("regime_timeframe").asText());
                x.put("alpha", c.path("alpha").asText());
                x.put("n", c.path("n").asInt());
                x.put("n_eff", c.path("n_eff").asInt());
                x.put("a", c.path("a").asDouble());
                x.put("b", c.path("b").asDouble());
                priors.add(x);
            }
            m.put("priors", priors);
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("edges artefact is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] bundledBytes() {
        try (InputStream in = EdgeArtefact.class.getResourceAsStream(EdgeArtefact.BUNDLED)) {
            if (in == null) throw new IllegalStateException("no bundled edges at " + EdgeArtefact.BUNDLED);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] fileBytes(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read edges " + file + ": " + e.getMessage(), e);
        }
    }
}
