package io.vprop.ops.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The unit's start line, run as systemd runs it (after its $$ and %% unescaping) with a stand-in for java that
 * records its arguments: the first start asks the JVM to write a class archive when it stops, a start with that
 * archive maps it, and an upgrade (other jars in lib/) throws the stale archive away and writes a new one.
 */
class SystemdCdsLaunchTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheArchiveOnceUsesItAfterwardsAndRenewsItAfterAnUpgrade() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("app dir/lib"));
        Files.writeString(lib.resolve("vprop-sidecar.jar"), "v1");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path args = tmp.resolve("args.txt");
        Path java = tmp.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Path config = tmp.resolve("vprop.properties");
        String unit = SystemdUnit.render("vprop", java, lib.getParent(), config, data, tmp.resolve("logs"));
        String line = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertThat(line).startsWith("ExecStart=/bin/sh -c '").endsWith("'");
        String script = line.substring("ExecStart=/bin/sh -c '".length(), line.length() - 1).replace("$$", "$").replace("%%", "%");
        Path jsa = data.resolve(SystemdUnit.CDS_ARCHIVE);

        String first = start(script, args);
        assertThat(first).contains("-XX:ArchiveClassesAtExit=" + jsa, "-cp\n" + lib + "/*\n", "io.vprop.cli.VpropCli\nserve\n--config\n" + config)
                .doesNotContain("SharedArchiveFile");
        Files.writeString(jsa, "archive");            // what the JVM writes when it stops

        String second = start(script, args);
        assertThat(second).contains("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto").doesNotContain("ArchiveClassesAtExit");

        // an upgrade: same names, other contents and times
        Files.writeString(lib.resolve("vprop-sidecar.jar"), "v2 longer");
        Files.setLastModifiedTime(lib.resolve("vprop-sidecar.jar"), FileTime.fromMillis(1_000_000_000_000L));
        String third = start(script, args);
        assertThat(third).contains("-XX:ArchiveClassesAtExit=" + jsa);
        assertThat(jsa).as("the stale archive is gone before the JVM starts").doesNotExist();
    }

    @Test
    void aPathTheShellLineCannotCarryIsRefused() {
        assertThatThrownBy(() -> SystemdUnit.render("vprop", Path.of("/usr/bin/java"), Path.of("/opt/it's"),
                Path.of("/etc/vprop/vprop.properties"), Path.of("/var/lib/vprop"), Path.of("/var/log/vprop")))
                .isInstanceOf(InstallException.class).hasMessageContaining("/opt/it's");
    }

    private static String start(String script, Path args) throws IOException, InterruptedException {
        Files.deleteIfExists(args);
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.readString(args);
    }
}
