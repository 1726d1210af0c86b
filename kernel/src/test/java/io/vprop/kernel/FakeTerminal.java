package io.vprop.kernel;

import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.transport.InProcessTransport;
import io.vprop.transport.ReliableChannel;
import io.vprop.transport.RoutingId;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A terminal (EA) for kernel tests, on the in-process transport: it speaks the protocol through its own
 * {@link ReliableChannel} (seq, prev chain, journal in memory) and keeps every message the kernel sent it.
 */
final class FakeTerminal {
    static final RoutingId ID = new RoutingId("paper-1", "1001", "EURUSD.M1");
    /** The terminal's broker runs at UTC+2, as the golden vectors' one. */
    static final int SERVER_OFFSET_S = 7_200;

    private final InProcessTransport.Peer link;
    private final ReliableChannel channel;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final LongSupplier clock;
    private final List<Envelope> received = new ArrayList<>();

    FakeTerminal(InProcessTransport transport, RoutingId id, LongSupplier clock) {
        this.link = transport.connect(id);
        this.channel = new ReliableChannel(id.toString(), new InMemoryJournal(), codec);
        this.clock = clock;
    }

    /** The same terminal (its seq chain and unacked messages) on another transport: a sidecar restarted under it. */
    FakeTerminal(InProcessTransport transport, FakeTerminal before) {
        this.link = transport.connect(ID);
        this.channel = before.channel;
        this.clock = before.clock;
    }

    static Payload.Hello hello(long ackSeq) {
        return new Payload.Hello("paper-1", "1001", "Paper", "VProp", "USD", 100, "hedging", SERVER_OFFSET_S, List.of(1),
                ackSeq, "", List.of(new Payload.SymbolInfo("EURUSD", 5, 1e-5, 1e-5, 1.0, 100000, 0.01, 0.01, 50, 0, 0,
                "EUR", "USD", List.of())));
    }

    /** Broker server time of a UTC instant, as the EA stamps ticks, bars and fills. */
    static long serverTime(long utcMs) { return utcMs + SERVER_OFFSET_S * 1000L; }

    /** Sends {@code p} as this terminal's next message; returns its seq. */
    long send(Payload p) { return send(p, false); }

    long send(Payload p, boolean ackReq) {
        byte[] wire = channel.next(p, clock.getAsLong(), ackReq);
        link.send(wire);
        try {
            return codec.decode(wire).seq();
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends bytes as they are (a broken message). */
    void sendRaw(byte[] wire) { link.send(wire); }

    /** Resends every reliable message the kernel has not acked (this fake never reads acks), {@code resend: true}. */
    void resendUnacked() {
        for (byte[] wire : channel.resendAfter(0)) link.send(wire);
    }

    /** Everything the kernel has sent so far, in order (decoded). */
    List<Envelope> received() {
        for (byte[] wire : link.drain()) {
            try {
                received.add(codec.decode(wire));
            } catch (ProtocolException e) {
                throw new AssertionError("the kernel sent an invalid message: " + new String(wire), e);
            }
        }
        return received;
    }

    /** The payloads of one type the kernel has sent, in order. */
    <T extends Payload> List<T> received(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Envelope e : received()) if (type.isInstance(e.payload())) out.add(type.cast(e.payload()));
        return out;
    }

    /** The envelopes whose payload is of {@code type}. */
    List<Envelope> envelopes(Class<? extends Payload> type) {
        List<Envelope> out = new ArrayList<>();
        for (Envelope e : received()) if (type.isInstance(e.payload())) out.add(e);
        return out;
    }

    void disconnect() { link.disconnect(); }
}
