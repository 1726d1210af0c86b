package io.vprop.journal;

import io.vprop.protocol.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal side's record of the trader's controls (the paper terminal's, as the EA's controls.txt): each id's
 * answer, found again for a resent control, and the pause of entries, which outlives a reopening of the journal.
 * The sidecar side's audit trail: every event of a kind, oldest first.
 */
class JournalControlsTest {
    @TempDir
    Path dir;

    @Test
    void aControlsAnswerIsFoundAgainAndThePauseSurvivesAReopen() {
        Path file = dir.resolve("terminal.db");
        Payload.ControlAck closed = new Payload.ControlAck("ctl-2", "applied", "position 7 closed\twith a tab", 1, 0);
        try (Journal j = new Journal(file, false)) {
            assertThat(j.entriesPaused()).isFalse();
            assertThat(j.controlApplied("ctl-1")).isNull();
            j.recordControl(new Payload.ControlAck("ctl-1", "applied", "new entries paused", 0, 0), "pause_entries", 10);
            j.recordControl(closed, "close_position", 11);
            j.recordControl(new Payload.ControlAck("ctl-3", "refused", "no position 9", 0, 0), "close_position", 12);
            assertThat(j.entriesPaused()).isTrue();
        }
        try (Journal j = new Journal(file, false)) {
            assertThat(j.entriesPaused()).as("after a restart").isTrue();
            assertThat(j.controlApplied("ctl-2")).isEqualTo(closed);
            assertThat(j.controlApplied("ctl-3").status()).isEqualTo("refused");
            // a refused resume changes nothing; an applied one lifts the pause
            j.recordControl(new Payload.ControlAck("ctl-4", "refused", "x", 0, 0), "resume", 13);
            assertThat(j.entriesPaused()).isTrue();
            j.recordControl(new Payload.ControlAck("ctl-5", "applied", "new entries allowed", 0, 0), "resume", 14);
            assertThat(j.entriesPaused()).isFalse();
        }
    }

    @Test
    void eventBodiesOfAKindComeOldestFirst() {
        try (Journal j = new Journal(dir.resolve("sidecar.db"), false)) {
            j.appendEvent(30, "control", "{\"n\":1}");
            j.appendEvent(10, "decision", "{}");
            j.appendEvent(20, "control", "{\"n\":2}");
            assertThat(j.eventBodies("control")).containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(j.eventBodies("nothing")).isEmpty();
        }
    }
}
