package io.vprop.kernel;

import io.vprop.strategy.Strategy;
import io.vprop.journal.KernelJournal;
import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.ErrorCode;
import io.vprop.protocol.MessageType;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.protocol.ProtocolException;
import io.vprop.protocol.TradeMessages;
import io.vprop.trade.OrderKind;
import io.vprop.transport.PeerTransport;
import io.vprop.transport.ReliableChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Protocol v1 (docs/protocol.md) with every terminal: one {@link PeerSession} per routing id, hello/welcome,
 * decode → validate → journal → act → ack, duplicates, gaps, errors, heartbeats and staleness. What a message means
 * leaves here as domain types: market data to the terminal's {@link Strategy}, trade events to {@link Execution}.
 * Kernel thread only.
 */
final class ProtocolMachine {
    private static final Logger log = LoggerFactory.getLogger(ProtocolMachine.class);
    /** Messages journaled in one transaction at most (group commit). */
    private static final int BATCH = 512;

    private final SidecarKernel.Config config;
    private final String session;
    private final KernelJournal journal;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final PeerTransport transport;
    private final Outbox outbox;
    private final Execution execution;
    private final JournaledEvents journaled;
    private final Function<String, Strategy> strategies;
    private final StatusPublisher status;
    private final EventBus events;
    private final LongSupplier clock;
    private final Map<String, PeerSession> peers;
    private final Controls controls;

    ProtocolMachine(SidecarKernel.Config config, String session, KernelJournal journal, PeerTransport transport,
                    Outbox outbox, Execution execution, JournaledEvents journaled, Function<String, Strategy> strategies,
                    StatusPublisher status, EventBus events, LongSupplier clock, Map<String, PeerSession> peers,
                    Controls controls) {
        this.config = config;
        this.session = session;
        this.journal = journal;
        this.transport = transport;
        this.outbox = outbox;
        this.execution = execution;
        this.journaled = journaled;
        this.strategies = strategies;
        this.status = status;
        this.events = events;
        this.clock = clock;
        this.peers = peers;
        this.controls = controls;
    }

    /** Finishes what a crash interrupted: reliable messages journaled but not acted on. */
    void recover() {
        List<KernelJournal.PendingInbound> pending = journal.unprocessedInbound();
        if (!pending.isEmpty()) log.info("recovering {} journaled message(s) not yet acted on", pending.size());
        for (KernelJournal.PendingInbound p : pending) {
            PeerSession s = session(p.peer().getBytes(StandardCharsets.UTF_8));
            try {
                apply(s, codec.decode(p.wire()));
            } catch (ProtocolException e) {
                log.error("journaled message {}#{} no longer decodes ({}); skipped", p.peer(), p.seq(), e.getMessage());
            }
            journal.markProcessed(p.peer(), p.seq());
        }
    }

    /**
     * Group commit: everything that has arrived (up to a bound) is journaled in one transaction, and what it makes us
     * send — acks, signals — leaves only after that transaction commits. One commit per batch instead of per message
     * keeps a burst of resends fast without weakening "journaled before acked".
     */
    void processBatch() {
        PeerTransport.Inbound first = transport.poll();
        if (first == null) return;
        outbox.hold();
        try {
            journal.inTransaction(() -> {
                onMessage(first.identity(), first.payload());
                PeerTransport.Inbound in;
                int n = 1;
                while (n++ < BATCH && (in = transport.poll()) != null) onMessage(in.identity(), in.payload());
            });
        } finally {
            outbox.release();
        }
    }

    /** Housekeeping for one welcomed terminal: a heartbeat when we have been quiet, and staleness when it has. */
    void keepAlive(PeerSession s, long now) {
        if (now - s.lastSentMs >= config.heartbeatMs()) outbox.send(s, new Payload.Heartbeat());
        if (!s.stale && now - s.lastHeardMs > config.staleMs()) {
            s.stale = true;
            log.warn("terminal {} is stale: silent for {} ms", s.key, now - s.lastHeardMs);
            events.publish("peer", now, Map.of("id", s.key, "state", "stale"));
        }
    }

    /** Lets every terminal's strategy go (the kernel is stopping). */
    void stopStrategies() {
        for (PeerSession s : peers.values()) {
            try {
                s.strategy.stop(s);
            } catch (RuntimeException e) {
                log.warn("strategy of {} failed to stop: {}", s.key, e.toString());
            }
        }
    }

    private PeerSession session(byte[] identity) {
        String key = new String(identity, StandardCharsets.UTF_8);
        PeerSession s = peers.get(key);
        if (s == null) {
            s = new PeerSession(identity, new ReliableChannel(key, journal, codec), execution, journaled, clock);
            // the entries a sidecar before this one sent and the terminal has not answered: resent, still awaited
            for (KernelJournal.AwaitingSignal a : journal.awaitingSignals(key))
                if (OrderKind.OPEN.wire().equals(a.kind())) s.awaiting(a.id(), a.symbol(), a.expiryMs());
            peers.put(key, s);
        }
        return s;
    }

    // ------------------------------------------------------------------ inbound

    private void onMessage(byte[] identity, byte[] payload) {
        long now = clock.getAsLong();
        PeerSession s = session(identity);
        s.lastHeardMs = now;
        if (s.stale) {
            s.stale = false;
            log.info("terminal {} is live again", s.key);
            events.publish("peer", now, Map.of("id", s.key, "state", "live"));
        }
        Envelope e;
        try {
            e = codec.decode(payload);
        } catch (ProtocolException ex) {
            reject(s, ex);
            return;
        }
        s.messagesIn++;
        s.lastSeqIn = e.seq();
        s.heard(e.tsMs());
        status.messageIn(e.type());
        if (e.type() == MessageType.HELLO) {
            onHello(s, e);
            return;
        }
        if (!s.welcomed) {
            reject(s, new ProtocolException(ErrorCode.HELLO_REQUIRED, null,
                    "say hello first: this sidecar session (" + session + ") has not seen a hello from " + s.key, e.seq()));
            return;
        }
        switch (s.channel.accept(e, payload, now)) {
            case SEQ_NOT_INCREASING -> reject(s, new ProtocolException(ErrorCode.SEQ_NOT_INCREASING, "seq",
                    "seq " + e.seq() + " is not above the previous fresh seq", e.seq()));
            case GAP -> {
                reject(s, new ProtocolException(ErrorCode.GAP, "prev", "prev " + e.prev() + " is ahead of the last journaled "
                        + s.channel.lastIn() + ": resend from there", e.seq()));
                sendAck(s, 0);
            }
            case DUPLICATE -> sendAck(s, e.ackReq() ? e.seq() : 0);
            case PROCESS -> {
                if (e.reliable()) {
                    apply(s, e);
                    journal.markProcessed(s.key, e.seq());
                    sendAck(s, e.ackReq() ? e.seq() : 0);
                } else {
                    onFresh(s, e);
                    if (e.ackReq()) sendAck(s, e.seq());
                }
            }
        }
    }

    private void onHello(PeerSession s, Envelope e) {
        Payload.Hello h = (Payload.Hello) e.payload();
        if (!h.versions().contains(Envelope.VERSION)) {
            reject(s, new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "versions",
                    "no common protocol version: terminal speaks " + h.versions() + ", sidecar speaks [1]", e.seq()));
            return;
        }
        boolean first = s.hello == null;
        s.hello = h;
        // A hello starts the terminal's clock afresh: a restarted EA (or one whose broker moved its server time) must
        // not be held to the tick times of its previous life. The last quotes stay (for the panel and the risk checks);
        // only the next tick of each symbol is taken whatever its time.
        s.clockReset.addAll(s.lastTicks.keySet());
        s.welcomed = true;
        s.channel.resetFreshSeq();
        s.newsSent.clear(); // a (re-)hello may come from a restarted EA that forgot them: push them again
        s.specs.clear();
        for (Payload.SymbolInfo i : h.symbols())
            s.specs.put(i.symbol(), new SymbolSpec(i.symbol(), i.digits(), i.point(), i.tickSize(), i.tickValue(),
                    i.contractSize(), i.volumeMin(), i.volumeStep(), i.volumeMax(), i.stopsLevel(), i.freezeLevel(),
                    i.baseCurrency(), i.profitCurrency()));
        if (first || s.strategy == Strategy.NONE) {
            s.strategy = strategies.apply(s.key);
            s.strategy.start(s);
        } else {
            for (SymbolSpec spec : s.specs.values()) s.strategy.onSymbolSpec(spec, s); // the hello's values restart
        }
        outbox.send(s, new Payload.Welcome(Envelope.VERSION, session, s.channel.lastIn(), config.heartbeatMs(), config.staleMs(),
                h.firmProfile().isEmpty() ? config.firmProfile() : h.firmProfile(), config.version()));
        List<byte[]> resend = s.channel.resendAfter(h.ackSeq());
        for (byte[] m : resend) outbox.transmit(s, m);
        log.info("hello from {} (account {}, {} symbols, {}); resent {} unacked signal(s)", s.key, h.account(),
                h.symbols().size(), h.marginMode(), resend.size());
        events.publish("peer", clock.getAsLong(), Map.of("id", s.key, "state", "welcomed", "account", h.account()));
    }

    /** Non-reliable messages: market data, state reports, acks, errors. */
    private void onFresh(PeerSession s, Envelope e) {
        Payload p = e.payload();
        if (p instanceof Payload.Tick t) onTick(s, e, t);
        else if (p instanceof Payload.Bar b) onBar(s, b);
        else if (p instanceof Payload.SymbolUpdate u) onSymbolUpdate(s, e, u);
        else if (p instanceof Payload.Ack a) s.channel.onAck(a.ackSeq());
        else if (p instanceof Payload.Heartbeat) { /* liveness already noted */ }
        else if (p instanceof Payload.GovernorState g) {
            s.governorState = g;
            events.publish("governor_state", clock.getAsLong(), Map.of("peer", s.key, "state", g));
        } else if (p instanceof Payload.Error er) {
            log.warn("terminal {} reports error {} on our seq {}: {}", s.key, er.code(), er.refSeq(), er.message());
            if (ErrorCode.GAP.wire().equals(er.code())) for (byte[] m : s.channel.resendAfter(s.channel.peerAcked())) outbox.transmit(s, m);
        } else if (p instanceof Payload.Book) { /* depth is optional; not used by the built-in strategies yet */ }
        else reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "type",
                    e.type().wire + " is sent by the sidecar, not to it", e.seq()));
    }

    private void onTick(PeerSession s, Envelope e, Payload.Tick t) {
        Tick tick = TradeMessages.toTick(t, s.serverOffsetMs());
        long ahead = tick.timeMs() - clock.getAsLong();
        if (config.maxTickAheadMs() > 0 && ahead > config.maxTickAheadMs()) {
            // Taken, this tick would become the symbol's clock and every real tick after it would be "backwards".
            reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "time_msc", String.format(java.util.Locale.ROOT,
                    "time_msc of %s is %,d s ahead of the sidecar's clock (bound feed.max.ahead.ms = %,d ms): check the "
                            + "terminal's clock and its hello's server_offset_s", t.symbol(), ahead / 1000, config.maxTickAheadMs()),
                    e.seq()));
            return;
        }
        Tick last = s.lastTicks.get(t.symbol());
        boolean afresh = !s.clockReset.isEmpty() && s.clockReset.remove(t.symbol());
        if (last != null && !afresh && tick.timeMs() < last.timeMs()) {
            reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "time_msc", "time_msc goes backwards for " + t.symbol()
                    + ": " + t.timeMsc() + " after " + (last.timeMs() + s.serverOffsetMs()), e.seq()));
            return;
        }
        s.lastTicks.put(t.symbol(), tick);
        s.strategy.onTick(tick, s);
    }

    /**
     * The broker's tick value now (docs/protocol.md §4c): the session's spec of the symbol is replaced, so the risk
     * engine and the strategy value it at the live rate from the next event on; the governors re-value the account's
     * open positions and resting orders in it now (else they would wait for the next snapshot).
     */
    private void onSymbolUpdate(PeerSession s, Envelope e, Payload.SymbolUpdate u) {
        SymbolSpec spec = s.specs.get(u.symbol());
        if (spec == null) {
            reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "symbol", "symbol: " + u.symbol()
                    + " is not one of this terminal's hello symbols " + s.specs.keySet(), e.seq()));
            return;
        }
        if (spec.tickValue() == u.tickValue()) return;
        SymbolSpec updated = spec.withTickValue(u.tickValue());
        s.specs.put(u.symbol(), updated);
        execution.onSymbolSpec(s, u.symbol());
        s.strategy.onSymbolSpec(updated, s);
    }

    private void onBar(PeerSession s, Payload.Bar b) {
        Bar bar = TradeMessages.toBar(b, s.serverOffsetMs());
        journal.appendBars(List.of(bar)); // the bar history is the journal's, so a replay can be audited
        s.strategy.onBar(bar, s);
    }

    /**
     * Acts on a journaled reliable message: its business record in the journal, then its meaning to
     * {@link Execution}, then the event for the panel. Idempotent: also used to finish recovery after a crash.
     */
    private void apply(PeerSession s, Envelope e) {
        long now = clock.getAsLong();
        Payload p = e.payload();
        if (p instanceof Payload.Account a) {
            execution.onAccount(s, TradeMessages.toAccount(a, s.serverOffsetMs()));
            events.publish("account", now, Map.of("peer", s.key, "account", a));
        } else if (p instanceof Payload.SignalAck a) {
            journal.updateSignal(a, now);
            execution.onOrderUpdate(s, TradeMessages.toOrderUpdate(a));
            events.publish("signal_ack", now, Map.of("peer", s.key, "ack", a));
        } else if (p instanceof Payload.Order o) {
            execution.onPendingOrder(s, o.state(), TradeMessages.toPendingOrder(o, s.serverOffsetMs()));
            events.publish("order", now, Map.of("peer", s.key, "order", o));
        } else if (p instanceof Payload.Fill f) {
            if (journal.recordFill(s.key, f, e.seq(), now)) { // once per (terminal, deal), whatever the resends
                execution.onFill(s, TradeMessages.toFill(f, s.serverOffsetMs()));
                events.publish("fill", now, Map.of("peer", s.key, "fill", f));
            }
        } else if (p instanceof Payload.ControlAck a) {
            controls.onAck(s, a);
        } else if (p instanceof Payload.Balance b) {
            // journaled as a message already (before this); listed with the events, never with the fills (not a trade)
            journaled.balance(s.key, b, now);
            execution.onBalance(s, b.kind(), b.amount(), b.deal(), b.comment());
        } else if (p instanceof Payload.FirmState f) {
            journaled.firmState(s.key, now, f);
            execution.onFirmState(s, f);
        } else {
            reject(s, new ProtocolException(ErrorCode.OUT_OF_RANGE, "type", e.type().wire + " is sent by the sidecar, not to it", e.seq()));
        }
    }

    // ------------------------------------------------------------------ outbound

    private void sendAck(PeerSession s, long echoSeq) {
        outbox.send(s, new Payload.Ack(s.channel.lastIn(), echoSeq));
    }

    private void reject(PeerSession s, ProtocolException ex) {
        status.protocolError(ex.code().wire());
        s.errorsSent++;
        log.warn("protocol error from {}: {} ({}) seq {}", s.key, ex.code().wire(), ex.getMessage(), ex.refSeq());
        outbox.send(s, ProtocolCodec.errorFor(ex));
    }
}
