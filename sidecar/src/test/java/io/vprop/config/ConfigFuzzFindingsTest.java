package io.vprop.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Config files the fuzzer found (issue 18 item 8, docs/fuzzing.md; the reproducers are in fuzz/corpus/config):
 * a malformed backslash-u escape escaped Properties.load as a bare IllegalArgumentException, a value holding an
 * escaped line break split its error over two lines (one line per problem is the contract), and a NUL in a path
 * value threw InvalidPathException out of the validation.
 */
class ConfigFuzzFindingsTest {
    @TempDir
    Path dir;

    private ConfigException load(String text) throws Exception {
        Path f = dir.resolve("vprop.properties");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Throwable t = catchThrowable(() -> VpropConfig.load(f, Map.of(), Map.of()));
        assertThat(t).isInstanceOf(ConfigException.class);
        return (ConfigException) t;
    }

    @Test
    void aMalformedUnicodeEscapeIsAConfigErrorWithItsLine() throws Exception {
        // minimised: fuzz/corpus/config/finding-malformed-u-escape.properties (a lone CR ends the comment line)
        ConfigException e = load("# every key\r at its \\uZZZZ default\nzmq.endpoint=tcp://127.0.0.1:5555\n");
        assertThat(e.getMessage()).isEqualTo(dir.resolve("vprop.properties") + " line 2: malformed \\uXXXX escape "
                + "(a backslash-u must be followed by four hex digits; write \\\\ for a backslash)");
        assertThat(load("http.port=8080\naccount=\\u12\n").getMessage()).contains(" line 2: malformed \\uXXXX escape");
    }

    @Test
    void aValueWithALineBreakKeepsOneLinePerProblem() throws Exception {
        ConfigException e = load("paper.margin.mode=fi\\nfo\nstale.ms=so\\r\\non\n");
        assertThat(e.getMessage().split("\n")).containsExactly(
                "stale.ms: 'so\\r\\non' is not a whole number",
                "paper.margin.mode: 'fi\\nfo' must be one of [hedging, netting]");
    }

    @Test
    void aNulInAPathValueIsNamedNotThrown() throws Exception {
        ConfigException e = load("data.dir=var\\u0000x\npaper.data=a\\u0000b\nmodels.retrain.bars=x\\u0000.csv\n");
        assertThat(e.getMessage()).contains("data.dir: 'var\u0000x' is not a valid path")
                .contains("paper.data: file 'a\u0000b' does not exist")
                .contains("models.retrain.bars: file 'x\u0000.csv' does not exist");
    }
}
