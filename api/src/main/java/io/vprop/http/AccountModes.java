package io.vprop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.attach.AttachState;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.journal.JournalEvent;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Each account's trading mode for the panel's banner (GET /api/governors {@code modes}): HALTED, PAUSED (until when,
 * on the firm's clock), TARGET_LOCKED, BLOCKED (the firm state on attach is not proven: what to configure) or TRADING, why, and the account's own firm day. The mode comes from the
 * governors' published snapshot; the reason is the governors' own sentence, the newest "action" notice of that
 * account in the journal (the snapshot does not carry it), else the note of the rule in BREACH. Every time is on the
 * configured profile's {@link FirmDayClock}, the one the governors reset on: the panel computes none itself.
 */
final class AccountModes {
    /** Governor events read back at most, newest first, to find the notice that paused or halted an account. */
    static final int NOTICES_SCANNED = 2_000;
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountModes() {
    }

    /** What the governors decided last for an account: its rule, sentence and when (the notice's time). */
    record Notice(String ruleId, String action, String message, long tsMs) {
    }

    /** The mode an account's snapshot says it is in, most severe first. */
    static String mode(StateSnapshot s) {
        if (s.halted()) return "HALTED";
        if (s.paused()) return "PAUSED";
        if (s.targetLocked()) return "TARGET_LOCKED";
        return "TRADING";
    }

    /** The action notice that belongs to a mode (null for TRADING). */
    static String actionOf(String mode) {
        return switch (mode) {
            case "HALTED" -> "FLATTEN_AND_HALT";
            case "PAUSED" -> "PAUSE_UNTIL_RESET";
            default -> null;
        };
    }

    /**
     * The modes of every account. {@code notices} is read only when an account is paused or halted (the panel asks
     * every second; a trading account needs no reason).
     */
    static Map<String, Object> of(Map<String, StateSnapshot> snapshots, FirmDayClock clock, Supplier<List<JournalEvent>> notices) {
        return of(snapshots, Map.of(), clock, notices);
    }

    /**
     * The same, with the firm state each terminal rebuilt on attach: an account whose state could not be proven from its
     * deal history (or whose day-start equity is not known until the next reset) is BLOCKED, with the attach reason —
     * what to configure — unless a halt or pause says more.
     */
    static Map<String, Object> of(Map<String, StateSnapshot> snapshots, Map<String, AttachState> attach, FirmDayClock clock,
                                  Supplier<List<JournalEvent>> notices) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Map<String, Notice>> latest = null;
        for (Map.Entry<String, StateSnapshot> e : snapshots.entrySet()) {
            StateSnapshot s = e.getValue();
            String mode = mode(s);
            Notice why = null;
            if (actionOf(mode) != null) {
                if (latest == null) latest = latestActions(notices.get());
                why = latest.getOrDefault(e.getKey(), Map.of()).get(actionOf(mode));
            }
            AttachState at = attach.get(e.getKey());
            if (mode.equals("TRADING") && at != null && !at.rule().isEmpty()
                    && (at.blockedUntilMs() == 0 || s.timeMs() < at.blockedUntilMs())) {
                out.put(e.getKey(), blocked(s, at, clock));
                continue;
            }
            out.put(e.getKey(), of(s, mode, why, clock));
        }
        return out;
    }

    static Map<String, Object> of(StateSnapshot s, String mode, Notice why, FirmDayClock clock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        String rule = why != null ? why.ruleId() : "", reason = why != null ? why.message() : "";
        if (mode.equals("TARGET_LOCKED")) {
            // locked by the target, whatever else is in warning
            rule = "profit-target";
            for (RuleStatus r : s.rules()) if (r.ruleId().equals(rule)) reason = r.note();
        } else if (!mode.equals("TRADING") && reason.isEmpty()) {
            // no notice in the journal (older than the scanned ones, or the journal was replaced): the breached rule,
            // else the one in warning (a safety buffer pauses before the firm's limit is reached)
            RuleStatus worst = null;
            for (RuleStatus r : s.rules())
                if (r.status() == RuleStatus.Status.BREACH || r.status() == RuleStatus.Status.WARNING && worst == null) {
                    if (worst == null || worst.status() != RuleStatus.Status.BREACH) worst = r;
                }
            if (worst != null) {
                rule = worst.ruleId();
                reason = worst.note();
            }
        }
        m.put("ruleId", rule);
        m.put("reason", reason);
        m.put("sinceMs", why != null ? why.tsMs() : null);
        long until = mode.equals("PAUSED") ? s.pausedUntilMs() : 0;
        m.put("untilMs", until > 0 ? until : null);
        m.put("untilLocal", until > 0 ? clock.wallTime(until).format(WALL) : null);
        m.put("untilOffset", until > 0 ? offset(clock.offset(until)) : null);
        // the account's own firm day, at its terminal's time (market time in a replay or paper demo)
        m.put("timeMs", s.timeMs());
        m.put("zone", clock.zone());
        m.put("resetTime", clock.resetTime().toString());
        m.put("day", s.timeMs() > 0 ? clock.dayOf(s.timeMs()).toString() : null);
        m.put("nextResetMs", s.timeMs() > 0 ? clock.nextReset(s.timeMs()) : null);
        m.put("nextResetLocal", s.timeMs() > 0 ? clock.wallTime(clock.nextReset(s.timeMs())).format(WALL) : null);
        return m;
    }

    /**
     * The trader's own pauses of entries (controls) over the governors' modes: an account the governors let trade is
     * PAUSED by rule {@code control.paused} with the trader's reason and no end (until a resume); a governors' pause
     * or halt stays what it is. Every paused account carries {@code traderPause} (the control that paused it).
     */
    static Map<String, Object> withTraderPauses(Map<String, Object> modes, Map<String, Map<String, Object>> pauses) {
        for (Map.Entry<String, Map<String, Object>> e : pauses.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) modes.get(e.getKey());
            if (m == null) {
                m = new LinkedHashMap<>();
                m.put("mode", "TRADING");
                modes.put(e.getKey(), m);
            }
            m.put("traderPause", e.getValue());
            if (!"TRADING".equals(m.get("mode")) && !"TARGET_LOCKED".equals(m.get("mode"))) continue;
            m.put("mode", "PAUSED");
            m.put("ruleId", "control.paused");
            m.put("reason", "new entries paused by the trader: " + e.getValue().get("reason"));
            m.put("sinceMs", e.getValue().get("timeMs"));
            m.put("untilMs", null);
            m.put("untilLocal", null);
            m.put("untilOffset", null);
        }
        return modes;
    }

    /** BLOCKED by the attach state: its rule and reason, until its end when it lifts by itself (the next reset). */
    static Map<String, Object> blocked(StateSnapshot s, AttachState at, FirmDayClock clock) {
        Map<String, Object> m = of(s, "TRADING", null, clock);
        m.put("mode", "BLOCKED");
        m.put("ruleId", at.rule());
        m.put("reason", at.reason());
        long until = at.blockedUntilMs();
        m.put("untilMs", until > 0 ? until : null);
        m.put("untilLocal", until > 0 ? clock.wallTime(until).format(WALL) : null);
        m.put("untilOffset", until > 0 ? offset(clock.offset(until)) : null);
        return m;
    }

    /** "+02:00" / "-05:00" / "+00:00" (ZoneOffset says "Z" for zero). */
    static String offset(ZoneOffset o) {
        return o.getTotalSeconds() == 0 ? "+00:00" : o.getId();
    }

    /** Per account, per action: the newest "action" notice among the governor events (given newest first). */
    static Map<String, Map<String, Notice>> latestActions(List<JournalEvent> events) {
        Map<String, Map<String, Notice>> out = new HashMap<>();
        for (JournalEvent ev : events) {
            JsonNode b;
            try {
                b = JSON.readTree(ev.body());
            } catch (Exception e) {
                continue; // not a notice the kernel wrote: nothing to say about it
            }
            if (b == null || !"action".equals(b.path("kind").asText())) continue;
            String account = b.path("account").asText(), action = b.path("action").asText();
            out.computeIfAbsent(account, a -> new HashMap<>()).putIfAbsent(action,
                    new Notice(b.path("ruleId").asText(), action, b.path("message").asText(), b.path("tsMs").asLong(ev.tsMs())));
        }
        return out;
    }
}
