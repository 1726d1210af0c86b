package io.vprop.cli;

import io.vprop.ops.install.CommandRunner;
import io.vprop.ops.install.InstallException;
import io.vprop.ops.install.InstallOptions;
import io.vprop.ops.install.InstallReport;
import io.vprop.ops.install.Installer;
import io.vprop.ops.install.LibzmqSource;
import io.vprop.ops.install.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code vprop install}: EA into MT5, config, service. Safe to run again (upgrades run it too). */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install VProp on this machine: copy the EA and libzmq.dll into every MT5 data folder, write the "
                + "config, register the sidecar as a service. Running it twice changes nothing the second time."})
final class InstallCommand implements Runnable {
    /** Options shared with uninstall: where things live. */
    static final class Places {
        @Option(names = "--config-dir", paramLabel = "DIR", description = "config and install manifest (default /etc/vprop, %%ProgramData%%\\VProp\\config)")
        Path configDir;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "journals (default /var/lib/vprop, %%ProgramData%%\\VProp\\data)")
        Path dataDir;
        @Option(names = "--log-dir", paramLabel = "DIR", description = "log files (default /var/log/vprop, %%ProgramData%%\\VProp\\logs)")
        Path logDir;
        @Option(names = "--app-dir", paramLabel = "DIR", description = "the unpacked distribution (default: the one running)")
        Path appDir;
        @Option(names = "--service", paramLabel = "KIND", description = "systemd | windows-task | none (default: systemd on Linux with systemd, windows-task on Windows)")
        String service;
        @Option(names = "--systemd-dir", paramLabel = "DIR", description = "where the unit goes (default /etc/systemd/system)")
        Path systemdDir = Path.of("/etc/systemd/system");
        @Option(names = "--user", paramLabel = "NAME", description = "dedicated system user of the service (default vprop)")
        String user = "vprop";
        @Option(names = "--no-activate", description = "write files only: no useradd, systemctl or schtasks")
        boolean noActivate;

        Path profilesDir; // set by install only

        InstallOptions options(Platform p, List<Path> mt5, List<Path> wine, Path appData, Path eaSource, LibzmqSource zmq,
                               String profile, String account) {
            Path app = appDir != null ? appDir : Platform.appDir();
            if (app == null && eaSource == null) // uninstall needs no distribution
                throw new InstallException("--app-dir: not running from an unpacked distribution, name it");
            if (app == null) app = eaSource;
            InstallOptions.Service svc = service == null ? p.defaultService() : switch (service) {
                case "systemd" -> InstallOptions.Service.SYSTEMD;
                case "windows-task" -> InstallOptions.Service.WINDOWS_TASK;
                case "none" -> InstallOptions.Service.NONE;
                default -> throw new InstallException("--service '" + service + "' must be systemd, windows-task or none");
            };
            Path data = dataDir != null ? dataDir : p.dataDir();
            return new InstallOptions(mt5, appData, wine, eaSource != null ? eaSource : app.resolve("mt5-ea"),
                    profilesDir != null ? profilesDir : app.resolve("config").resolve("profiles"), zmq, profile,
                    account, app, configDir != null ? configDir : p.configDir(), data, logDir != null ? logDir : p.logDir(),
                    svc, systemdDir, user, Path.of(System.getProperty("java.home"), "bin", p.windows() ? "java.exe" : "java"),
                    !noActivate, CommandRunner.SYSTEM);
        }
    }

    @picocli.CommandLine.Mixin
    Places places = new Places();

    @Option(names = "--mt5-data", paramLabel = "DIR", description = "an MT5 data folder (File > Open Data Folder); repeatable. Default: every one found")
    List<Path> mt5 = new ArrayList<>();

    @Option(names = "--wine-prefix", paramLabel = "DIR", description = "Wine prefix to search (default $WINEPREFIX or ~/.wine); repeatable")
    List<Path> wine = new ArrayList<>();

    @Option(names = "--appdata", paramLabel = "DIR", description = "%%APPDATA%% to search for terminals (default: the environment's)")
    Path appData;

    @Option(names = "--ea-source", paramLabel = "DIR", description = "folder with MQL5/ of the EA (default APP/mt5-ea)")
    Path eaSource;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "firm profiles to give the EA (default APP/config/profiles)")
    Path profilesDir;

    @Option(names = "--libzmq", paramLabel = "FILE", description = "libzmq.dll to place in MQL5/Libraries")
    Path libzmq;

    @Option(names = "--libzmq-url", paramLabel = "URL", description = "download libzmq.dll from here (needs --libzmq-sha256)")
    URI libzmqUrl;

    @Option(names = "--libzmq-sha256", paramLabel = "HEX", description = "SHA-256 the DLL must have")
    String libzmqSha;

    @Option(names = "--profile", paramLabel = "ID", description = "firm profile, e.g. ftmo-2step")
    String profile;

    @Option(names = "--account", paramLabel = "LOGIN", description = "MT5 account login")
    String account;

    @Override
    public void run() {
        Platform p = Platform.current();
        if (libzmq != null && libzmqUrl != null) throw new InstallException("give --libzmq or --libzmq-url, not both");
        LibzmqSource zmq = libzmq != null ? new LibzmqSource.LocalFile(libzmq, libzmqSha)
                : libzmqUrl != null ? new LibzmqSource.Download(libzmqUrl, libzmqSha) : null;
        List<Path> prefixes = wine.isEmpty() ? p.winePrefixes() : wine;
        places.profilesDir = profilesDir;
        InstallOptions o = places.options(p, mt5, prefixes, appData != null ? appData : p.appData(), eaSource, zmq, profile, account);
        InstallReport r = new Installer(o).install();
        r.folders().forEach(f -> System.out.println("MT5 data folder: " + f.root() + (f.origin().isEmpty() ? "" : " (" + f.origin() + ")")));
        print(r);
        System.out.println(r.noop() ? "already installed: nothing changed" : "installed; config " + o.configFile());
    }

    static void print(InstallReport r) {
        r.changes().forEach(a -> System.out.println("  " + a));
        r.commands().forEach(c -> System.out.println("  ran: " + c));
        r.warnings().forEach(w -> System.out.println("warning: " + w));
    }
}
