package io.vprop.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole-file copies of real journals with SQLite's backup API, read back through the journal's own reader. */
class JournalFilesTest {
    @TempDir
    Path dir;

    private static List<JournalEvent> events(Path file) {
        try (JournalReader r = JournalReader.open(file)) {
            return r.events("e", 0, Long.MAX_VALUE, 1_000);
        }
    }

    @Test
    void aBackupIsASoundCopyWithTheSchemaVersionAndRestorePutsItBack() throws IOException {
        Path store = dir.resolve("data/sidecar.db");
        try (Journal j = new Journal(store, false)) {
            for (int i = 0; i < 50; i++) j.appendEvent(i, "e", "{\"pad\":\"" + "x".repeat(200) + "\"}");
            Path copy = dir.resolve("copy.db");
            JournalFiles.backup(store, copy);       // while the journal is open, as the running sidecar holds it
            assertThat(JournalFiles.integrityProblems(copy)).isEmpty();
            JournalFiles.Info info = JournalFiles.info(copy);
            assertThat(info.schemaVersion()).isEqualTo(JournalSchema.latest());
            assertThat(info.pages()).isPositive();
            assertThat(events(copy)).hasSize(50);
            j.appendEvent(99, "e", "{}");
        }
        assertThat(events(store)).hasSize(51);
        JournalFiles.restore(dir.resolve("copy.db"), store);
        assertThat(events(store)).hasSize(50);
        try (Journal j = new Journal(store, false)) {   // the restored file opens as a journal
            j.appendEvent(100, "e", "{}");
        }
        assertThat(events(store)).hasSize(51);
    }

    @Test
    void damagedFilesAreReported() throws IOException {
        Path store = dir.resolve("sidecar.db");
        try (Journal j = new Journal(store, false)) {
            for (int i = 0; i < 200; i++) j.appendEvent(i, "e", "{\"pad\":\"" + "x".repeat(200) + "\"}");
        }
        Path copy = dir.resolve("copy.db");
        JournalFiles.backup(store, copy);
        byte[] b = Files.readAllBytes(copy);
        Files.write(copy, Arrays.copyOf(b, b.length / 3));          // truncated, as by a full disk
        assertThat(problemsOrFailure(copy)).isNotEmpty();
        Path text = Files.writeString(dir.resolve("text.db"), "not sqlite at all, just text".repeat(100));
        assertThatThrownBy(() -> JournalFiles.integrityProblems(text)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JournalFiles.backup(store, dir.resolve("a\"b.db"))).isInstanceOf(IOException.class)
                .hasMessageContaining("contains a double quote");
    }

    private static List<String> problemsOrFailure(Path file) {
        try {
            return JournalFiles.integrityProblems(file);
        } catch (IOException e) {
            return List.of(e.getMessage());
        }
    }
}
