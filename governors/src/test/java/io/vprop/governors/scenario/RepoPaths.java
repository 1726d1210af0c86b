package io.vprop.governors.scenario;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the scenario directory from the reactor root that surefire passes in {@code vprop.repo.root}. */
final class RepoPaths {
    private RepoPaths() {}

    static Path scenarios() {
        String root = System.getProperty("vprop.repo.root");
        if (root == null) throw new IllegalStateException("system property vprop.repo.root is not set (run through Maven)");
        Path dir = Path.of(root, "governors", "scenarios");
        if (!Files.isDirectory(dir)) throw new IllegalStateException("scenario directory missing: " + dir);
        return dir;
    }
}
