package io.vprop.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the repository's own files and ../shared/data, from the properties surefire sets. */
public final class RepoPaths {
    private RepoPaths() { }

    public static Path root() {
        String p = System.getProperty("vprop.repo.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        if (!Files.exists(root.resolve("pom.xml"))) throw new IllegalStateException("repo root not found at " + root);
        return root;
    }

    public static Path sharedData() {
        String p = System.getProperty("vprop.shared.data");
        Path d = p != null ? Path.of(p) : root().resolve("../shared/data");
        if (!Files.isDirectory(d))
            throw new IllegalStateException("shared market data not found at " + d.toAbsolutePath().normalize()
                    + " (expected ../shared/data beside the repository)");
        return d;
    }

    public static Path sharedFile(String relative) {
        Path f = sharedData().resolve(relative);
        if (!Files.exists(f)) throw new IllegalStateException("shared data file missing: " + f);
        return f;
    }
}
