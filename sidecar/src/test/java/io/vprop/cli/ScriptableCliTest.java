package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.testing.ConsoleCapture;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI in scripts (issue 21): {@code --json} on the commands that report, exit codes as docs/cli.md states them,
 * listing commands that change nothing, and errors that name what is wrong.
 */
class ScriptableCliTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void configCheckJsonSaysOkWithTheValuesOrNamesTheBadKeyWithExit2() throws Exception {
        Path good = dir.resolve("good.properties");
        Files.writeString(good, "firm.profile = topstep-50k\nhttp.port = 8099\n");
        assertThat(VpropCli.execute("config", "check", "--config", good.toString(), "--json")).as(console.err()).isZero();
        JsonNode ok = json.readTree(console.out());
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(ok.at("/config/firm.profile").asText()).isEqualTo("topstep-50k");
        assertThat(ok.at("/config/http.port").asText()).isEqualTo("8099");

        console.reset();
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "stale.ms = soon\n");
        assertThat(VpropCli.execute("config", "check", "--config", bad.toString(), "--json")).isEqualTo(2);
        JsonNode no = json.readTree(console.out());
        assertThat(no.get("ok").asBoolean()).isFalse();
        assertThat(no.get("error").asText()).contains("stale.ms");
    }

    @Test
    void governorsCheckJsonListsEveryCheckpoint() throws Exception {
        Path scenario = RepoPaths.root().resolve("governors/scenarios/ftmo-1step-trailing-eod-floor.json");
        assertThat(VpropCli.execute("governors", "check", scenario.toString(), "--json")).as(console.err()).isZero();
        JsonNode r = json.readTree(console.out());
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("files_total").asInt()).isEqualTo(1);
        assertThat(r.get("checkpoints").asInt()).isPositive().isEqualTo(r.at("/files/0/checkpoints").size());
        assertThat(r.at("/files/0/checkpoints/0/passed").asBoolean()).isTrue();
    }

    @Test
    void modelsListReadsOnlyTakesEveryRegistryNameAndRefusesAMissingFolder() throws Exception {
        Path missing = dir.resolve("no-such-registry");
        assertThat(VpropCli.execute("models", "list", "--dir", missing.toString())).isEqualTo(1);
        assertThat(console.err()).contains("--dir " + missing + ": no such registry directory");
        assertThat(missing).as("listing creates nothing").doesNotExist();

        Path root = Files.createDirectories(dir.resolve("models"));
        for (String name : new String[] {"tpsl", "meta", "seq", "autoencoder"}) {
            console.reset();
            assertThat(VpropCli.execute("models", "list", "--dir", root.toString(), "--name", name, "--json"))
                    .as(name + ": " + console.err()).isZero();
            JsonNode r = json.readTree(console.out());
            assertThat(r.get("name").asText()).isEqualTo(name);
            assertThat(r.get("versions").size()).isZero();
            assertThat(r.get("served").isNull()).isTrue();
        }
        try (var entries = Files.list(root)) {
            assertThat(entries).as("no registry folder made by a listing").isEmpty();
        }
        console.reset();
        assertThat(VpropCli.execute("models", "list", "--dir", root.toString(), "--name", "gru")).isEqualTo(1);
        assertThat(console.err()).contains("--name must be one of tpsl, meta, seq, autoencoder, got 'gru'");
    }

    @Test
    void statusSaysWhenNoSidecarAnswersWithExit1() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();               // free again once closed: nothing listens there
        }
        assertThat(VpropCli.execute("status", "--http", "127.0.0.1:" + port, "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(console.err()).contains("no sidecar answers at http://127.0.0.1:" + port + "/api/status").contains("vprop serve");
    }

    @Test
    void helpTextsEndTheirSentences() {
        assertThat(VpropCli.execute("help", "install")).isZero();
        assertThat(console.out()).contains("write the config, register the sidecar as a service");
    }
}
