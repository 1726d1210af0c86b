package io.vprop.ops.install;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Default places per operating system, read from the environment it is given (never from a global), and where the
 * running distribution is. Only the CLI uses this; the installer itself takes every path explicitly.
 */
public record Platform(boolean windows, Map<String, String> env) {

    public static Platform current() {
        return new Platform(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"), System.getenv());
    }

    private Path programData() { return Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"), "VProp"); }

    public Path configDir() { return windows ? programData().resolve("config") : Path.of("/etc/vprop"); }

    public Path dataDir() { return windows ? programData().resolve("data") : SystemdUnit.DEFAULT_STATE; }

    public Path logDir() { return windows ? programData().resolve("logs") : SystemdUnit.DEFAULT_LOGS; }

    public Path appData() {
        String a = env.get("APPDATA");
        return windows && a != null ? Path.of(a) : null;
    }

    /** $WINEPREFIX if set, else ~/.wine when it exists (Linux only). */
    public List<Path> winePrefixes() {
        if (windows) return List.of();
        List<Path> out = new ArrayList<>();
        if (env.get("WINEPREFIX") != null) out.add(Path.of(env.get("WINEPREFIX")));
        else if (env.get("HOME") != null && Files.isDirectory(Path.of(env.get("HOME"), ".wine"))) out.add(Path.of(env.get("HOME"), ".wine"));
        return out;
    }

    public InstallOptions.Service defaultService() {
        if (windows) return InstallOptions.Service.WINDOWS_TASK;
        return Files.isDirectory(Path.of("/run/systemd/system")) ? InstallOptions.Service.SYSTEMD : InstallOptions.Service.NONE;
    }

    /**
     * The unpacked distribution: the folder above lib/ holding this jar. From a development build (classes
     * directory) there is none and null is returned.
     */
    public static Path appDir() {
        try {
            Path jar = Path.of(Platform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar) && jar.getParent() != null && jar.getParent().getFileName().toString().equals("lib"))
                return jar.getParent().getParent();
            return null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
