package io.vprop.ops.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.config.VpropConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** log.dir / log.json: real logback appenders writing real files. */
class LogSetupTest {
    @TempDir
    Path tmp;

    @AfterEach
    void detach() {
        var root = ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT");
        var a = root.getAppender(LogSetup.APPENDER);
        if (a != null) {
            root.detachAppender(a);
            a.stop();
        }
    }

    @Test
    void textLinesGoToVpropLog() throws Exception {
        LogSetup.apply(VpropConfig.load(null, Map.of(), Map.of("log.dir", tmp.toString())));
        LoggerFactory.getLogger("io.vprop.test").info("hello text {}", 42);
        List<String> lines = Files.readAllLines(tmp.resolve("vprop.log"));
        assertThat(lines).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.* INFO  \\[.*] io.vprop.test - hello text 42"));
    }

    @Test
    void jsonLinesAreOneObjectEach() throws Exception {
        Path dir = tmp.resolve("logs");
        LogSetup.apply(VpropConfig.load(null, Map.of(), Map.of("log.dir", dir.toString(), "log.json", "true")));
        LoggerFactory.getLogger("io.vprop.test").warn("disk at {}%", 91);
        List<String> lines = Files.readAllLines(dir.resolve("vprop.log")).stream().filter(l -> !l.isBlank()).toList();
        ObjectMapper json = new ObjectMapper();
        JsonNode last = null;
        for (String l : lines) last = json.readTree(l);   // every line parses
        assertThat(last).isNotNull();
        assertThat(last.path("level").asText()).isEqualTo("WARN");
        assertThat(last.path("loggerName").asText()).isEqualTo("io.vprop.test");
        assertThat(last.path("formattedMessage").asText()).isEqualTo("disk at 91%");
    }

    @Test
    void noDirMeansConsoleOnlyAndBadFlagIsNamed() {
        LogSetup.apply(VpropConfig.defaults());
        var root = ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT");
        assertThat(root.getAppender(LogSetup.APPENDER)).isNull();
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("log.json", "yes")))
                .hasMessageContaining("log.json: 'yes' must be true or false");
    }
}
