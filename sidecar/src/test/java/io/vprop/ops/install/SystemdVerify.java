package io.vprop.ops.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs `systemd-analyze verify` on a unit where systemd is installed (install/deps/ops.apt lists it). */
final class SystemdVerify {
    private SystemdVerify() { }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/systemd-analyze")) || Files.isExecutable(Path.of("/bin/systemd-analyze"));
    }

    static void assertValid(Path unit) throws IOException, InterruptedException {
        if (!available()) {
            // Not silently skipped: the apt dependency makes it available wherever `install/vprop test` runs.
            throw new AssertionError("systemd-analyze not found: apt-get install systemd (listed in install/deps/ops.apt)");
        }
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("systemd-analyze verify exit code; output:\n" + out).isZero();
        // verify only warns (exit 0) on unknown or unparsable settings; any line mentioning the unit is a problem.
        assertThat(out.lines().filter(l -> l.contains(unit.getFileName().toString())).toList())
                .as("systemd-analyze verify warnings").isEmpty();
    }
}
