package io.vprop.governors.scenario;

import io.vprop.governors.config.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Profile and scenario files the fuzzer found. One that is not JSON says where (issue 18 item 8: the fuzz contract is "an error names its
 * field or line"): the loaders kept Jackson's short message, which drops the location, so a typo in a 200-line
 * scenario read "not valid JSON: Unexpected character" with no line. Reproducer: fuzz/corpus/scenarios/finding-*.
 */
class GovernorFilesFuzzFindingsTest {
    @TempDir
    Path dir;

    @Test
    void aProfileSyntaxErrorNamesFileLineAndColumn() throws Exception {
        Path f = dir.resolve("typo.json");
        Files.writeString(f, "{\n  \"id\": \"x\",\n  oops\n}\n");
        assertThatThrownBy(() -> ProfileLoader.file(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 3, column 3: not valid JSON (Unexpected character ('o'");
        assertThatThrownBy(() -> ProfileLoader.json("{\"id\": 1,,}", "inline")).hasMessageStartingWith("inline line 1, column 10: not valid JSON (Unexpected character (','");
    }

    @Test
    void aScenarioSyntaxErrorNamesFileLineAndColumn() throws Exception {
        Path f = dir.resolve("cut.json");
        Files.writeString(f, "{\n  \"name\": \"cut\",\n  \"events\": [\n    { \"type\": \"account\"");
        assertThatThrownBy(() -> ScenarioCheck.validate(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 4, column ").hasMessageContaining(": not valid JSON (");
    }

    /**
     * An unknown key that is the empty string: the error read ": unknown field", naming nothing (fuzz finding,
     * fuzz/corpus/profiles/finding-empty-key-*.json). The path shows it as "".
     */
    @Test
    void anEmptyUnknownKeyIsNamed() throws Exception {
        String ftmo = new String(ProfileLoader.class.getResourceAsStream("/io/vprop/governors/profiles/ftmo-2step.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String withEmptyKey = ftmo.replaceFirst("\\{", "{ \"\": 1,");
        assertThatThrownBy(() -> ProfileLoader.json(withEmptyKey, "empty-key.json"))
                .isInstanceOf(io.vprop.governors.profile.ProfileException.class)
                .hasMessage("\"\": unknown field (in empty-key.json)");
        String nested = ftmo.replaceFirst("\"dayReset\": \\{", "\"dayReset\": { \"\": 1,");
        assertThatThrownBy(() -> ProfileLoader.json(nested, "nested.json")).hasMessage("dayReset.\"\": unknown field (in nested.json)");
    }

    /** The same with a blank key and a key with a line break (scenarios campaign, fuzz/corpus/scenarios/finding-*). */
    @Test
    void aBlankOrOddUnknownKeyIsQuoted() throws Exception {
        String ftmo = new String(ProfileLoader.class.getResourceAsStream("/io/vprop/governors/profiles/ftmo-2step.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProfileLoader.json(ftmo.replaceFirst("\\{", "{ \" \": 1,"), "blank.json"))
                .hasMessage("\" \": unknown field (in blank.json)");
        assertThatThrownBy(() -> ProfileLoader.json(ftmo.replaceFirst("\\{", "{ \"a\\\\nb.c\": 1,"), "odd.json"))
                .hasMessage("\"a\\u000ab.c\": unknown field (in odd.json)");
    }
}
