package io.vprop.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit as the kernel uses it: {@link Journal#inTransaction} begins at the body's first write (a batch of ticks
 * writes nothing and costs no BEGIN/COMMIT), and everything written inside is still one atomic transaction, seen by
 * another connection only once it commits.
 */
class JournalTransactionTest {
    @TempDir
    Path dir;

    private static long events(Path db, String kind) {
        try (JournalReader r = JournalReader.open(db)) {
            return r.events(kind, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE).size();
        }
    }

    @Test
    void writesInsideOneTransactionAreInvisibleUntilItCommitsThenAllThere() {
        Path db = dir.resolve("j.db");
        try (Journal j = new Journal(db, false)) {
            j.inTransaction(() -> {
                j.appendEvent(1, "note", "{}");
                j.appendEvent(2, "note", "{}");
                assertThat(events(db, "note")).as("not committed yet: another connection sees nothing").isZero();
                j.inTransaction(() -> j.appendEvent(3, "note", "{}")); // nested: joins the outer one
                assertThat(events(db, "note")).as("the nested call did not commit the outer transaction").isZero();
            });
            assertThat(events(db, "note")).isEqualTo(3);
        }
    }

    @Test
    void aFailureAfterTheFirstWriteRollsBackEveryWriteOfTheBatch() {
        Path db = dir.resolve("j.db");
        try (Journal j = new Journal(db, false)) {
            j.appendEvent(1, "kept", "{}");
            assertThatThrownBy(() -> j.inTransaction(() -> {
                j.appendEvent(2, "note", "{}");
                j.appendEvent(3, "note", "{}");
                throw new IllegalStateException("the act failed");
            })).hasMessage("the act failed");
            assertThat(events(db, "note")).isZero();
            assertThat(events(db, "kept")).isEqualTo(1);
            // and the connection is back in auto-commit: a later single write is durable on its own
            j.appendEvent(4, "after", "{}");
            assertThat(events(db, "after")).isEqualTo(1);
        }
    }

    @Test
    void aBatchThatWritesNothingLeavesTheJournalInAutoCommit() {
        Path db = dir.resolve("j.db");
        try (Journal j = new Journal(db, false)) {
            j.inTransaction(() -> j.highestTicket()); // reads only, as a batch of ticks does
            j.appendEvent(1, "after", "{}");
            assertThat(events(db, "after")).as("committed at once, not held by a transaction left open").isEqualTo(1);
            j.inTransaction(() -> { });
            j.inTransaction(() -> j.appendEvent(2, "after", "{}"));
            assertThat(events(db, "after")).isEqualTo(2);
        }
    }
}
