package io.vprop.ops.install;

import java.nio.file.attribute.PosixFilePermissions;
import io.vprop.config.VpropConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The installer against fake MT5 trees (Windows %APPDATA% layout and Wine layouts) in a temporary directory:
 * files land where MT5 expects them, the config loads, the unit passes systemd-analyze, the second run changes
 * nothing (hashes and mtimes), uninstall keeps the trader's data.
 */
class InstallerTest {
    @TempDir
    Path tmp;

    Path ea;
    Path profiles;
    Path dll;
    byte[] dllBytes;
    FakeSystem os;

    @BeforeEach
    void setUp() throws IOException {
        ea = Mt5Fixture.eaSource(tmp);
        profiles = Mt5Fixture.profiles(tmp);
        dllBytes = new byte[4096];
        new Random(7).nextBytes(dllBytes);
        dll = tmp.resolve("downloads/libzmq.dll");
        Files.createDirectories(dll.getParent());
        Files.write(dll, dllBytes);
        os = new FakeSystem();
    }

    private InstallOptions options(Path appData, List<Path> wine, List<Path> given, InstallOptions.Service svc,
                                   String profile, String account) {
        Path app = tmp.resolve("opt/vprop");
        return new InstallOptions(given, appData, wine, ea, profiles, new LibzmqSource.LocalFile(dll, Sha256.of(dllBytes)), profile,
                account, app, tmp.resolve("etc/vprop"), tmp.resolve("var/lib/vprop"), tmp.resolve("var/log/vprop"), svc,
                tmp.resolve("etc/systemd/system"), "vprop", Path.of(System.getProperty("java.home"), "bin", "java"),
                true, os);
    }

    private List<Path> eaFiles() throws IOException {
        try (Stream<Path> s = Files.walk(ea.resolve("MQL5"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> ea.resolve("MQL5").relativize(p)).toList();
        }
    }

    /** Every file and directory under the temp dir with its content hash and modification time. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.toList()) {
                FileTime t = Files.getLastModifiedTime(p);
                m.put(tmp.relativize(p).toString(), (Files.isRegularFile(p) ? Sha256.of(p) : "dir") + " " + t.toMillis());
            }
        }
        return m;
    }

    @Test
    void windowsLayoutGetsEaAndDllInEveryTerminalAndTheTaskDefinition() throws IOException {
        Path appData = Mt5Fixture.windowsAppData(tmp);
        InstallReport r = new Installer(options(appData, List.of(), List.of(), InstallOptions.Service.WINDOWS_TASK,
                "ftmo-2step", "5123456")).install();

        assertThat(r.folders()).extracting(Mt5DataFolder::origin)
                .containsExactly("C:\\Program Files\\MetaTrader 5", "C:\\Program Files\\FTMO MetaTrader 5");
        assertThat(r.folders()).extracting(f -> f.root().getFileName().toString())
                .containsExactly(Mt5Fixture.HASH_B, Mt5Fixture.HASH_A);   // sorted, and not "Common"
        for (String hash : List.of(Mt5Fixture.HASH_A, Mt5Fixture.HASH_B)) {
            Path mql5 = appData.resolve("MetaQuotes/Terminal").resolve(hash).resolve("MQL5");
            for (Path rel : eaFiles())
                assertThat(mql5.resolve(rel.toString())).hasSameBinaryContentAs(ea.resolve("MQL5").resolve(rel));
            assertThat(mql5.resolve("Experts/VProp/VPropEA.mq5")).exists();
            assertThat(mql5.resolve("Libraries/libzmq.dll")).hasBinaryContent(dllBytes);
            assertThat(mql5.resolve("Files/VProp/profiles/ftmo-2step.json"))
                    .hasSameBinaryContentAs(profiles.resolve("ftmo-2step.json"));
        }
        Path xml = tmp.resolve("etc/vprop/vprop-task.xml");
        byte[] b = Files.readAllBytes(xml);
        assertThat(b[0] & 0xff).isEqualTo(0xff);
        assertThat(b[1] & 0xff).isEqualTo(0xfe);
        String task = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        assertThat(task).contains("<BootTrigger>", "<RestartOnFailure>", "<UserId>S-1-5-18</UserId>",
                tmp.resolve("opt/vprop/bin/vprop.cmd").toString(), "serve --config \"" + tmp.resolve("etc/vprop/vprop.properties"));
        assertThat(os.tasks).containsExactly(WindowsTask.NAME);
        assertThat(os.starts).isEqualTo(1);

        VpropConfig cfg = VpropConfig.load(tmp.resolve("etc/vprop/vprop.properties"), Map.of(), Map.of());
        assertThat(cfg.get("firm.profile")).isEqualTo("ftmo-2step");
        assertThat(cfg.get("account")).isEqualTo("5123456");
        assertThat(cfg.dataDir()).isEqualTo(tmp.resolve("var/lib/vprop"));
    }

    @Test
    void wineLayoutFindsAppDataAndPortableTerminals() throws IOException {
        Path prefix = Mt5Fixture.winePrefix(tmp);
        InstallReport r = new Installer(options(null, List.of(prefix), List.of(), InstallOptions.Service.NONE,
                null, null)).install();
        assertThat(r.folders()).extracting(Mt5DataFolder::layout)
                .containsExactly(Mt5DataFolder.Layout.WINE_APPDATA, Mt5DataFolder.Layout.WINE_PORTABLE);
        Path appDataTerminal = prefix.resolve("drive_c/users/trader/AppData/Roaming/MetaQuotes/Terminal")
                .resolve(Mt5Fixture.HASH_A).resolve("MQL5");
        Path portable = prefix.resolve("drive_c/Program Files/MetaTrader 5/MQL5");
        for (Path mql5 : List.of(appDataTerminal, portable)) {
            for (Path rel : eaFiles()) assertThat(mql5.resolve(rel.toString())).exists();
            assertThat(mql5.resolve("Libraries/libzmq.dll")).hasBinaryContent(dllBytes);
        }
        assertThat(VpropConfig.load(tmp.resolve("etc/vprop/vprop.properties"), Map.of(), Map.of()).get("firm.profile"))
                .isEqualTo(VpropConfig.KEYS.get("firm.profile")[0]);
        assertThat(os.log).isEmpty();  // service NONE: not a single system command
    }

    @Test
    void systemdUnitIsValidAndTheSecondRunIsANoOp() throws Exception {
        Path prefix = Mt5Fixture.winePrefix(tmp);
        InstallOptions o = options(null, List.of(prefix), List.of(), InstallOptions.Service.SYSTEMD, "ftmo-2step", "777");
        InstallReport first = new Installer(o).install();
        assertThat(first.noop()).isFalse();
        assertThat(os.log).containsExactly("id -u vprop",
                "useradd --system --user-group --no-create-home --home-dir /var/lib/vprop --shell /usr/sbin/nologin vprop",
                "chgrp vprop " + tmp.resolve("etc/vprop/vprop.properties"), "systemctl daemon-reload", "systemctl is-enabled --quiet vprop.service", "systemctl enable vprop.service",
                "systemctl restart vprop.service");
        Path unit = tmp.resolve("etc/systemd/system/vprop.service");
        String text = Files.readString(unit);
        assertThat(text).contains("User=vprop\n", "StateDirectory=vprop\n", "Restart=on-failure\n",
                "ExecStart=/bin/sh -c '", "exec \"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\"",
                "io.vprop.cli.VpropCli serve --config \"" + tmp.resolve("etc/vprop/vprop.properties") + "\"'\n",
                "RestartSec=1\n",
                "ReadWritePaths=" + tmp.resolve("var/lib/vprop"));
        SystemdVerify.assertValid(unit);
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tmp.resolve("etc/vprop/vprop.properties"))))
                .as("the config may hold a bot token").isEqualTo("rw-r-----");

        Map<String, String> before = snapshot();
        os.log.clear();
        Thread.sleep(20); // a rewrite would now show as a different mtime even on coarse clocks
        InstallReport second = new Installer(o).install();
        assertThat(second.changes()).as("second install changes no file").isEmpty();
        assertThat(second.noop()).isTrue();
        assertThat(snapshot()).as("hashes and mtimes after the second run").isEqualTo(before);
        assertThat(os.log).containsExactly("id -u vprop", "systemctl is-enabled --quiet vprop.service",
                "systemctl is-active --quiet vprop.service");
        assertThat(os.starts).isEqualTo(1);
    }

    @Test
    void changedProfileUpdatesOnlyThatKeyAndKeepsTheTradersOwnLines() throws IOException {
        Path prefix = Mt5Fixture.winePrefix(tmp);
        new Installer(options(null, List.of(prefix), List.of(), InstallOptions.Service.SYSTEMD, "ftmo-2step", "777")).install();
        Path cfgFile = tmp.resolve("etc/vprop/vprop.properties");
        Files.writeString(cfgFile, Files.readString(cfgFile) + "# my note\nstale.ms=8000\n");
        os.log.clear();
        InstallReport r = new Installer(options(null, List.of(prefix), List.of(), InstallOptions.Service.SYSTEMD,
                "ftmo-1step", null)).install();
        assertThat(r.changes()).extracting(FileSync.Action::path).containsExactly(cfgFile);
        String text = Files.readString(cfgFile);
        assertThat(text).contains("firm.profile=ftmo-1step", "account=777", "# my note", "stale.ms=8000")
                .doesNotContain("ftmo-2step");
        assertThat(os.log).contains("chgrp vprop " + cfgFile, "systemctl restart vprop.service")
                .doesNotContain("systemctl daemon-reload");
    }

    @Test
    void uninstallRemovesOurFilesAndKeepsTheTradersData() throws IOException {
        Path appData = Mt5Fixture.windowsAppData(tmp);
        InstallOptions o = options(appData, List.of(), List.of(), InstallOptions.Service.SYSTEMD, "ftmo-2step", "1");
        new Installer(o).install();
        Path journal = tmp.resolve("var/lib/vprop/sidecar.db");
        Files.writeString(journal, "journal bytes");
        Path terminal = appData.resolve("MetaQuotes/Terminal").resolve(Mt5Fixture.HASH_A);
        Path edited = terminal.resolve("MQL5/Include/VProp").resolve(eaFiles().stream()
                .filter(p -> p.startsWith("Include")).findFirst().orElseThrow().getFileName());
        Files.writeString(edited, "// the trader changed this\n");

        InstallReport r = new Installer(o).uninstall(false);

        assertThat(terminal.resolve("MQL5/Experts/VProp")).doesNotExist();
        assertThat(terminal.resolve("MQL5/Libraries/libzmq.dll")).doesNotExist();
        assertThat(terminal.resolve("MQL5/Libraries")).isDirectory();          // MT5's own folder stays
        assertThat(terminal.resolve("MQL5/Experts/MyOwnEA.mq5")).exists();
        assertThat(terminal.resolve("MQL5/Files/trader-notes.csv")).exists();
        assertThat(edited).hasContent("// the trader changed this");
        assertThat(r.warnings()).anyMatch(w -> w.contains("kept " + edited));
        assertThat(tmp.resolve("etc/systemd/system/vprop.service")).doesNotExist();
        assertThat(tmp.resolve("etc/vprop/install-manifest.txt")).content().contains(edited.toString())
                .doesNotContain("libzmq.dll");
        assertThat(journal).hasContent("journal bytes");
        assertThat(tmp.resolve("etc/vprop/vprop.properties")).exists();
        assertThat(os.enabled).isEmpty();
        assertThat(os.active).isEmpty();
        assertThat(os.users).containsExactly("vprop");  // the user owns the kept data

        InstallReport purge = new Installer(o).uninstall(true);
        assertThat(journal).doesNotExist();
        assertThat(tmp.resolve("etc/vprop")).doesNotExist();
        assertThat(edited).doesNotExist();
        assertThat(os.users).isEmpty();
        assertThat(purge.changes()).isNotEmpty();
    }

    @Test
    void givenFolderMustBeAnMt5DataFolder() throws IOException {
        Path notMt5 = Files.createDirectories(tmp.resolve("Documents"));
        assertThatThrownBy(() -> new Installer(options(null, List.of(), List.of(notMt5), InstallOptions.Service.NONE,
                null, null)).install()).isInstanceOf(InstallException.class)
                .hasMessageContaining("--mt5-data " + notMt5).hasMessageContaining("no MQL5 directory");
        assertThatThrownBy(() -> new Installer(options(null, List.of(), List.of(tmp.resolve("nope")),
                InstallOptions.Service.NONE, null, null)).install()).hasMessageContaining("no such directory");

        Path given = Mt5Fixture.terminal(tmp.resolve("custom"), "X", "D:\\MT5");
        InstallReport r = new Installer(options(null, List.of(), List.of(given), InstallOptions.Service.NONE, null, null)).install();
        assertThat(r.folders()).singleElement().satisfies(f -> {
            assertThat(f.layout()).isEqualTo(Mt5DataFolder.Layout.GIVEN);
            assertThat(f.origin()).isEqualTo("D:\\MT5");
        });
        assertThat(given.resolve("MQL5/Experts/VProp/VPropEA.mq5")).exists();
    }

    @Test
    void nothingFoundNamesWhereItLooked() {
        Path emptyAppData = tmp.resolve("AppData/Roaming");
        assertThatThrownBy(() -> new Installer(options(emptyAppData, List.of(tmp.resolve(".wine")), List.of(),
                InstallOptions.Service.NONE, null, null)).install())
                .isInstanceOf(InstallException.class)
                .hasMessageContaining(emptyAppData.resolve("MetaQuotes").resolve("Terminal").toString())
                .hasMessageContaining(".wine (Wine prefix)").hasMessageContaining("--mt5-data");
    }

    @Test
    void wrongDllHashInstallsNothing() throws IOException {
        Path appData = Mt5Fixture.windowsAppData(tmp);
        InstallOptions good = options(appData, List.of(), List.of(), InstallOptions.Service.NONE, null, null);
        InstallOptions bad = new InstallOptions(good.mt5Folders(), appData, good.winePrefixes(), ea, profiles,
                new LibzmqSource.LocalFile(dll, "0".repeat(64)), null, null, good.appDir(), good.configDir(),
                good.dataDir(), good.logDir(), good.service(), good.serviceDir(), "vprop", good.java(), false, os);
        assertThatThrownBy(() -> new Installer(bad).install()).isInstanceOf(InstallException.class)
                .hasMessageContaining("SHA-256 " + Sha256.of(dllBytes)).hasMessageContaining("0".repeat(64) + " was expected");
        assertThat(appData.resolve("MetaQuotes/Terminal").resolve(Mt5Fixture.HASH_A).resolve("MQL5/Experts/VProp")).doesNotExist();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> options(null, List.of(), List.of(), InstallOptions.Service.NONE, "FTMO 2 step", null))
                .hasMessageContaining("--profile 'FTMO 2 step'");
        assertThatThrownBy(() -> options(null, List.of(), List.of(), InstallOptions.Service.NONE, null, "12ab"))
                .hasMessageContaining("--account '12ab'");
        assertThatThrownBy(() -> Sha256.parse("--libzmq-sha256", "xyz")).hasMessageContaining("--libzmq-sha256: 'xyz'");
        Path noEa = tmp.resolve("empty-ea");
        assertThatThrownBy(() -> {
            Files.createDirectories(noEa);
            InstallOptions o = options(null, List.of(), List.of(Mt5Fixture.terminal(tmp.resolve("t"), "H", "C:\\MT5")),
                    InstallOptions.Service.NONE, null, null);
            new Installer(new InstallOptions(o.mt5Folders(), null, List.of(), noEa, null, null, null, null, o.appDir(),
                    o.configDir(), o.dataDir(), o.logDir(), o.service(), o.serviceDir(), "vprop", o.java(), false, os)).install();
        }).hasMessageContaining("--ea-source " + noEa).hasMessageContaining("no MQL5 directory");
    }

    @Test
    void unknownFirmProfileIsRefusedNamingTheKnownOnes() throws IOException {
        Path appData = Mt5Fixture.windowsAppData(tmp);
        assertThatThrownBy(() -> new Installer(options(appData, List.of(), List.of(), InstallOptions.Service.NONE,
                "nosuchfirm", null)).install()).isInstanceOf(InstallException.class)
                .hasMessageContaining("firm.profile: 'nosuchfirm' is not one of the profiles in " + profiles)
                .hasMessageContaining("ftmo-2step");
        assertThat(tmp.resolve("etc/vprop")).as("a refused install writes nothing").doesNotExist();
        assertThat(appData.resolve("MetaQuotes/Terminal").resolve(Mt5Fixture.HASH_A).resolve("MQL5/Experts/VProp")).doesNotExist();
    }

    @Test
    void aBrokenExistingConfigIsNamedAndLeftAlone() throws IOException {
        Path appData = Mt5Fixture.windowsAppData(tmp);
        Path cfg = tmp.resolve("etc/vprop/vprop.properties");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "stale.ms = soon\nheartbeat_ms = 5\n");
        assertThatThrownBy(() -> new Installer(options(appData, List.of(), List.of(), InstallOptions.Service.NONE,
                "ftmo-2step", null)).install()).isInstanceOf(InstallException.class)
                .hasMessageContaining("the config would be invalid")
                .hasMessageContaining("stale.ms: 'soon' is not a whole number")
                .hasMessageContaining("unknown key 'heartbeat_ms' (did you mean 'heartbeat.ms'?)");
        assertThat(cfg).hasContent("stale.ms = soon\nheartbeat_ms = 5");
    }

    @Test
    void originTxtInUtf8IsReadToo() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("T/MQL5"));
        Files.writeString(d.getParent().resolve("origin.txt"), "C:\\MT5 Ünïcode\r\n");
        assertThat(Mt5Locator.given(d.getParent()).origin()).isEqualTo("C:\\MT5 Ünïcode");
    }
}
