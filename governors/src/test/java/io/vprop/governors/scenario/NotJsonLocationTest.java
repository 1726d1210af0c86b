package io.vprop.governors.scenario;

import io.vprop.governors.config.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A profile or scenario file that is not JSON says where (issue 18 item 8: the fuzz contract is "an error names its
 * field or line"): the loaders kept Jackson's short message, which drops the location, so a typo in a 200-line
 * scenario read "not valid JSON: Unexpected character" with no line. Reproducer: fuzz/corpus/scenarios/finding-*.
 */
class NotJsonLocationTest {
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
}
