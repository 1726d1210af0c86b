package io.vprop.governors.scenario;

import io.vprop.governors.config.ProfileLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario file in governors/scenarios must pass: the same contract the MQL5 EA runs. */
class ScenarioFilesTest {

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(RepoPaths.scenarios())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws IOException {
        return files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Scenario s = ScenarioLoader.load(f);
            List<ScenarioRunner.Verdict> verdicts = ScenarioRunner.run(s);
            assertThat(verdicts).as("checkpoints in " + f.getFileName()).isNotEmpty();
            assertThat(verdicts).filteredOn(v -> !v.passed())
                    .as("failed checkpoints in " + f.getFileName()).isEmpty();
        }));
    }

    @Test
    void atLeastFortyScenariosCoverEveryBundledProfile() throws IOException {
        List<Path> files = files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        List<String> refs = files.stream().map(ScenarioLoader::load).map(Scenario::profileRef).distinct().toList();
        assertThat(refs).containsAll(ProfileLoader.BUNDLED).contains("inline");
    }

    @Test
    void checkCommandPassesOnTheDirectory() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = ScenarioCheck.run(List.of(RepoPaths.scenarios()), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(out).isZero();
        assertThat(out).contains("PASS").doesNotContain("FAIL").contains("0 failed");
    }

    @Test
    void checkCommandFailsOnAWrongExpectation(@TempDir Path tmp) throws IOException {
        Path src = RepoPaths.scenarios().resolve("ftmo-1step-trailing-eod-floor.json");
        String text = Files.readString(src).replace("\"overallFloor\": 94000, \"highWaterMark\": 104000, \"dayAnchor\"",
                "\"overallFloor\": 93000, \"highWaterMark\": 104000, \"dayAnchor\"");
        assertThat(text).contains("93000");
        Path bad = tmp.resolve("mutated.json");
        Files.writeString(bad, text);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = ScenarioCheck.run(List.of(bad), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(rc).isEqualTo(1);
        assertThat(out).contains("FAIL").contains("overallFloor: expected 93000.0, got 94000.0");

        buf.reset();
        rc = ScenarioCheck.runJson(List.of(bad), new PrintStream(buf, true, StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(buf.toByteArray());
        assertThat(rc).isEqualTo(1);
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("checkpoints_failed").asInt()).isPositive();
        assertThat(json.at("/files/0/ok").asBoolean()).isFalse();
        assertThat(json.at("/files/0/checkpoints").findValuesAsText("summary")).isNotEmpty();
        assertThat(json.toString()).contains("overallFloor: expected 93000.0, got 94000.0");
    }

    @Test
    void checkCommandReportsMissingAndMalformedFiles(@TempDir Path tmp) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertThat(ScenarioCheck.run(List.of(tmp.resolve("nope.json")), out)).isEqualTo(2);
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"name\": \"x\", \"profile\": \"ftmo-2step\", \"initialBalance\": 100000, \"events\": ["
                + "{\"time\": \"2024-05-14 10:00\", \"type\": \"clock\"}]}");
        assertThat(ScenarioCheck.run(List.of(broken), out)).isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("no such file").contains("events[0].time");
    }

    @Test
    void scenarioFilesAreValidatedNamingTheField(@TempDir Path tmp) throws IOException {
        String head = "{\"name\": \"x\", \"profile\": \"ftmo-2step\", \"initialBalance\": 100000, \"events\": [";
        Path typo = tmp.resolve("typo.json");
        Files.writeString(typo, head + "{\"time\": \"2024-05-14T10:00:00Z\", \"type\": \"clock\", \"expect\": {\"dailyFlor\": 1}}]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioLoader.load(typo))
                .hasMessageContaining("events[0].expect.dailyFlor: unknown field");
        Path twice = tmp.resolve("twice.json");
        Files.writeString(twice, head + "{\"time\": \"2024-05-14T10:00:00Z\", \"type\": \"clock\", \"type\": \"fill\"}]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioLoader.load(twice))
                .hasMessageContaining("twice.json").hasMessageContaining("Duplicate field 'type'");
        Path both = tmp.resolve("both.json");
        Files.writeString(both, "{\"name\": \"x\", \"profile\": \"ftmo-2step\", \"rules\": {}, \"initialBalance\": 1, \"events\": []}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioLoader.load(both)).hasMessageContaining("not both");
        Path type = tmp.resolve("type.json");
        Files.writeString(type, head + "{\"time\": \"2024-05-14T10:00:00Z\", \"type\": \"tick\"}]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioLoader.load(type))
                .hasMessageContaining("events[0].type: unknown event type 'tick'");
        Path offset = tmp.resolve("offset.json");
        Files.writeString(offset, head + "{\"time\": \"2024-05-14T10:00:00+02:00\", \"type\": \"clock\"}]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioLoader.load(offset))
                .hasMessageContaining("events[0].time: must be a UTC timestamp like 2024-03-10T21:59:00Z");
    }

    @Test
    void anExpectedRejectionThatDoesNotHappenFails(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("s.json");
        Files.writeString(f, "{\"name\": \"x\", \"profile\": \"ftmo-2step\", \"initialBalance\": 100000, \"events\": ["
                + "{\"time\": \"2024-05-14T10:00:00Z\", \"type\": \"account\", \"balance\": 5, \"equity\": 5, \"expectError\": \"account.balance\"}]}");
        List<ScenarioRunner.Verdict> v = ScenarioRunner.run(ScenarioLoader.load(f));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.passed()).isFalse());
    }
}
