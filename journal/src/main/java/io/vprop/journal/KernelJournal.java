package io.vprop.journal;

import io.vprop.market.Bar;
import io.vprop.protocol.Payload;
import io.vprop.transport.ChannelStore;

import java.util.List;

/**
 * What the sidecar's kernel writes before it acts and reads back after a crash: the channels' messages
 * ({@link ChannelStore}), the business records keyed by their ids (signals, fills), bars and events. {@link Journal}
 * keeps them in SQLite; a kernel under test may keep them in memory. Used by the kernel's thread only.
 */
public interface KernelJournal extends ChannelStore {

    /** An inbound reliable message journaled but not yet fully acted on. */
    record PendingInbound(String peer, long seq, byte[] wire) {
    }

    /**
     * A signal the terminal has not answered for yet (no {@code executed} or {@code rejected} ack): a sidecar restarted
     * meanwhile still awaits it, since its channel resends it and the terminal may execute it.
     *
     * @param expiryMs the signal's expiry on the terminal's clock (0 = none)
     */
    record AwaitingSignal(String id, String kind, String symbol, long expiryMs) {
    }

    /** The signals sent to {@code peer} still awaiting an answer ({@link AwaitingSignal}), oldest first. */
    List<AwaitingSignal> awaitingSignals(String peer);

    /** Runs {@code body} in one transaction (nested calls join the outer one). */
    void inTransaction(Runnable body);

    /** Inbound messages journaled but not marked processed: a crash hit between journaling and acting. */
    List<PendingInbound> unprocessedInbound();

    void markProcessed(String peer, long seq);

    /** Applies a signal_ack to its signal; an "executed" is never downgraded by a late "accepted". */
    void updateSignal(Payload.SignalAck ack, long nowMs);

    /** Records a fill once per (peer, deal); returns false when it was already known. */
    boolean recordFill(String peer, Payload.Fill fill, long seq, long receivedMs);

    /** Journals closed bars (the bar history is the journal's, so a replay can be audited). */
    void appendBars(List<Bar> bars);

    /** Appends a free-form event (decisions, governor verdicts) for the panel and post-mortems. */
    void appendEvent(long tsMs, String kind, String json);

    /**
     * The bodies of every event of {@code kind}, oldest first: state the kernel rebuilds from its own audit trail on
     * start (a trader's pause of entries). Meant for rare kinds, not for decisions.
     */
    List<String> eventBodies(String kind);

    /**
     * Deletes at most {@code maxRows} of the oldest events of {@code kind} stamped before {@code beforeMs}.
     *
     * @return rows deleted
     */
    int pruneEvents(String kind, long beforeMs, int maxRows);

    /** Bytes the journal takes (on disk, for SQLite). Safe from any thread. */
    long sizeBytes();
}
