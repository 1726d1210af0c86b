package io.vprop.ops.install;

import io.vprop.cli.VpropCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `vprop install` / `vprop uninstall` through the real command line, every path in a temp dir, --no-activate. */
class InstallCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out) {
    }

    private Run vprop(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = VpropCli.execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private List<String> places(String... more) {
        List<String> a = new ArrayList<>(List.of("--app-dir", tmp.resolve("app").toString(),
                "--config-dir", tmp.resolve("etc").toString(), "--data-dir", tmp.resolve("data").toString(),
                "--log-dir", tmp.resolve("log").toString(), "--service", "systemd",
                "--systemd-dir", tmp.resolve("units").toString(), "--no-activate"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void installTwiceThenUninstall() throws IOException {
        Path terminal = Mt5Fixture.terminal(tmp.resolve("Terminal"), Mt5Fixture.HASH_A, "C:\\MT5");
        Path dll = Files.write(tmp.resolve("libzmq.dll"), new byte[]{1, 2, 3, 4});
        List<String> install = new ArrayList<>(List.of("install"));
        install.addAll(places("--mt5-data", terminal.toString(), "--ea-source", Mt5Fixture.eaSource(tmp).toString(),
                "--libzmq", dll.toString(), "--profile", "ftmo-2step", "--account", "42",
                "--profiles-dir", Mt5Fixture.profiles(tmp).toString()));
        Run first = vprop(install.toArray(String[]::new));
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("MT5 data folder: " + terminal + " (C:\\MT5)", "created " + tmp.resolve("units/vprop.service"));
        assertThat(terminal.resolve("MQL5/Libraries/libzmq.dll")).hasBinaryContent(new byte[]{1, 2, 3, 4});

        Run second = vprop(install.toArray(String[]::new));
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("already installed: nothing changed").doesNotContain("created ", "updated ");

        List<String> uninstall = new ArrayList<>(List.of("uninstall"));
        uninstall.addAll(places());
        Run un = vprop(uninstall.toArray(String[]::new));
        assertThat(un.code()).as(un.out()).isZero();
        assertThat(un.out()).contains("deleted " + terminal.resolve("MQL5/Libraries/libzmq.dll"), "kept your configuration");
        assertThat(tmp.resolve("etc/vprop.properties")).exists();
    }

    @Test
    void badInputExitsWithAMessageNotAStackTrace() throws IOException {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            List<String> a = new ArrayList<>(List.of("install"));
            a.addAll(places("--mt5-data", tmp.resolve("nowhere").toString(), "--ea-source", Mt5Fixture.eaSource(tmp).toString()));
            assertThat(vprop(a.toArray(String[]::new)).code()).isEqualTo(1);
            List<String> b = new ArrayList<>(List.of("install"));
            b.addAll(places());
            b.set(b.indexOf("systemd"), "launchd");
            assertThat(vprop(b.toArray(String[]::new)).code()).isEqualTo(1);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--mt5-data " + tmp.resolve("nowhere") + ": no such directory")
                .contains("--service 'launchd' must be systemd, windows-task or none")
                .doesNotContain("\tat io.vprop");
    }
}
