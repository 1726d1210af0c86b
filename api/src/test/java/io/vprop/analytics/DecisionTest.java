package io.vprop.analytics;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's decisions as the analytics read them: journal events written by the real Journal, parsed here. */
class DecisionTest {
    @Test
    void readsTheEnginesDecisionsNewestFirstWithinATimeRange(@TempDir Path dir) {
        Path file = dir.resolve("sidecar.db");
        try (Journal j = new Journal(file, false)) {
            j.appendEvent(1_000, "decision", "{\"peer\":\"p1\",\"kind\":\"skip\",\"decision\":{\"symbol\":\"EURUSD\",\"alpha\":\"breakout\","
                    + "\"regime\":\"trend_up\",\"reasons\":[\"BREAKOUT on M5 in TREND_UP wanted to BUY EURUSD\","
                    + "\"SPREAD_TOO_WIDE: spread above the limit\",\"NEWS: high-impact release within 2 min\"]}}");
            j.appendEvent(2_000, "decision", "{\"peer\":\"p1\",\"kind\":\"trade\",\"decision\":{\"symbol\":\"GBPUSD\",\"alpha\":\"meanrev\","
                    + "\"regime\":\"range\",\"reasons\":[\"z-score -2.1\"]}}");
            j.appendEvent(2_500, "governor", "{\"account\":\"p1\"}");
            j.appendEvent(3_000, "decision", "not json");
        }
        JsonMapper json = JsonMapper.builder().build();
        try (JournalReader r = JournalReader.open(file)) {
            List<Decision> all = Decision.of(r.events(Decision.EVENT_KIND, 0, Long.MAX_VALUE, 100), json);
            assertThat(all).extracting(Decision::tMs).containsExactly(2_000L, 1_000L);
            Decision skip = all.get(1);
            assertThat(skip.kind()).isEqualTo("skip");
            assertThat(skip.peer()).isEqualTo("p1");
            assertThat(skip.regime()).isEqualTo("trend_up");
            assertThat(skip.reasonNames()).containsExactly("SPREAD_TOO_WIDE", "NEWS");
            assertThat(all.get(0).reasonNames()).isEmpty();
            assertThat(Decision.of(r.events(Decision.EVENT_KIND, 1_500, 2_500, 100), json)).singleElement()
                    .extracting(Decision::symbol).isEqualTo("GBPUSD");
            // the limit bounds the rows read: the newest is the unreadable one, so two rows give one decision
            assertThat(Decision.of(r.events(Decision.EVENT_KIND, 0, Long.MAX_VALUE, 2), json)).singleElement()
                    .extracting(Decision::tMs).isEqualTo(2_000L);
            assertThat(r.allFills()).isEmpty();
            assertThat(r.latestAccountSnapshots()).isEmpty();
        }
    }
}
