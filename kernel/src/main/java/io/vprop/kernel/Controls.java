package io.vprop.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.journal.KernelJournal;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A trader's controls (docs/api.md, POST /api/controls): pause new entries, resume, flatten all, close one position,
 * cancel pending orders. Each is journaled as an audit entry (who, what, why) in the same transaction as the
 * {@code control} message that carries it to the terminal, before either leaves; the terminal's {@code control_ack}
 * is journaled beside it. A pause also holds the sidecar's own entries (rule {@link #PAUSED}) until a resume; it is
 * rebuilt from the journal on start, so a restart keeps it. Kernel thread only, except the published views.
 */
final class Controls {
    private static final Logger log = LoggerFactory.getLogger(Controls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The rule that refuses an entry while the trader has paused them. */
    static final String PAUSED = "control.paused";
    /** Acks kept for the HTTP side to find the answer to a control it just sent. */
    private static final int ACKS_KEPT = 256;

    /** What became of a control request: sent under {@code id} to {@code peers}, or refused by {@code rule}. */
    record Outcome(String id, List<String> peers, long timeMs, String rule, String reason) {
        boolean sent() { return id != null; }
    }

    /** Who asked: "panel" or "api", and from which address (the audit trail's "who"). */
    record Requester(String by, String from) {
    }

    private final KernelJournal journal;
    private final Outbox outbox;
    private final EventBus events;
    private final LongSupplier clock;
    /** Paused accounts (governors key, terminal/account) and the control that paused each. */
    private final Map<String, Map<String, Object>> paused = new HashMap<>();
    private volatile Map<String, Map<String, Object>> pausedView = Map.of();
    private final Map<String, Map<String, Object>> acks = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> e) { return size() > ACKS_KEPT; }
    });
    private long counter;

    Controls(KernelJournal journal, Outbox outbox, EventBus events, LongSupplier clock) {
        this.journal = journal;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /** Rebuilds the pauses from the audit trail: per account, the newest pause_entries or resume wins. */
    void recover() {
        for (String body : journal.eventBodies("control")) {
            try {
                Map<String, Object> c = JSON.readValue(body, Map.class);
                apply(String.valueOf(c.get("account")), String.valueOf(c.get("action")), c);
            } catch (JsonProcessingException e) {
                log.warn("a journaled control does not parse ({}); skipped", e.getOriginalMessage());
            }
        }
        publish();
        if (!paused.isEmpty()) log.warn("entries paused by the trader on {} (journal): resume from the panel or POST /api/controls", paused.keySet());
    }

    /** True while the trader has paused new entries on this terminal's account. */
    boolean paused(String peer) { return paused.containsKey(AccountGovernors.accountOf(peer)); }

    /** The control that paused an account, for the refusal's sentence. */
    Map<String, Object> pause(String peer) { return paused.get(AccountGovernors.accountOf(peer)); }

    /** Paused accounts and the control that paused each (any thread). */
    Map<String, Map<String, Object>> pausedView() { return pausedView; }

    /** The terminal's answer to a control, once it came (any thread); null before. */
    Map<String, Object> ack(String id) { return acks.get(id); }

    /**
     * Journals a control and sends it: to every terminal of the account for a pause or a resume (each EA keeps its
     * own pause), to {@code target} alone otherwise. Stamped with the terminal's clock, the one its governors run on.
     */
    Outcome send(PeerSession target, Collection<PeerSession> accountPeers, String action, long position, String symbol,
                 String reason, Requester who) {
        String account = AccountGovernors.accountOf(target.key);
        if (action.equals("close_position") && target.account != null
                && target.account.positions().stream().noneMatch(p -> p.ticket() == position))
            return new Outcome(null, List.of(target.key), target.nowMs(), "control.unknown_position",
                    "no open position with ticket " + position + " on " + account);
        long now = clock.getAsLong(), timeMs = target.nowMs();
        String id = "ctl-" + target.routingId.account() + "-" + Long.toString(now, 36) + "-" + ++counter;
        boolean everyChart = action.equals("pause_entries") || action.equals("resume");
        List<PeerSession> to = everyChart ? List.copyOf(accountPeers) : List.of(target);
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("id", id);
        audit.put("account", account);
        audit.put("peers", to.stream().map(p -> p.key).toList());
        audit.put("action", action);
        audit.put("position", position);
        audit.put("symbol", symbol);
        audit.put("reason", reason);
        audit.put("by", who.by());
        audit.put("from", who.from());
        audit.put("timeMs", timeMs);
        Payload.Control msg = new Payload.Control(id, action, position, symbol, reason, timeMs);
        outbox.hold();
        try {
            journal.inTransaction(() -> {
                journal.appendEvent(now, "control", json(audit));   // the audit entry first, in the same commit
                for (PeerSession p : to) outbox.send(p, msg);       // journaled as outbound, resent until acked
            });
        } finally {
            outbox.release();
        }
        apply(account, action, audit);
        publish();
        log.info("control {} {} on {} by {} ({}): {}", id, action, account, who.by(), who.from(), reason);
        events.publish("control", now, audit);
        return new Outcome(id, to.stream().map(p -> p.key).toList(), timeMs, "", "");
    }

    /** The terminal's control_ack (already journaled as an inbound message): the audit trail's answer. */
    void onAck(PeerSession s, Payload.ControlAck a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.controlId());
        m.put("peer", s.key);
        m.put("status", a.status());
        m.put("reason", a.reason());
        m.put("closed", a.closed());
        m.put("cancelled", a.cancelled());
        m.put("timeMs", s.nowMs());
        long now = clock.getAsLong();
        journal.appendEvent(now, "control_ack", json(m));
        acks.put(a.controlId(), m);
        events.publish("control_ack", now, m);
        if (a.status().equals("refused")) log.warn("terminal {} refused control {}: {}", s.key, a.controlId(), a.reason());
    }

    private void apply(String account, String action, Map<String, Object> control) {
        if (action.equals("pause_entries")) paused.putIfAbsent(account, control);
        else if (action.equals("resume")) paused.remove(account);
    }

    private void publish() {
        Map<String, Map<String, Object>> m = new HashMap<>();
        paused.forEach((k, v) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            for (String f : List.of("id", "reason", "by", "timeMs")) one.put(f, v.get(f));
            m.put(k, Collections.unmodifiableMap(one));
        });
        pausedView = Map.copyOf(m);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
