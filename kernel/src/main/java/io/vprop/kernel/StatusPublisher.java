package io.vprop.kernel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vprop.journal.KernelJournal;
import io.vprop.market.Tick;
import io.vprop.protocol.MessageType;
import io.vprop.protocol.Payload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's counters (Micrometer and its own) and the {@link KernelStatus} other threads read: counted on the
 * kernel thread as messages pass, rebuilt into an immutable picture a few times a second.
 */
final class StatusPublisher {
    private final MeterRegistry metrics;
    private final KernelJournal journal;
    private final String session;
    private final String endpoint;
    private final Map<String, Long> typeCounts = new LinkedHashMap<>();
    private final Map<String, Counter> inCounters = new HashMap<>();
    private final Map<String, Counter> errorCounters = new HashMap<>();
    private Map<String, Long> ratesBase = Map.of();
    private long ratesBaseMs;
    private long protocolErrors;
    private long signalsSent;
    private long fillsRecorded;
    private volatile KernelStatus status;

    StatusPublisher(MeterRegistry metrics, KernelJournal journal, String session, String endpoint,
                    Map<String, PeerSession> peers, long nowMs) {
        this.metrics = metrics;
        this.journal = journal;
        this.session = session;
        this.endpoint = endpoint;
        metrics.gauge("vprop_peers_connected", peers, p -> p.values().stream().filter(s -> s.welcomed && !s.stale).count());
        metrics.gauge("vprop_journal_bytes", journal, KernelJournal::sizeBytes);
        this.status = build(nowMs, List.of());
    }

    KernelStatus status() { return status; }

    void messageIn(MessageType t) {
        typeCounts.merge(t.wire, 1L, Long::sum);
        inCounters.computeIfAbsent(t.wire, w -> Counter.builder("vprop_messages_in").tag("type", w).register(metrics)).increment();
    }

    void protocolError(String code) {
        protocolErrors++;
        errorCounters.computeIfAbsent(code, c -> Counter.builder("vprop_protocol_errors").tag("code", c).register(metrics)).increment();
    }

    void signalSent() { signalsSent++; }

    void fillRecorded() { fillsRecorded++; }

    long fillsRecorded() { return fillsRecorded; }

    /** Rebuilds the status from the sessions (kernel thread). */
    void publish(long now, Collection<PeerSession> sessions) { status = build(now, sessions); }

    private KernelStatus build(long now, Collection<PeerSession> sessions) {
        List<KernelStatus.Peer> ps = new ArrayList<>();
        List<KernelStatus.SymbolQuote> quotes = new ArrayList<>();
        for (PeerSession s : sessions) {
            if (s.hello == null && !s.welcomed) continue;
            Payload.Hello h = s.hello;
            ps.add(new KernelStatus.Peer(s.key, s.routingId.terminal(), h == null ? s.routingId.account() : h.account(),
                    s.routingId.chart(), h == null ? "" : h.server(), h == null ? "" : h.currency(),
                    h == null ? "" : h.marginMode(), s.welcomed, !s.live(), s.lastHeardMs, s.lastSeqIn,
                    s.messagesIn, s.errorsSent, s.fills, s.account == null ? null : s.account.balance(),
                    s.account == null ? null : s.account.equity(), s.account == null ? 0 : s.account.positions().size(),
                    s.governorState == null ? "" : s.governorState.mode()));
            for (Tick t : s.lastTicks.values())
                quotes.add(new KernelStatus.SymbolQuote(s.key, t.symbol(), t.bid(), t.ask(), t.timeMs()));
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        double dt = (now - ratesBaseMs) / 1000.0;
        if (dt >= 1.0) {
            for (Map.Entry<String, Long> c : typeCounts.entrySet())
                rates.put(c.getKey(), (c.getValue() - ratesBase.getOrDefault(c.getKey(), 0L)) / dt);
            ratesBase = new HashMap<>(typeCounts);
            ratesBaseMs = now;
        } else if (status != null) {
            rates.putAll(status.messageRates());
        }
        return new KernelStatus(now, session, endpoint, List.copyOf(ps), List.copyOf(quotes), rates, Map.copyOf(typeCounts),
                protocolErrors, signalsSent, fillsRecorded, journal.sizeBytes());
    }
}
