package io.vprop.transport;

import io.vprop.protocol.Envelope;

import java.util.List;

/**
 * Durable state of one {@link ReliableChannel}: the journal behind it. Every method is durable when it returns
 * (so a message journaled here survives kill -9 of the process).
 */
public interface ChannelStore {

    /** What a channel needs to resume after a restart. */
    record Resume(long nextSeq, long lastOutReliable, long lastIn, long lastFreshIn) {
        public static final Resume FRESH = new Resume(1, 0, 0, 0);
    }

    Resume load(String peer);

    /** Reserves sequence numbers up to {@code upTo} (exclusive) so a restart never reuses one. */
    void reserveSeq(String peer, long upTo);

    /** Journals an outgoing reliable message before it is sent. */
    void appendOutbound(String peer, Envelope e, byte[] wire);

    /** Marks outgoing reliable messages with seq ≤ ackSeq as acknowledged by the peer. */
    void ackOutbound(String peer, long ackSeq);

    /** Outgoing reliable messages not yet acknowledged, in seq order, as their wire bytes. */
    List<byte[]> unackedOutbound(String peer, long afterSeq);

    /** Journals an incoming reliable message (and advances the peer's {@code lastIn}) before it is acted on. */
    void appendInbound(String peer, Envelope e, byte[] wire, long receivedMs);

    /** Remembers the last fresh seq seen from the peer, for the strictly-increasing check after a restart. */
    void saveLastFreshIn(String peer, long seq);
}
