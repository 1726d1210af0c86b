package io.vprop.transport;

import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivery rules of docs/protocol.md §5 for one peer, the same on both ends (sidecar per EA, EA/paper terminal
 * towards the sidecar): sequence numbers, the {@code prev} chain of reliable messages, journal-before-send and
 * journal-before-act, cumulative acks, resends and duplicate detection. Not thread-safe: one owner thread.
 */
public final class ReliableChannel {

    /** What to do with an incoming message. */
    public enum Verdict {
        /** New: act on it (a reliable one is already journaled). */
        PROCESS,
        /** A reliable message already journaled: do not act again, just re-ack. */
        DUPLICATE,
        /** A reliable message whose predecessor never arrived: reply {@code error gap}, do not act. */
        GAP,
        /** A fresh message whose seq is not above the previous fresh one: reply {@code error seq_not_increasing}. */
        SEQ_NOT_INCREASING
    }

    /** Sequence numbers are reserved in blocks so that heartbeats and ticks need no journal write. */
    private static final long SEQ_BLOCK = 10_000;

    private final String peer;
    private final ChannelStore store;
    private final ProtocolCodec codec;
    private long nextSeq;
    private long reservedUpTo;
    private long lastOutReliable;
    private long lastIn;
    private long lastFreshIn;
    private long peerAcked;

    public ReliableChannel(String peer, ChannelStore store, ProtocolCodec codec) {
        this.peer = peer;
        this.store = store;
        this.codec = codec;
        ChannelStore.Resume r = store.load(peer);
        this.nextSeq = r.nextSeq();
        this.reservedUpTo = r.nextSeq();
        this.lastOutReliable = r.lastOutReliable();
        this.lastIn = r.lastIn();
        this.lastFreshIn = Math.max(r.lastIn(), r.lastFreshIn());
    }

    public String peer() { return peer; }

    /** Seq of the last reliable message received from the peer and journaled: what our acks carry. */
    public long lastIn() { return lastIn; }

    /** Highest seq of ours the peer has acknowledged (in this run). */
    public long peerAcked() { return peerAcked; }

    /** Seq of the last message {@link #next} encoded (0 before the first): what an ack asked for will echo. */
    public long lastOut() { return nextSeq - 1; }

    /** Encodes {@code payload} as our next message; a reliable one is journaled before this returns. */
    public byte[] next(Payload payload, long nowMs, boolean ackReq) {
        long seq = nextSeq++;
        if (nextSeq > reservedUpTo) {
            reservedUpTo = seq + SEQ_BLOCK;
            store.reserveSeq(peer, reservedUpTo);
        }
        boolean reliable = Envelope.typeOf(payload).reliable;
        Envelope e = new Envelope(Envelope.VERSION, seq, nowMs, reliable ? lastOutReliable : 0, false, ackReq, payload);
        byte[] wire = codec.encode(e);
        if (reliable) {
            store.appendOutbound(peer, e, wire);
            lastOutReliable = seq;
        }
        return wire;
    }

    public byte[] next(Payload payload, long nowMs) { return next(payload, nowMs, false); }

    /** Classifies an incoming decoded message; journals a new reliable one before returning PROCESS. */
    public Verdict accept(Envelope e, byte[] wire, long nowMs) {
        if (!e.resend()) {
            if (e.seq() <= lastFreshIn) return Verdict.SEQ_NOT_INCREASING;
            lastFreshIn = e.seq();
        }
        if (!e.reliable()) return Verdict.PROCESS;
        if (e.seq() <= lastIn) return Verdict.DUPLICATE;
        if (e.prev() > lastIn) return Verdict.GAP;
        store.appendInbound(peer, e, wire, nowMs);
        lastIn = e.seq();
        return Verdict.PROCESS;
    }

    /** The peer acknowledged everything of ours up to {@code ackSeq}. */
    public void onAck(long ackSeq) {
        if (ackSeq > peerAcked) {
            peerAcked = ackSeq;
            store.ackOutbound(peer, ackSeq);
        }
    }

    /** Our unacked reliable messages after {@code ackSeq}, re-encoded with {@code resend: true}, in order. */
    public List<byte[]> resendAfter(long ackSeq) {
        onAck(ackSeq);
        List<byte[]> out = new ArrayList<>();
        for (byte[] wire : store.unackedOutbound(peer, ackSeq)) {
            try {
                out.add(codec.encode(codec.decode(wire).asResend()));
            } catch (ProtocolException ex) {
                throw new IllegalStateException("journal holds an undecodable outbound message for " + peer, ex);
            }
        }
        return out;
    }

    /** Forgets the fresh-seq high-water mark: a peer that restarted without its state starts over. */
    public void resetFreshSeq() { lastFreshIn = lastIn; }
}
