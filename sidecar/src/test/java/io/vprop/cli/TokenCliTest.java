package io.vprop.cli;

import io.vprop.app.ApiToken;
import io.vprop.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vprop token}: the installation's token alone on stdout (for scripts), {@code --url} the panel's address. */
class TokenCliTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private String run(String... args) {
        console.reset();
        assertThat(VpropCli.execute(args)).as(console.err()).isZero();
        return console.out();
    }

    @Test
    void printsTheTokenTheSidecarUsesGeneratingItOnFirstUse() throws Exception {
        String printed = run("token", "--data-dir", dir.toString());
        String file = Files.readString(dir.resolve(ApiToken.FILE)).trim();
        assertThat(printed).isEqualTo(file + System.lineSeparator());
        assertThat(file).matches("[0-9a-f]{64}");
        assertThat(run("token", "--data-dir", dir.toString())).isEqualTo(printed);
    }

    @Test
    void theUrlCarriesTheTokenOnlyWhereReadsNeedIt() throws Exception {
        String d = dir.toString();
        assertThat(run("token", "--url", "--data-dir", d)).isEqualTo("http://127.0.0.1:8080/" + System.lineSeparator());
        String token = ApiToken.loadOrCreate(dir);
        assertThat(run("token", "--url", "--data-dir", d, "--http", "0.0.0.0:9000").trim())
                .isEqualTo("http://127.0.0.1:9000/?token=" + token);
        assertThat(run("token", "--url", "--data-dir", d, "--http", "0.0.0.0:9000", "--set", "http.allowed.hosts=vprop.lan,10.0.0.5").trim())
                .isEqualTo("http://vprop.lan:9000/?token=" + token);
    }
}
