package io.vprop.paper;

import io.vprop.journal.Journal;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.ErrorCode;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.transport.Dealer;
import io.vprop.transport.ReliableChannel;
import io.vprop.transport.RoutingId;
import io.vprop.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The terminal's side of protocol v1, as the MT5 EA implements it: hello until welcomed, resend of unacked
 * reliable messages, acks, heartbeats, staleness of the sidecar, journal-before-send and journal-before-act
 * (its own SQLite file, so it survives a sidecar crash and its own). Used by the paper terminal and by tests and
 * benchmarks that need a real EA-like peer. Single-threaded.
 */
public final class TerminalLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TerminalLink.class);
    static final String SIDECAR = "sidecar";
    private static final long HELLO_RETRY_MS = 1_000;
    private static final long RECONNECT_MS = 3_000;

    /** What the terminal does with what the sidecar sends. */
    public interface Handler {
        /** A new (journaled, never processed) signal. */
        void onSignal(Payload.Signal signal);

        default void onWelcome(Payload.Welcome welcome) { }

        default void onAck(Payload.Ack ack, long receivedNanos) { }

        /** A calendar release pushed by the sidecar (not reliable: pushed again after every welcome). */
        default void onNews(Payload.News news) { }

        /** A trader's control (journaled, never processed): applied once per id, answered with a control_ack. */
        default void onControl(Payload.Control control) { }
    }

    private Dealer dealer;
    private final String zmqImpl;
    private final String endpoint;
    private final RoutingId id;
    private long unwelcomedSinceWallMs;
    private final Journal journal;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ReliableChannel channel;
    private final Supplier<Payload.Hello> hello;
    private final Handler handler;
    private final LongSupplier clock;
    private final LongSupplier wallClock;
    private boolean welcomed;
    private long lastHelloWallMs = Long.MIN_VALUE / 2; // "long ago", without overflow in (now - last)
    private long lastHeardWallMs;
    private long lastSentWallMs;
    private int heartbeatMs = 1_000;
    private int staleMs = 5_000;
    private String sidecarSession = "";
    private long welcomes;
    private long errorsReceived;

    /**
     * @param clock     the terminal's clock for message timestamps (market time in a replay)
     * @param wallClock real time, for heartbeats and staleness
     */
    public TerminalLink(String endpoint, RoutingId id, Journal journal, Supplier<Payload.Hello> hello, Handler handler,
                        LongSupplier clock, LongSupplier wallClock) {
        this(Transports.configured(), endpoint, id, journal, hello, handler, clock, wallClock);
    }

    /** @param zmqImpl the ZeroMQ implementation of the DEALER ({@code jeromq} or {@code libzmq}, see {@link Transports}) */
    public TerminalLink(String zmqImpl, String endpoint, RoutingId id, Journal journal, Supplier<Payload.Hello> hello,
                        Handler handler, LongSupplier clock, LongSupplier wallClock) {
        this.zmqImpl = zmqImpl;
        this.endpoint = endpoint;
        this.id = id;
        this.dealer = Transports.dealer(zmqImpl, endpoint, id);
        this.journal = journal;
        this.channel = new ReliableChannel(SIDECAR, journal, codec);
        this.hello = hello;
        this.handler = handler;
        this.clock = clock;
        this.wallClock = wallClock;
        this.lastHeardWallMs = wallClock.getAsLong();
    }

    public boolean welcomed() { return welcomed; }

    /** True when the sidecar has been silent longer than its stale limit: the fail-safe blocks new entries. */
    public boolean sidecarStale() { return wallClock.getAsLong() - lastHeardWallMs > staleMs; }

    public String sidecarSession() { return sidecarSession; }

    public long welcomes() { return welcomes; }

    public long errorsReceived() { return errorsReceived; }

    /** Seq of the last reliable sidecar message this terminal journaled. */
    public long lastIn() { return channel.lastIn(); }

    /** Handles everything that arrived (waiting up to {@code timeoutMs} for the first) and runs the timers. */
    public void poll(long timeoutMs) {
        byte[] m = dealer.receive(timeoutMs);
        while (m != null) {
            onMessage(m, System.nanoTime());
            m = dealer.poll();
        }
        timers();
    }

    /** Sends a non-reliable message (tick, bar, governor_state); dropped while not welcomed — it would be stale. */
    public long sendFresh(Payload p, boolean ackReq) {
        if (!welcomed) return 0;
        byte[] wire = channel.next(p, clock.getAsLong(), ackReq);
        transmit(wire);
        return ackReq ? channel.lastOut() : 0;
    }

    /** Journals and sends a reliable message (account, fill, signal_ack); kept for resend until acked. */
    public void sendReliable(Payload p) { sendReliable(p, false); }

    /**
     * As above; with {@code ackReq} the sidecar's ack echoes its seq once it has acted on it (returned here, 0 when not
     * welcomed), so a lockstep replay can wait for what the message made the sidecar do.
     */
    public long sendReliable(Payload p, boolean ackReq) {
        byte[] wire = channel.next(p, clock.getAsLong(), ackReq);
        if (!welcomed) return 0;
        transmit(wire);
        return ackReq ? channel.lastOut() : 0;
    }

    private void transmit(byte[] wire) {
        dealer.send(wire);
        lastSentWallMs = wallClock.getAsLong();
    }

    private void sayHello() {
        Payload.Hello h = hello.get();
        h = new Payload.Hello(h.terminal(), h.account(), h.server(), h.company(), h.currency(), h.leverage(), h.marginMode(),
                h.serverOffsetS(), h.versions(), channel.lastIn(), h.firmProfile(), h.symbols());
        transmit(channel.next(h, clock.getAsLong()));
        lastHelloWallMs = wallClock.getAsLong();
    }

    private void timers() {
        long wall = wallClock.getAsLong();
        if (!welcomed) {
            if (unwelcomedSinceWallMs == 0) unwelcomedSinceWallMs = wall;
            // A connection that has not carried a single hello to a welcome for a while is rebuilt (as the EA does
            // with its backoff): seen under load, a DEALER whose TCP handshake never completed stayed silent.
            if (wall - unwelcomedSinceWallMs >= RECONNECT_MS) {
                log.info("no welcome from {} for {} ms: reconnecting", endpoint, wall - unwelcomedSinceWallMs);
                dealer.close();
                dealer = Transports.dealer(zmqImpl, endpoint, id);
                unwelcomedSinceWallMs = wall;
            }
            if (wall - lastHelloWallMs >= HELLO_RETRY_MS) sayHello();
            return;
        }
        unwelcomedSinceWallMs = 0;
        if (wall - lastSentWallMs >= heartbeatMs) transmit(channel.next(new Payload.Heartbeat(), clock.getAsLong()));
        // A sidecar silent for long may have restarted without us noticing (no message of ours reached it yet):
        // saying hello again is harmless and re-synchronizes both journals.
        if (sidecarStale() && wall - lastHelloWallMs >= 2_000) sayHello();
    }

    private void onMessage(byte[] wire, long receivedNanos) {
        lastHeardWallMs = wallClock.getAsLong();
        Envelope e;
        try {
            e = codec.decode(wire);
        } catch (ProtocolException ex) {
            log.warn("bad message from the sidecar: {}", ex.getMessage());
            transmit(channel.next(ProtocolCodec.errorFor(ex), clock.getAsLong()));
            return;
        }
        Payload p = e.payload();
        if (p instanceof Payload.Welcome w) {
            welcomed = true;
            welcomes++;
            heartbeatMs = w.heartbeatMs();
            staleMs = w.staleMs();
            sidecarSession = w.session();
            int n = 0;
            for (byte[] m : channel.resendAfter(w.ackSeq())) {
                transmit(m);
                n++;
            }
            if (n > 0) log.info("welcomed by sidecar {}: resent {} unacked message(s)", w.session(), n);
            handler.onWelcome(w);
            return;
        }
        if (p instanceof Payload.Error er) {
            errorsReceived++;
            if (ErrorCode.HELLO_REQUIRED.wire().equals(er.code())) {
                if (welcomed) log.info("sidecar restarted ({}): saying hello again", er.message());
                welcomed = false;
                // Every message sent before the sidecar's restart is answered with hello_required: one hello per
                // retry period is enough, or each answer would trigger a hello, a welcome and a full resend.
                if (wallClock.getAsLong() - lastHelloWallMs >= HELLO_RETRY_MS) sayHello();
            } else if (ErrorCode.GAP.wire().equals(er.code())) {
                for (byte[] m : channel.resendAfter(channel.peerAcked())) transmit(m);
            } else {
                log.warn("sidecar rejected our seq {}: {} {}", er.refSeq(), er.code(), er.message());
            }
            return;
        }
        switch (channel.accept(e, wire, clock.getAsLong())) {
            case PROCESS -> {
                if (p instanceof Payload.Ack a) {
                    channel.onAck(a.ackSeq());
                    handler.onAck(a, receivedNanos);
                } else if (p instanceof Payload.News n) {
                    handler.onNews(n);
                } else if (p instanceof Payload.Signal s) {
                    handler.onSignal(s);
                    journal.markProcessed(SIDECAR, e.seq());
                    transmit(channel.next(new Payload.Ack(channel.lastIn(), 0), clock.getAsLong()));
                } else if (p instanceof Payload.Control c) {
                    handler.onControl(c);
                    journal.markProcessed(SIDECAR, e.seq());
                    transmit(channel.next(new Payload.Ack(channel.lastIn(), 0), clock.getAsLong()));
                }
            }
            case DUPLICATE -> transmit(channel.next(new Payload.Ack(channel.lastIn(), 0), clock.getAsLong()));
            case GAP -> transmit(channel.next(new Payload.Error(ErrorCode.GAP.wire(), "missing reliable messages before "
                    + e.seq(), "prev", e.seq()), clock.getAsLong()));
            case SEQ_NOT_INCREASING -> log.debug("stale message {} from the sidecar ignored", e.seq());
        }
    }

    /**
     * Acts on the signals journaled before a crash of this terminal but never acted on, each marked processed only
     * after {@code act} returns: a crash in between leaves it for the next start (acting is idempotent by signal id),
     * where marking it first would lose it — acked to the sidecar, never executed.
     */
    public void recoverSignals(java.util.function.Consumer<Payload.Signal> act) {
        recover(act, c -> { });
    }

    /** As {@link #recoverSignals}, controls included (each idempotent by id too). */
    public void recover(java.util.function.Consumer<Payload.Signal> act, java.util.function.Consumer<Payload.Control> control) {
        for (Journal.PendingInbound p : journal.unprocessedInbound()) {
            try {
                Payload m = codec.decode(p.wire()).payload();
                if (m instanceof Payload.Signal s) act.accept(s);
                else if (m instanceof Payload.Control c) control.accept(c);
            } catch (ProtocolException ex) {
                log.error("journaled signal {} no longer decodes: {}", p.seq(), ex.getMessage());
            }
            journal.markProcessed(p.peer(), p.seq());
        }
    }

    @Override
    public void close() { dealer.close(); }
}
