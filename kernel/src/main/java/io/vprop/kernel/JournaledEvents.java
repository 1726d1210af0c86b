package io.vprop.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.journal.KernelJournal;
import io.vprop.risk.AccountGovernors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the trader reviews later as well as live: strategy decisions (trades and skips with their reasons) and the
 * governors' notices — each published on the event bus and appended to the journal. Decisions pile up with every
 * bar of every symbol, so they are pruned past their retention. Kernel thread only.
 */
final class JournaledEvents {
    private static final Logger log = LoggerFactory.getLogger(JournaledEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PRUNE_BATCH = 2_000;

    private final KernelJournal journal;
    private final EventBus events;
    private final LongSupplier clock;
    private volatile long decisionRetentionMs; // set from the wiring thread before (or while) the kernel runs
    private long nextPruneMs;

    JournaledEvents(KernelJournal journal, EventBus events, LongSupplier clock) {
        this.journal = journal;
        this.events = events;
        this.clock = clock;
    }

    /** A strategy's decision: published for the panel and journaled with its reasons. */
    void decision(String peer, String kind, Object decision) {
        long now = clock.getAsLong();
        events.publish("decision", now, Map.of("peer", peer, "kind", kind, "decision", decision));
        journal.appendEvent(now, "decision", json(Map.of("peer", peer, "kind", kind, "decision", decision)));
    }

    /** What the governors just decided: published, journaled and logged (warnings for actions and breaches). */
    void governorNotice(AccountGovernors.Notice n) {
        events.publish("governor", n.tsMs(), n);
        journal.appendEvent(n.tsMs(), "governor", json(n));
        if (n.kind().equals("action") || n.status().equals("BREACH")) log.warn("governors {}: {} {} — {}", n.account(), n.action(), n.ruleId(), n.message());
        else log.info("governors {}: {} {} — {}", n.account(), n.status(), n.ruleId(), n.message());
    }

    /**
     * A balance operation (deposit, payout, credit...): published for the panel and journaled as an event of kind
     * "balance", which is how the trader finds them (they are not fills: no trade, not in the trade statistics).
     */
    void balance(String peer, Object operation, long now) {
        events.publish("balance", now, Map.of("peer", peer, "balance", operation));
        journal.appendEvent(now, "balance", json(Map.of("peer", peer, "balance", operation)));
    }

    /** The firm state a terminal rebuilt from its deal history on attach: published, journaled, logged. */
    void firmState(String peer, long now, io.vprop.protocol.Payload.FirmState f) {
        events.publish("firm_state", now, Map.of("peer", peer, "state", f));
        journal.appendEvent(now, "firm_state", json(Map.of("peer", peer, "state", f)));
        if (f.status().equals("blocked") || !f.rule().isEmpty()) log.warn("terminal {}: firm state {} {} — {}", peer, f.status(), f.rule(), f.reason());
        else log.info("terminal {}: firm state rebuilt from {} deals (day-start balance {}, high-water {})", peer, f.dealsRead(),
                f.dayStartBalance(), f.highWater());
    }

    /** Keep decisions this long; 0 = forever. */
    void decisionRetention(long ms) { this.decisionRetentionMs = ms; }

    /** Deletes expired decisions a bounded batch at a time: once a minute, or every round while behind. */
    void prune(long now) {
        long retention = decisionRetentionMs;
        if (retention <= 0 || now < nextPruneMs) return;
        int n = journal.pruneEvents("decision", now - retention, PRUNE_BATCH);
        nextPruneMs = n == PRUNE_BATCH ? now : now + 60_000;
        if (n > 0) log.info("pruned {} decision events older than {} days", n, retention / 86_400_000.0);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
