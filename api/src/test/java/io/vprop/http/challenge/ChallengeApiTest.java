package io.vprop.http.challenge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.vprop.challenge.TradeHistory;
import io.vprop.challenge.history.HistoryImport;
import io.vprop.challenge.history.ImportOptions;
import io.vprop.challenge.sim.ChallengeLab;
import io.vprop.challenge.sim.FirmPlan;
import io.vprop.challenge.sim.LabJson;
import io.vprop.challenge.sim.LabSpec;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/challenge over real HTTP: an uploaded MT5 report runs through the lab off the request thread and gives the
 * lab's own result (the same JSON as calling the lab directly); bad input is a 400 naming the field; one run at a
 * time; the size limit; the newest research result as a source.
 */
class ChallengeApiTest {
    static final Path HISTORY = RepoPaths.root().resolve("challenge/src/test/resources/history");
    static final Path REPORT = HISTORY.resolve("ReportHistory-51234567.html");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path research;

    private Javalin app;
    private String base;

    private void serve(ChallengeApi.Settings settings) {
        serve(settings, null);
    }

    private void serve(ChallengeApi.Settings settings, io.vprop.journal.JournalReader journal) {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        ChallengeApi.register(app, journal, settings);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) app.stop();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private ObjectNode upload(Path file) throws Exception {
        ObjectNode b = json.createObjectNode();
        b.put("source", "upload");
        b.put("file_name", file.getFileName().toString());
        b.put("content_base64", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
        b.putArray("firms").add("ftmo-2step").add("e8-one");
        b.put("paths", 400).put("seed", 9).put("curve_paths", 150).put("breach_bound_pct", 25);
        b.putObject("risk_curve").put("from", 0.5).put("to", 1.5).put("step", 0.5);
        return b;
    }

    private JsonNode awaitEnd(String id) throws Exception {
        long end = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < end) {
            JsonNode r = get("/api/challenge/runs/" + id);
            if (!r.get("state").asText().equals("running") && !r.get("state").asText().equals("queued")) return r;
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end within 120 s");
    }

    @Test
    void anUploadedMt5ReportGivesTheLabsOwnResult() throws Exception {
        serve(ChallengeApi.Settings.defaults(research));
        ObjectNode body = upload(REPORT);
        body.put("server_tz", "Broker/US-DST");
        HttpResponse<String> started = post("/api/challenge/runs", body.toString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode s = json.readTree(started.body());
        TradeHistory h = HistoryImport.read(REPORT, ImportOptions.newYorkClose());
        assertThat(s.get("trades").asInt()).isEqualTo(h.trades().size());
        assertThat(s.get("source").asText()).isEqualTo(h.source());

        JsonNode done = awaitEnd(s.get("id").asText());
        assertThat(done.get("state").asText()).as(done.get("error").asText()).isEqualTo("done");
        assertThat(done.get("done_paths").asLong()).isEqualTo(done.get("total_paths").asLong()).isPositive();
        // the same run, called directly, writes the same JSON (timing apart)
        LabSpec spec = LabSpec.of(List.of(FirmPlan.bundled("ftmo-2step"), FirmPlan.bundled("e8-one")))
                .withBalance(100_000, h.currency()).withRisk(1.0, Map.of(), 0.01).withPaths(400, 9, 1)
                .withRiskCurve(List.of(0.5, 1.0, 1.5), 150, 0.25);
        ObjectNode direct = (ObjectNode) json.readTree(LabJson.write(ChallengeLab.run(h, spec)));
        ObjectNode served = (ObjectNode) done.get("result");
        for (ObjectNode n : List.of(direct, served)) n.remove(List.of("elapsedMs", "threads"));
        assertThat(served).isEqualTo(direct);
        assertThat(served.get("firms")).hasSize(2);

        HttpResponse<String> html = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/challenge/runs/"
                + s.get("id").asText() + "/report.html")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<h1>Challenge lab</h1>").contains("id=\"risk-1\"");
        assertThat(get("/api/challenge").get("last_run").get("id").asText()).isEqualTo(s.get("id").asText());
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingRuns() throws Exception {
        serve(ChallengeApi.Settings.defaults(research));
        ObjectNode noZone = upload(REPORT);
        HttpResponse<String> r = post("/api/challenge/runs", noZone.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("error").asText()).startsWith("server_tz: required for "
                + "ReportHistory-51234567.html (MT5 account history report, HTML)");

        ObjectNode badZone = upload(REPORT).put("server_tz", "Mars/Olympus");
        assertThat(json.readTree(post("/api/challenge/runs", badZone.toString()).body()).get("error").asText())
                .startsWith("server_tz: ");
        ObjectNode badFirm = upload(REPORT).put("server_tz", "Broker/US-DST");
        badFirm.putArray("firms").add("ftmo-3step");
        assertThat(json.readTree(post("/api/challenge/runs", badFirm.toString()).body()).get("error").asText())
                .startsWith("firms: 'ftmo-3step' is not a bundled firm");
        ObjectNode notBase64 = upload(REPORT).put("server_tz", "Broker/US-DST").put("content_base64", "%%%");
        assertThat(json.readTree(post("/api/challenge/runs", notBase64.toString()).body()).get("error").asText())
                .startsWith("content_base64: not base64");
        ObjectNode unknown = upload(REPORT).put("server_tz", "Broker/US-DST").put("risk", 1);
        assertThat(json.readTree(post("/api/challenge/runs", unknown.toString()).body()).get("error").asText())
                .startsWith("risk: unknown field");
        ObjectNode badCsv = upload(HISTORY.resolve("truncated-deals.csv")).put("server_tz", "Broker/US-DST");
        HttpResponse<String> csv = post("/api/challenge/runs", badCsv.toString());
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(json.readTree(csv.body()).get("error").asText()).startsWith("truncated-deals.csv line ");
        assertThat(post("/api/challenge/runs", "not json").statusCode()).isEqualTo(400);
        assertThat(get("/api/challenge").get("last_run").isNull()).isTrue();
        assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/challenge/runs/nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void oneRunAtATimeAndACancelStopsIt() throws Exception {
        serve(ChallengeApi.Settings.defaults(research));
        ObjectNode big = upload(REPORT).put("server_tz", "Broker/US-DST").put("paths", 50_000);
        big.remove("firms"); // all seven
        HttpResponse<String> first = post("/api/challenge/runs", big.toString());
        assertThat(first.statusCode()).isEqualTo(202);
        String id = json.readTree(first.body()).get("id").asText();
        HttpResponse<String> second = post("/api/challenge/runs", upload(REPORT).put("server_tz", "Broker/US-DST").toString());
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json.readTree(second.body()).get("error").asText()).startsWith("a challenge run is in progress (");
        assertThat(post("/api/challenge/runs/" + id + "/cancel", "").statusCode()).isEqualTo(200);
        JsonNode end = awaitEnd(id);
        assertThat(end.get("state").asText()).isEqualTo("cancelled");
        assertThat(end.get("done_paths").asLong()).isLessThan(end.get("total_paths").asLong());
        assertThat(end.get("result").isNull()).isTrue();
    }

    @Test
    void aRunIsStoppedAtTheTimeLimitAndAnUploadAboveTheLimitIsRefused() throws Exception {
        serve(new ChallengeApi.Settings(research, 60_000, 50_000, 1, 1));
        ObjectNode big = upload(REPORT).put("server_tz", "Broker/US-DST").put("paths", 50_000);
        big.remove("firms");
        // the sample report is 42 kB: under the limit
        HttpResponse<String> started = post("/api/challenge/runs", big.toString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode end = awaitEnd(json.readTree(started.body()).get("id").asText());
        assertThat(end.get("state").asText()).isEqualTo("failed");
        assertThat(end.get("error").asText()).startsWith("stopped after the time limit of 1 s (");

        ObjectNode huge = upload(REPORT).put("server_tz", "Broker/US-DST")
                .put("content_base64", Base64.getEncoder().encodeToString(new byte[200_000]));
        HttpResponse<String> refused = post("/api/challenge/runs", huge.toString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(json.readTree(refused.body()).get("error").asText()).contains("more than the");
    }

    @Test
    void theNewestResearchResultIsOfferedAndRuns() throws Exception {
        serve(ChallengeApi.Settings.defaults(research));
        JsonNode none = get("/api/challenge").get("research");
        assertThat(none.get("file").isNull()).isTrue();
        assertThat(none.get("how").asText()).contains("vprop walkforward --data DIR --out " + research.toAbsolutePath());
        HttpResponse<String> refused = post("/api/challenge/runs", "{\"source\": \"research\"}");
        assertThat(json.readTree(refused.body()).get("error").asText()).startsWith("source research: no research result in ");

        Path wf = research.resolve("wf-2026/result.json");
        Files.createDirectories(wf.getParent());
        Files.copy(HISTORY.resolve("walkforward-result.json"), wf);
        Files.writeString(research.resolve("wf-2026/other.json"), "{\"not\": \"research\"}");
        Files.setLastModifiedTime(wf, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        JsonNode offered = get("/api/challenge").get("research");
        assertThat(offered.get("file").asText()).isEqualTo(wf.toAbsolutePath().toString());
        assertThat(offered.get("trades").asInt()).isEqualTo(120);
        assertThat(offered.get("format").asText()).isEqualTo("VProp walk-forward result");

        HttpResponse<String> started = post("/api/challenge/runs", "{\"source\": \"research\", \"firms\": [\"ftmo-1step\"], "
                + "\"paths\": 300, \"risk_curve\": null, \"method\": \"bootstrap\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode done = awaitEnd(json.readTree(started.body()).get("id").asText());
        assertThat(done.get("state").asText()).as(done.get("error").asText()).isEqualTo("done");
        JsonNode result = done.get("result");
        assertThat(result.get("source").asText()).contains("out-of-sample trades");
        assertThat(result.get("trades").get("total").asInt()).isEqualTo(120);
        assertThat(result.get("firms").get(0).get("methods")).hasSize(1);
        assertThat(result.get("firms").get(0).has("riskCurve")).isFalse();
    }

    @Test
    void theJournalsClosedTradesRunWithTheCurrencyStated() throws Exception {
        Path db = research.resolve("sidecar.db");
        try (io.vprop.journal.Journal j = new io.vprop.journal.Journal(db, false)) {
            long seq = 0, day = 86_400_000L, start = java.time.Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
            for (int i = 0; i < 30; i++) {
                long open = start + (i + i / 5 * 2) * day; // weekdays only
                double profit = i % 3 == 0 ? -100 : 120;
                j.recordFill("T1", new io.vprop.protocol.Payload.Fill(2L * i, 2L * i, 500 + i, "", "EURUSD", "buy", "in", 1.1,
                        1.0, -3.5, 0, 0, open, "expert"), ++seq, 0);
                j.recordFill("T1", new io.vprop.protocol.Payload.Fill(2L * i + 1, 2L * i + 1, 500 + i, "", "EURUSD", "sell",
                        "out", 1.1 + profit / 100_000, 1.0, -3.5, 0, profit, open + 3_600_000, "tp"), ++seq, 0);
            }
        }
        try (io.vprop.journal.JournalReader reader = io.vprop.journal.JournalReader.open(db)) {
            serve(ChallengeApi.Settings.defaults(research), reader);
            assertThat(get("/api/challenge").get("journal").get("closed_trades").asInt()).isEqualTo(30);
            HttpResponse<String> noCurrency = post("/api/challenge/runs", "{\"source\": \"journal\"}");
            assertThat(noCurrency.statusCode()).isEqualTo(400);
            assertThat(json.readTree(noCurrency.body()).get("error").asText()).startsWith("currency: required with source journal");
            HttpResponse<String> started = post("/api/challenge/runs", "{\"source\": \"journal\", \"currency\": \"USD\", "
                    + "\"firms\": [\"ftmo-2step\"], \"paths\": 200, \"risk_curve\": null}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            JsonNode done = awaitEnd(json.readTree(started.body()).get("id").asText());
            assertThat(done.get("state").asText()).as(done.get("error").asText()).isEqualTo("done");
            assertThat(done.get("result").get("trades").get("total").asInt()).isEqualTo(30);
            assertThat(done.get("result").get("currency").asText()).isEqualTo("USD");
            app.stop();
            app = null;
        }
    }
}
