package io.vprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.vprop.config.VpropConfig;
import io.vprop.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md read as a specification against a running sidecar: its endpoint tables name exactly the routes the
 * sidecar serves (method and path), every documented GET answers, and every field at the top level of a JSON answer
 * is named in that endpoint's row (so a field added in code and not in the doc fails here); the `firmDay` example
 * has the live answer's fields.
 */
class ApiDocTest {
    private static final Path DOC = io.vprop.testing.RepoPaths.root().resolve("docs/api.md");
    /** Served only with some configuration (trade memory needs strategy=engine), or the panel's own page. */
    private static final Set<String> CONDITIONAL = Set.of("GET /api/memory");
    private static final Set<String> PANEL = Set.of("GET /", "GET /index.html");
    private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|DELETE|PATCH|WS) \\| (.+?) \\| (.*) \\|\\s*$");
    private static final Pattern PATH = Pattern.compile("`(/[^`?]*)(\\?[^`]*)?`");

    private final JsonMapper json = JsonMapper.builder().build();

    record Documented(String method, String path, String answer) {
        String key() { return method + " " + normal(path); }
    }

    @Test
    void theTablesNameExactlyTheServedRoutesAndEveryAnswersWithDocumentedFields(@TempDir Path dir) throws Exception {
        Map<String, String> o = new HashMap<>();
        o.put("data.dir", dir.resolve("sidecar").toString());
        o.put("zmq.endpoint", "tcp://127.0.0.1:" + freePort());
        o.put("http.host", "127.0.0.1");
        o.put("http.port", "0");
        o.put("strategy", "none");
        List<Documented> documented = documented();
        try (Sidecar sidecar = Sidecar.start(VpropConfig.load(null, Map.of(), o), true)) {
            Set<String> served = new TreeSet<>();
            for (ParsedEndpoint e : sidecar.api().app().unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
                HandlerType m = e.getEndpoint().getMethod();
                if (!m.isHttpMethod() || m == HandlerType.HEAD || m == HandlerType.OPTIONS) continue;
                String key = m.name() + " " + normal(e.getEndpoint().getPath());
                if (!PANEL.contains(key)) served.add(key);
            }
            sidecar.api().app().unsafeConfig().pvt.internalRouter.allWsHandlers()
                    .forEach(w -> served.add("WS " + normal(w.getPath())));
            Set<String> doc = new TreeSet<>();
            documented.forEach(d -> doc.add(d.key()));
            Set<String> expected = new TreeSet<>(doc);
            expected.removeAll(CONDITIONAL);
            assertThat(served).as("routes served vs the tables of docs/api.md").containsExactlyInAnyOrderElementsOf(expected);

            String base = "http://127.0.0.1:" + sidecar.httpPort();
            List<String> undocumented = new ArrayList<>();
            for (Documented d : documented) {
                if (!d.method().equals("GET") || d.path().contains("{") || CONDITIONAL.contains(d.key())) continue;
                HttpResponse<String> r = Http.call("GET", base + d.path());
                assertThat(r.statusCode()).as("GET " + d.path() + " answers: " + r.body()).isIn(200, 404);
                if (r.statusCode() == 404) {
                    // only an absence the row itself names (e.g. a digest of a day with no trades)
                    assertThat(r.body()).as("GET " + d.path() + " is served").doesNotContain("Endpoint GET");
                    continue;
                }
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("application/json")) continue;
                JsonNode body = json.readTree(r.body());
                if (!body.isObject()) continue;
                for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (!names(d.answer(), field)) undocumented.add("GET " + d.path() + " answers '" + field + "'");
                }
            }
            assertThat(undocumented).as("fields served that their row in docs/api.md does not name").isEmpty();

            JsonNode firmDay = json.readTree(Http.call("GET", base + "/api/governors").body()).path("firmDay");
            JsonNode example = json.readTree("{" + example("\"firmDay\"") + "}").path("firmDay");
            assertThat(fieldNames(firmDay)).as("firmDay's fields vs the example in docs/api.md").isEqualTo(fieldNames(example));
        }
    }

    /** A row names a field as itself ({@code uptime_s}, in backticks or not) or in words ("uptime s"). */
    private static boolean names(String answer, String field) {
        if (answer.matches("(?s).*(?<![A-Za-z0-9_])" + Pattern.quote(field) + "(?![A-Za-z0-9_]).*")) return true;
        String words = field.replace('_', ' ').toLowerCase(Locale.ROOT);
        return answer.toLowerCase(Locale.ROOT).matches("(?s).*\\b" + Pattern.quote(words) + "\\b.*");
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<Documented> documented() throws IOException {
        List<Documented> out = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = ROW.matcher(line);
            if (!m.find()) continue;
            Matcher p = PATH.matcher(m.group(2));
            while (p.find()) out.add(new Documented(m.group(1), p.group(1), m.group(3)));
        }
        assertThat(out).as("endpoint rows in docs/api.md").hasSizeGreaterThan(20);
        return out;
    }

    /** The JSON example that starts with this key (a fenced block in the doc). */
    private static String example(String startsWith) throws IOException {
        String doc = Files.readString(DOC);
        int from = doc.indexOf("```json\n" + startsWith);
        assertThat(from).as("a json example starting with " + startsWith).isGreaterThanOrEqualTo(0);
        int start = from + "```json\n".length();
        return doc.substring(start, doc.indexOf("```", start)).strip();
    }

    /** Path parameters compare by position, not by name: {v} and {version} are the same route. */
    static String normal(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("<[^>]*>", "{}");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
