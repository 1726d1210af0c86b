package io.vprop.ops.install;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes files only when their content differs, atomically (temp file + rename), and records what it did. This is
 * what makes the installer idempotent: a second run finds every file identical and touches nothing, not even the
 * modification time.
 */
public final class FileSync {

    /** What happened to one path. */
    public enum Change { CREATED, UPDATED, UNCHANGED, DELETED }

    /** One action, for the install report and the manifest. */
    public record Action(Change change, Path path) {
        @Override
        public String toString() { return change.name().toLowerCase(Locale.ROOT) + " " + path; }
    }

    private final List<Action> actions = new ArrayList<>();

    public Change write(Path target, byte[] content) {
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content))
                return record(Change.UNCHANGED, target);
            Change c = Files.exists(target) ? Change.UPDATED : Change.CREATED;
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".vprop-tmp");
            try {
                Files.write(tmp, content);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return record(c, target);
        } catch (IOException e) {
            throw new InstallException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public Change write(Path target, String text) {
        return write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public Change copy(Path source, Path target) {
        try {
            return write(target, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new InstallException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    public Change delete(Path target) {
        try {
            return Files.deleteIfExists(target) ? record(Change.DELETED, target) : Change.UNCHANGED;
        } catch (IOException e) {
            throw new InstallException("cannot delete " + target + ": " + e.getMessage(), e);
        }
    }

    /** Creates a directory if missing (recorded as created). */
    public void directory(Path dir) {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir);
            record(Change.CREATED, dir);
        } catch (IOException e) {
            throw new InstallException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private Change record(Change c, Path p) {
        actions.add(new Action(c, p));
        return c;
    }

    public List<Action> actions() { return List.copyOf(actions); }

    /** Every action that changed something on disk. */
    public List<Action> changes() { return actions.stream().filter(a -> a.change() != Change.UNCHANGED).toList(); }
}
