package io.vprop.analytics;

import java.time.LocalDate;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a digest as {@code <dir>/<day>.json} and {@code <dir>/<day>.csv}. Each file is written to a temporary
 * name and moved into place, so a reader never sees half a digest.
 */
final class DigestWriter {
    private final Path dir;
    private final ObjectMapper json;

    public DigestWriter(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    public Path dir() { return dir; }

    public Path jsonFile(LocalDate day) { return dir.resolve(day + ".json"); }

    public Path csvFile(LocalDate day) { return dir.resolve(day + ".csv"); }

    public void write(DailyDigest d) {
        try {
            Files.createDirectories(dir);
            atomic(jsonFile(d.day()), json.writerWithDefaultPrettyPrinter().writeValueAsString(d));
            atomic(csvFile(d.day()), d.csv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the daily digest for " + d.day() + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void atomic(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
