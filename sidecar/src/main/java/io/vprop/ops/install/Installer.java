package io.vprop.ops.install;

import java.nio.file.attribute.PosixFilePermissions;
import io.vprop.app.Version;
import io.vprop.config.VpropConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code vprop install} and {@code vprop uninstall}: places the EA and libzmq.dll in every MT5 data folder,
 * writes the config, registers the sidecar as a service. Idempotent by construction: every file goes through
 * {@link FileSync} (written only when different) and every system command is guarded by a query, so a second
 * run changes nothing. Uninstall removes what the manifest lists and keeps the trader's config and journals
 * unless asked to purge.
 */
public final class Installer {
    /** MT5's own folders: never removed, even when uninstall leaves them empty. */
    private static final Set<String> MT5_FOLDERS = Set.of("MQL5", "Experts", "Include", "Libraries", "Files",
            "Indicators", "Scripts", "Presets", "Profiles", "Images", "Services", "Shared Projects", "Logs");

    private final InstallOptions o;
    private final List<String> commands = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public Installer(InstallOptions options) { this.o = options; }

    /** The data folders this install targets: the ones given, else every one found. */
    public List<Mt5DataFolder> folders() {
        if (!o.mt5Folders().isEmpty()) return o.mt5Folders().stream().map(Mt5Locator::given).toList();
        List<Mt5DataFolder> found = new ArrayList<>();
        if (o.appData() != null) found.addAll(Mt5Locator.windows(o.appData()));
        for (Path prefix : o.winePrefixes()) found.addAll(Mt5Locator.wine(prefix));
        if (found.isEmpty()) {
            List<String> where = new ArrayList<>();
            if (o.appData() != null) where.add(o.appData().resolve("MetaQuotes").resolve("Terminal").toString());
            o.winePrefixes().forEach(p -> where.add(p + " (Wine prefix)"));
            throw new InstallException("no MT5 data folder found under " + (where.isEmpty() ? "nothing searched" : where)
                    + ": start MT5 once, or name the folder with --mt5-data (MT5: File > Open Data Folder)");
        }
        return found;
    }

    public InstallReport install() {
        List<Mt5DataFolder> folders = folders();
        List<Path> eaFiles = eaFiles();
        List<Path> profiles = profiles();
        // Everything that can be wrong is checked before the first file is written: a failed install changes nothing.
        Map<String, String> managed = new LinkedHashMap<>();
        String existing = ConfigWriter.read(o.configFile());
        if (o.firmProfile() != null || existing == null)
            managed.put("firm.profile", o.firmProfile() != null ? o.firmProfile() : VpropConfig.KEYS.get("firm.profile")[0]);
        if (o.account() != null) managed.put("account", o.account());
        managed.put("data.dir", o.dataDir().toString());
        managed.put("log.dir", o.logDir().toString());
        String config = ConfigWriter.merge(existing, managed, ConfigWriter.header(Version.VERSION));
        checkProfile(ConfigWriter.validate(config).get("firm.profile"), profiles);
        byte[] dll = o.libzmq() == null ? null : o.libzmq().fetch();
        FileSync sync = new FileSync();
        List<InstallManifest.Entry> manifest = new ArrayList<>();

        for (Mt5DataFolder f : folders) {
            Path src = o.eaSource().resolve("MQL5");
            for (Path file : eaFiles) {
                Path target = f.mql5().resolve(src.relativize(file).toString());
                sync.copy(file, target);
                manifest.add(new InstallManifest.Entry(Sha256.of(target), target));
            }
            // The EA loads its firm profile from its file sandbox: MQL5/Files/VProp/profiles/<id>.json.
            for (Path profile : profiles) {
                Path target = f.mql5().resolve("Files").resolve("VProp").resolve("profiles").resolve(profile.getFileName().toString());
                sync.copy(profile, target);
                manifest.add(new InstallManifest.Entry(Sha256.of(target), target));
            }
            Path lib = f.mql5().resolve("Libraries").resolve("libzmq.dll");
            if (dll != null) {
                sync.write(lib, dll);
                manifest.add(new InstallManifest.Entry(Sha256.of(dll), lib));
            } else if (!Files.isRegularFile(lib)) {
                warnings.add(lib + " is missing: the EA cannot load libzmq (pass --libzmq FILE or --libzmq-url URL --libzmq-sha256 HEX)");
            }
        }

        sync.directory(o.dataDir());
        sync.directory(o.logDir());
        FileSync.Change configChange = sync.write(o.configFile(), config);
        if (configChange != FileSync.Change.UNCHANGED) restrict(o.configFile());

        FileSync.Change serviceChange = FileSync.Change.UNCHANGED;
        Path serviceFile = serviceFile();
        switch (o.service()) {
            case SYSTEMD -> serviceChange = sync.write(serviceFile, SystemdUnit.render(o.serviceUser(), o.java(),
                    o.appDir(), o.configFile(), o.dataDir(), o.logDir()));
            case WINDOWS_TASK -> serviceChange = sync.write(serviceFile, WindowsTask.bytes(WindowsTask.render(
                    o.appDir().resolve("bin").resolve("vprop.cmd"), o.configFile(), o.dataDir())));
            case NONE -> { }
        }
        if (serviceFile != null) manifest.add(new InstallManifest.Entry(Sha256.of(serviceFile), serviceFile));
        sync.write(o.manifestFile(), new InstallManifest(manifest).render());

        if (o.activate()) activate(serviceChange != FileSync.Change.UNCHANGED, configChange != FileSync.Change.UNCHANGED);
        return new InstallReport(folders, sync.actions(), commands, warnings);
    }

    public InstallReport uninstall(boolean purge) {
        FileSync sync = new FileSync();
        Path serviceFile = serviceFile();
        if (o.activate() && serviceFile != null && Files.exists(serviceFile)) deactivate();
        InstallManifest m = InstallManifest.read(o.manifestFile());
        List<InstallManifest.Entry> kept = new ArrayList<>();
        for (InstallManifest.Entry e : m.entries()) {
            if (!Files.isRegularFile(e.path())) continue;
            if (!Sha256.of(e.path()).equals(e.sha256()) && !purge) {
                warnings.add("kept " + e.path() + ": changed since it was installed (delete it by hand, or uninstall --purge)");
                kept.add(e);
                continue;
            }
            sync.delete(e.path());
            pruneEmptyParents(e.path().getParent(), sync);
        }
        if (o.activate() && o.service() == InstallOptions.Service.SYSTEMD && serviceFile != null)
            run(List.of("systemctl", "daemon-reload"));
        // Files kept because the trader changed them stay listed, so that a later --purge still finds them.
        if (kept.isEmpty()) sync.delete(o.manifestFile());
        else sync.write(o.manifestFile(), new InstallManifest(kept).render());
        if (purge) {
            for (Path p : List.of(o.configDir(), o.dataDir(), o.logDir())) deleteTree(p, sync);
            if (o.activate() && o.service() == InstallOptions.Service.SYSTEMD && run(List.of("id", "-u", o.serviceUser())) == 0)
                run(List.of("userdel", o.serviceUser()));
        } else {
            warnings.add("kept your configuration " + o.configFile() + " and data " + o.dataDir()
                    + " (vprop uninstall --purge deletes them)");
        }
        return new InstallReport(List.of(), sync.actions(), commands, warnings);
    }

    private Path serviceFile() {
        return switch (o.service()) {
            case SYSTEMD -> o.serviceDir().resolve(SystemdUnit.NAME);
            case WINDOWS_TASK -> o.configDir().resolve("vprop-task.xml");
            case NONE -> null;
        };
    }

    private List<Path> eaFiles() {
        Path src = o.eaSource().resolve("MQL5");
        if (!Files.isDirectory(src))
            throw new InstallException("--ea-source " + o.eaSource() + ": has no MQL5 directory with the EA's sources");
        try (Stream<Path> s = Files.walk(src)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            if (files.stream().noneMatch(p -> p.toString().endsWith(".mq5")))
                throw new InstallException("--ea-source " + o.eaSource() + ": no .mq5 expert under MQL5/");
            return files;
        } catch (IOException e) {
            throw new InstallException("cannot read --ea-source " + o.eaSource() + ": " + e.getMessage(), e);
        }
    }

    private List<Path> profiles() {
        if (o.profilesDir() == null) return List.of();
        if (!Files.isDirectory(o.profilesDir())) {
            warnings.add("no firm profiles at " + o.profilesDir() + ": the EA needs MQL5/Files/VProp/profiles/<profile>.json");
            return List.of();
        }
        try (Stream<Path> s = Files.list(o.profilesDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new InstallException("cannot list " + o.profilesDir() + ": " + e.getMessage(), e);
        }
    }

    /** The profile must be one the EA will find; without shipped profiles, one the governors know on the class path. */
    private void checkProfile(String profile, List<Path> shipped) {
        if (!shipped.isEmpty()) {
            if (shipped.stream().anyMatch(p -> p.getFileName().toString().equals(profile + ".json"))) return;
            throw new InstallException("firm.profile: '" + profile + "' is not one of the profiles in " + o.profilesDir() + ": "
                    + shipped.stream().map(p -> p.getFileName().toString().replace(".json", "")).toList());
        }
        ClassLoader cl = Installer.class.getClassLoader();
        String dir = "io/vprop/governors/profiles/";
        if (cl.getResource(dir + profile + ".json") != null) return;
        if (cl.getResource(dir) != null)
            throw new InstallException("firm.profile: '" + profile + "' is not a known firm profile (see " + dir + ")");
        warnings.add("firm.profile '" + profile + "' not checked: no firm profiles in this build");
    }

    private void activate(boolean serviceChanged, boolean configChanged) {
        switch (o.service()) {
            case SYSTEMD -> {
                String unit = SystemdUnit.NAME;
                if (run(List.of("id", "-u", o.serviceUser())) != 0)
                    require(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
                            SystemdUnit.DEFAULT_STATE.toString(), "--shell", "/usr/sbin/nologin", o.serviceUser()));
                // The config may hold a bot token: readable by root and the service's group only (see restrict()).
                if (configChanged) require(List.of("chgrp", o.serviceUser(), o.configFile().toString()));
                if (serviceChanged) require(List.of("systemctl", "daemon-reload"));
                if (run(List.of("systemctl", "is-enabled", "--quiet", unit)) != 0) require(List.of("systemctl", "enable", unit));
                if (serviceChanged || configChanged) require(List.of("systemctl", "restart", unit));
                else if (run(List.of("systemctl", "is-active", "--quiet", unit)) != 0) require(List.of("systemctl", "start", unit));
            }
            case WINDOWS_TASK -> {
                boolean exists = run(List.of("schtasks", "/Query", "/TN", WindowsTask.NAME)) == 0;
                if (serviceChanged || !exists) {
                    require(List.of("schtasks", "/Create", "/TN", WindowsTask.NAME, "/XML", serviceFile().toString(), "/F"));
                }
                if (serviceChanged || configChanged || !exists) {
                    run(List.of("schtasks", "/End", "/TN", WindowsTask.NAME));
                    require(List.of("schtasks", "/Run", "/TN", WindowsTask.NAME));
                }
            }
            case NONE -> { }
        }
    }

    private void deactivate() {
        switch (o.service()) {
            case SYSTEMD -> run(List.of("systemctl", "disable", "--now", SystemdUnit.NAME));
            case WINDOWS_TASK -> {
                run(List.of("schtasks", "/End", "/TN", WindowsTask.NAME));
                run(List.of("schtasks", "/Delete", "/TN", WindowsTask.NAME, "/F"));
            }
            case NONE -> { }
        }
    }

    /** rw-r----- where the file system has POSIX permissions (on Windows, ProgramData's ACL applies). */
    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        } catch (IOException e) {
            throw new InstallException("cannot restrict the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    private int run(List<String> cmd) {
        commands.add(String.join(" ", cmd));
        return o.runner().run(cmd);
    }

    private void require(List<String> cmd) {
        int rc = run(cmd);
        if (rc != 0) throw new InstallException(String.join(" ", cmd) + " failed with exit code " + rc);
    }

    private static void pruneEmptyParents(Path dir, FileSync sync) {
        try {
            while (dir != null && Files.isDirectory(dir) && !MT5_FOLDERS.contains(dir.getFileName().toString())) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) return;
                }
                sync.delete(dir);
                dir = dir.getParent();
            }
        } catch (IOException e) {
            throw new InstallException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root, FileSync sync) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) sync.delete(p);
        } catch (IOException e) {
            throw new InstallException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
