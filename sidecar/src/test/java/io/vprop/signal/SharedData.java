package io.vprop.signal;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates /shared/data through the {@code vprop.shared.data} system property; fails loudly when it is missing. */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        String p = System.getProperty("vprop.shared.data");
        if (p == null || p.isBlank())
            throw new IllegalStateException("system property vprop.shared.data is not set (surefire sets it to <repo>/../shared/data)");
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir))
            throw new IllegalStateException("shared data directory missing: " + dir.toAbsolutePath()
                    + " (vprop.shared.data); tests that replay real data need it");
        return dir;
    }

    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        if (!Files.isRegularFile(f)) throw new IllegalStateException("shared data file missing: " + f.toAbsolutePath());
        return f;
    }
}
