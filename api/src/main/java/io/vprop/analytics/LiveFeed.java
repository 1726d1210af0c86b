package io.vprop.analytics;

import java.io.IOException;
import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the analytics learn from the kernel's event stream rather than the journal: the latest governor state of
 * each terminal with the history of its rules' warnings and breaches, and signals refused before they were sent
 * (neither reaches the journal).
 * Memory is bounded: old points and events are dropped first.
 */
final class LiveFeed {
    static final int MAX_EVENTS = 1_000;

    /** A rule moved into (or out of) warning/breach. */
    public record RuleEvent(long tMs, String peer, String rule, String from, String to, double value, double limit) {
    }

    public record Refusal(long tMs, String peer, String symbol, String alpha, String rule, String reason) {
    }

    private final ObjectMapper json;
    private final Map<String, JsonNode> governorState = new ConcurrentHashMap<>();
    private final Map<String, Long> governorStateMs = new ConcurrentHashMap<>();
    private final Map<String, String> ruleStatus = new ConcurrentHashMap<>();
    private final Deque<RuleEvent> ruleEvents = new ArrayDeque<>();
    private final Deque<Refusal> refusals = new ArrayDeque<>();

    public LiveFeed(ObjectMapper json) { this.json = json; }

    /** An event bus message, as JSON text {"type","ts_ms","data"}. Unknown types are ignored. */
    public void accept(String text) {
        JsonNode e;
        try {
            e = json.readTree(text);
        } catch (IOException ex) {
            return; // the bus only carries JSON it wrote itself
        }
        long ts = e.path("ts_ms").asLong();
        JsonNode d = e.path("data");
        switch (e.path("type").asText()) {
            case "governor_state" -> onGovernor(ts, d.path("peer").asText(), d.path("state"));
            case "signal_refused" -> onRefused(ts, d);
            default -> { }
        }
    }

    private void onGovernor(long ts, String peer, JsonNode state) {
        governorState.put(peer, state);
        governorStateMs.put(peer, ts);
        for (JsonNode r : state.path("rules")) {
            String id = r.has("rule_id") ? r.path("rule_id").asText() : r.has("ruleId") ? r.path("ruleId").asText() : r.path("id").asText();
            String to = r.path("status").asText("ok").toLowerCase(Locale.ROOT);
            String from = ruleStatus.put(peer + "|" + id, to);
            if (from == null) from = "ok";
            if (!from.equals(to) && (!to.equals("ok") || !from.equals("ok"))) {
                synchronized (ruleEvents) {
                    ruleEvents.addLast(new RuleEvent(ts, peer, id, from, to, r.path("value").asDouble(), r.path("limit").asDouble()));
                    while (ruleEvents.size() > MAX_EVENTS) ruleEvents.removeFirst();
                }
            }
        }
    }

    private void onRefused(long ts, JsonNode d) {
        synchronized (refusals) {
            refusals.addLast(new Refusal(ts, d.path("peer").asText(), d.path("symbol").asText(), d.path("alpha").asText(""),
                    d.path("rule").asText(""), d.path("reason").asText("")));
            while (refusals.size() > MAX_EVENTS) refusals.removeFirst();
        }
    }

    public Map<String, JsonNode> governorStates() { return Map.copyOf(governorState); }

    public Map<String, Long> governorStateTimes() { return Map.copyOf(governorStateMs); }

    public List<RuleEvent> ruleEvents() {
        synchronized (ruleEvents) {
            return List.copyOf(ruleEvents);
        }
    }

    public List<Refusal> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }
}
