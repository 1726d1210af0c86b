package io.vprop.ops.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.ops.notify.Notification.Severity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns kernel events (the EventBus's JSON: {"type","ts_ms","data"}) into notifications, one handler per event
 * type in {@link #handlers}. Governor state arrives with every account update, so only <em>changes</em> notify:
 * a rule going to warning or breach, the mode going to paused/halted/blocked and back to ok (resumed). Events of
 * types not in the table are ignored. Single-threaded (the bus's delivery thread).
 */
final class EventMapping {
    private final ObjectMapper json = new ObjectMapper();
    private final String prefix;
    private final Map<String, String> modes = new HashMap<>();       // peer -> governor mode
    private final Map<String, String> ruleStatus = new HashMap<>();  // peer/rule -> status
    private final Map<String, BiFunction<JsonNode, Long, List<Notification>>> handlers = Map.of(
            "peer", this::peer,
            "governor_state", this::governorState,
            "governor", this::governorNotice,
            "signal_refused", this::signalRefused,
            "pause", (d, ts) -> List.of(pause(d, ts, true)),
            "resume", (d, ts) -> List.of(pause(d, ts, false)),
            "daily_digest", (d, ts) -> List.of(new Notification("daily_digest", Severity.INFO, d.path("text").asText(), ts)));

    /** @param label names this installation in every message, e.g. the account login ("" for none) */
    public EventMapping(String label) {
        this.prefix = label == null || label.isEmpty() ? "VProp" : "VProp " + label;
    }

    /** Notifications for one event; empty for events that need none. Malformed JSON is an error, never a guess. */
    public List<Notification> map(String eventJson) {
        JsonNode e;
        try {
            e = json.readTree(eventJson);
        } catch (IOException ex) {
            throw new IllegalArgumentException("event is not JSON: " + ex.getMessage(), ex);
        }
        return map(e);
    }

    /** As {@link #map(String)}, for an event already parsed. */
    public List<Notification> map(JsonNode e) {
        var h = handlers.get(e.path("type").asText());
        if (h == null) return List.of();
        return h.apply(e.path("data"), e.path("ts_ms").asLong(System.currentTimeMillis()));
    }

    private Notification n(String key, Severity s, String text, long ts) {
        return new Notification(key, s, s.icon + " " + prefix + ": " + text, ts);
    }

    private List<Notification> peer(JsonNode d, long ts) {
        String id = d.path("id").asText("?");
        return switch (d.path("state").asText()) {
            case "stale" -> List.of(n("disconnected:" + id, Severity.WARNING, "terminal " + id
                    + " disconnected (no message within the stale limit). No new signals go to it; its EA blocks new entries"
                    + " until it is back. Check the MT5 terminal and the VPS network.", ts));
            case "live" -> List.of(n("reconnected:" + id, Severity.INFO, "terminal " + id + " is connected again.", ts));
            case "welcomed" -> List.of(n("connected:" + id, Severity.INFO, "terminal " + id + " connected (account "
                    + d.path("account").asText("?") + ").", ts));
            default -> List.of();
        };
    }

    private List<Notification> governorState(JsonNode d, long ts) {
        String peer = d.path("peer").asText("?");
        JsonNode g = d.path("state");
        List<Notification> out = new ArrayList<>();
        for (JsonNode r : g.path("rules")) {
            String rule = r.path("id").asText("?");
            String status = r.path("status").asText("ok");
            String before = ruleStatus.put(peer + "/" + rule, status);
            if (status.equals(before) || (before == null && status.equals("ok"))) continue;
            String figures = String.format(Locale.ROOT, "value %.2f, limit %.2f, distance %.2f",
                    r.path("value").asDouble(), r.path("limit").asDouble(), r.path("distance").asDouble());
            switch (status) {
                case "warning" -> out.add(n("rule_warning:" + peer + ":" + rule, Severity.WARNING,
                        "governor warning on " + peer + ": " + rule + " is near its limit (" + figures + ").", ts));
                case "breach" -> out.add(n("rule_breach:" + peer + ":" + rule, Severity.CRITICAL,
                        "governor BREACH on " + peer + ": " + rule + " (" + figures + "). Trading is stopped by the EA.", ts));
                case "ok" -> out.add(n("rule_ok:" + peer + ":" + rule, Severity.INFO,
                        "governor " + rule + " on " + peer + " is back to ok (" + figures + ").", ts));
                default -> { }
            }
        }
        String mode = g.path("mode").asText("ok");
        String before = modes.put(peer, mode);
        if (!mode.equals(before) && !(before == null && mode.equals("ok"))) {
            String reason = g.path("reason").asText("");
            String why = reason.isEmpty() ? "" : ": " + reason;
            if (mode.equals("ok")) out.add(n("mode:" + peer, Severity.INFO, "trading resumed on " + peer + why + ".", ts));
            else out.add(n("mode:" + peer, mode.equals("paused") ? Severity.WARNING : Severity.CRITICAL,
                    "trading " + mode + " on " + peer + why + ".", ts));
        }
        return out;
    }

    /**
     * The sidecar's own governors (io.vprop.risk.AccountGovernors.Notice as JSON): already change-only, one notice per
     * rule status change ({@code kind} "rule") or action change ({@code kind} "action").
     */
    private List<Notification> governorNotice(JsonNode d, long ts) {
        String account = d.path("account").asText("?");
        String rule = d.path("ruleId").asText("");
        String message = d.path("message").asText("");
        String figures = String.format(Locale.ROOT, "measured %.2f, threshold %.2f",
                d.path("measured").asDouble(), d.path("threshold").asDouble());
        String why = message.isEmpty() ? "" : ": " + message;
        return switch (d.path("kind").asText()) {
            case "rule" -> switch (d.path("status").asText()) {
                case "WARNING" -> List.of(n("rule_warning:" + account + ":" + rule, Severity.WARNING,
                        "governor warning on " + account + ": " + rule + " is near its limit (" + figures + ")" + why + ".", ts));
                case "BREACH" -> List.of(n("rule_breach:" + account + ":" + rule, Severity.CRITICAL,
                        "governor BREACH on " + account + ": " + rule + " (" + figures + ")" + why + ".", ts));
                case "OK" -> List.of(n("rule_ok:" + account + ":" + rule, Severity.INFO,
                        "governor " + rule + " on " + account + " is back to ok.", ts));
                default -> List.of();
            };
            case "action" -> switch (d.path("action").asText()) {
                case "ALLOW" -> List.of(n("mode:" + account, Severity.INFO, "trading resumed on " + account + why + ".", ts));
                case "BLOCK_NEW_ENTRIES" -> List.of(n("mode:" + account, Severity.WARNING,
                        "new entries blocked on " + account + " (" + rule + ")" + why + ".", ts));
                case "PAUSE_UNTIL_RESET" -> List.of(n("mode:" + account, Severity.WARNING,
                        "positions closed, trading paused until the daily reset on " + account + " (" + rule + ")" + why + ".", ts));
                case "FLATTEN_AND_HALT" -> List.of(n("mode:" + account, Severity.CRITICAL,
                        "positions closed and trading HALTED on " + account + " (" + rule + ")" + why + ".", ts));
                default -> List.of();
            };
            case "input_rejected" -> List.of(n("governor_input:" + account, Severity.WARNING,
                    "the governors rejected an input on " + account + why + ".", ts));
            default -> List.of();
        };
    }

    private List<Notification> signalRefused(JsonNode d, long ts) {
        String peer = d.path("peer").asText("?");
        return List.of(n("signal_refused:" + peer, Severity.INFO, "signal refused on " + peer + ": "
                + d.path("side").asText() + " " + d.path("symbol").asText() + " (" + d.path("rule").asText("")
                + " " + d.path("reason").asText("") + ").", ts));
    }

    private Notification pause(JsonNode d, long ts, boolean paused) {
        String reason = d.path("reason").asText("");
        return n("pause", paused ? Severity.WARNING : Severity.INFO, (paused ? "trading paused" : "trading resumed")
                + (reason.isEmpty() ? "" : ": " + reason) + ".", ts);
    }
}
