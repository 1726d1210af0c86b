package io.vprop.kernel;

import io.vprop.journal.KernelJournal;
import io.vprop.market.Bar;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's journal kept in memory, with the SQLite journal's rules (a fill once per terminal and deal, an
 * executed signal never downgraded by a late accepted), so kernel tests need no database. One thread at a time,
 * as the real one.
 */
final class InMemoryJournal implements KernelJournal {

    /** A signal as the journal's signals table keeps it. */
    record SignalRow(Payload.Signal signal, String peer, String status) {
    }

    private record Outbound(long seq, byte[] wire) {
    }

    private static final class Inbound {
        final String peer;
        final long seq;
        final byte[] wire;
        boolean processed;

        Inbound(String peer, long seq, byte[] wire) {
            this.peer = peer;
            this.seq = seq;
            this.wire = wire;
        }
    }

    private final Map<String, Resume> channels = new HashMap<>();
    private final Map<String, List<Outbound>> unacked = new HashMap<>();
    private final List<Inbound> inbound = new ArrayList<>();
    private final Map<String, SignalRow> signals = new LinkedHashMap<>();
    private final Set<String> fillKeys = new HashSet<>();
    private final List<Payload.Fill> fills = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();
    private record Event(long tsMs, String kind, String json) {
    }

    private final List<Event> events = new ArrayList<>();

    // ------------------------------------------------------------------ ChannelStore

    @Override
    public Resume load(String peer) { return channels.getOrDefault(peer, Resume.FRESH); }

    @Override
    public void reserveSeq(String peer, long upTo) {
        Resume r = load(peer);
        channels.put(peer, new Resume(Math.max(r.nextSeq(), upTo), r.lastOutReliable(), r.lastIn(), r.lastFreshIn()));
    }

    @Override
    public void appendOutbound(String peer, Envelope e, byte[] wire) {
        Resume r = load(peer);
        channels.put(peer, new Resume(Math.max(r.nextSeq(), e.seq() + 1), e.seq(), r.lastIn(), r.lastFreshIn()));
        unacked.computeIfAbsent(peer, p -> new ArrayList<>()).add(new Outbound(e.seq(), wire));
        if (e.payload() instanceof Payload.Signal s) signals.putIfAbsent(s.id(), new SignalRow(s, peer, "sent"));
    }

    @Override
    public void ackOutbound(String peer, long ackSeq) {
        List<Outbound> out = unacked.get(peer);
        if (out != null) out.removeIf(o -> o.seq() <= ackSeq);
    }

    @Override
    public List<byte[]> unackedOutbound(String peer, long afterSeq) {
        List<byte[]> out = new ArrayList<>();
        for (Outbound o : unacked.getOrDefault(peer, List.of())) if (o.seq() > afterSeq) out.add(o.wire());
        return out;
    }

    @Override
    public void appendInbound(String peer, Envelope e, byte[] wire, long receivedMs) {
        Resume r = load(peer);
        channels.put(peer, new Resume(r.nextSeq(), r.lastOutReliable(), Math.max(r.lastIn(), e.seq()), r.lastFreshIn()));
        inbound.add(new Inbound(peer, e.seq(), wire));
    }

    @Override
    public void saveLastFreshIn(String peer, long seq) {
        Resume r = load(peer);
        channels.put(peer, new Resume(r.nextSeq(), r.lastOutReliable(), r.lastIn(), seq));
    }

    // ------------------------------------------------------------------ KernelJournal

    @Override
    public void inTransaction(Runnable body) { body.run(); }

    @Override
    public List<AwaitingSignal> awaitingSignals(String peer) {
        List<AwaitingSignal> out = new ArrayList<>();
        for (SignalRow r : signals.values())
            if (r.peer().equals(peer) && (r.status().equals("sent") || r.status().equals("accepted")))
                out.add(new AwaitingSignal(r.signal().id(), r.signal().kind(), r.signal().symbol(), r.signal().expiryMs()));
        return out;
    }

    @Override
    public List<PendingInbound> unprocessedInbound() {
        List<PendingInbound> out = new ArrayList<>();
        for (Inbound i : inbound) if (!i.processed) out.add(new PendingInbound(i.peer, i.seq, i.wire));
        return out;
    }

    @Override
    public void markProcessed(String peer, long seq) {
        for (Inbound i : inbound) if (i.peer.equals(peer) && i.seq == seq) i.processed = true;
    }

    @Override
    public void updateSignal(Payload.SignalAck ack, long nowMs) {
        SignalRow row = signals.get(ack.signalId());
        if (row == null) return;
        boolean settled = row.status().equals("executed") || row.status().equals("rejected");
        if (settled && ack.status().equals("accepted")) return;
        signals.put(ack.signalId(), new SignalRow(row.signal(), row.peer(), ack.status()));
    }

    @Override
    public boolean recordFill(String peer, Payload.Fill fill, long seq, long receivedMs) {
        if (!fillKeys.add(peer + "#" + fill.deal())) return false;
        fills.add(fill);
        return true;
    }

    @Override
    public void appendBars(List<Bar> bars) { this.bars.addAll(bars); }

    @Override
    public void appendEvent(long tsMs, String kind, String json) { events.add(new Event(tsMs, kind, json)); }

    @Override
    public List<String> eventBodies(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).map(Event::json).toList();
    }

    @Override
    public int pruneEvents(String kind, long beforeMs, int maxRows) {
        List<Event> doomed = events.stream().filter(e -> e.kind().equals(kind) && e.tsMs() < beforeMs)
                .sorted(Comparator.comparingLong(Event::tsMs)).limit(maxRows).toList();
        events.removeAll(doomed);
        return doomed.size();
    }

    @Override
    public long sizeBytes() { return 0; }

    // ------------------------------------------------------------------ what tests look at

    Map<String, SignalRow> signals() { return signals; }

    List<Payload.Fill> fills() { return fills; }

    List<Bar> bars() { return bars; }

    List<String> events(String kind) {
        List<String> out = new ArrayList<>();
        for (Event e : events) if (e.kind().equals(kind)) out.add(e.json());
        return out;
    }
}
