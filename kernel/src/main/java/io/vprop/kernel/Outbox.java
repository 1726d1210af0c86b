package io.vprop.kernel;

import io.vprop.protocol.Payload;
import io.vprop.transport.PeerTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Frames to the terminals. Each session's channel encodes a message (journaling a reliable one first); while a
 * batch's journal transaction is open the frames are held back and leave only once it commits, so nothing is acked
 * or sent on the strength of a write that could still roll back.
 */
final class Outbox {
    private record Frame(byte[] identity, byte[] wire) {
    }

    private final PeerTransport transport;
    private final LongSupplier clock;
    private List<Frame> held; // null outside a batch

    Outbox(PeerTransport transport, LongSupplier clock) {
        this.transport = transport;
        this.clock = clock;
    }

    void send(PeerSession s, Payload p) { send(s, p, false); }

    void send(PeerSession s, Payload p, boolean ackReq) {
        transmit(s, s.channel.next(p, clock.getAsLong(), ackReq));
    }

    /** An already encoded frame (a resend). */
    void transmit(PeerSession s, byte[] wire) {
        if (held != null) held.add(new Frame(s.identity, wire));
        else transport.send(s.identity, wire);
        s.lastSentMs = clock.getAsLong();
    }

    /** From now until {@link #release()}, frames wait (a batch's transaction is open). */
    void hold() { held = new ArrayList<>(); }

    /** Sends what was held, in order. */
    void release() {
        List<Frame> out = held;
        held = null;
        if (out != null) for (Frame f : out) transport.send(f.identity(), f.wire());
    }
}
