package io.vprop.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.journal.JournalEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A strategy decision the kernel journaled (events of kind "decision": the signal engine's trades, refusals and
 * skips with their reasons). Stamped with the sidecar's clock. {@code reasons}' first line describes the setup.
 */
record Decision(long tMs, String peer, String kind, String symbol, String alpha, String regime, List<String> reasons) {
    /** The journal's event kind of decisions. */
    static final String EVENT_KIND = "decision";

    /** The skip reasons' names ("SPREAD_TOO_WIDE: …" → "SPREAD_TOO_WIDE"); the first line describes the setup. */
    List<String> reasonNames() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < reasons.size(); i++) {
            String r = reasons.get(i);
            int c = r.indexOf(':');
            out.add(c > 0 ? r.substring(0, c) : r);
        }
        return out;
    }

    /** The decisions among {@code events}, in their order; unreadable bodies are dropped. */
    static List<Decision> of(List<JournalEvent> events, ObjectMapper json) {
        List<Decision> out = new ArrayList<>();
        for (JournalEvent e : events) {
            try {
                JsonNode b = json.readTree(e.body());
                JsonNode d = b.path("decision");
                List<String> reasons = new ArrayList<>();
                for (JsonNode r : d.path("reasons")) reasons.add(r.asText());
                out.add(new Decision(e.tsMs(), b.path("peer").asText(), b.path("kind").asText(), d.path("symbol").asText(),
                        d.path("alpha").asText(""), d.path("regime").asText(""), reasons));
            } catch (IOException ex) {
                // written by the kernel as JSON; an unreadable row is damage, not a decision
            }
        }
        return out;
    }
}
