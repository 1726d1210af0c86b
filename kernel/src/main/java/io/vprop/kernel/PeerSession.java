package io.vprop.kernel;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.protocol.Payload;
import io.vprop.transport.ReliableChannel;
import io.vprop.transport.RoutingId;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Everything the kernel knows about one connected terminal. Kernel thread only. */
final class PeerSession implements StrategyContext {
    final byte[] identity;
    final String key;
    final RoutingId routingId;
    final ReliableChannel channel;
    final SidecarKernel kernel;
    Payload.Hello hello;
    boolean welcomed;
    long lastHeardMs;
    long lastSentMs;
    boolean stale;
    Payload.Account account;
    Payload.GovernorState governorState;
    Strategy strategy = Strategy.NONE;
    final Map<String, SymbolSpec> specs = new HashMap<>();
    final Map<String, Tick> lastTicks = new HashMap<>();
    final Set<String> pendingSymbols = new HashSet<>();
    final Map<String, String> pendingBySignal = new HashMap<>();
    long messagesIn;
    long errorsSent;
    long fills;
    long lastSeqIn;
    long lastFlattenMs;
    /** Calendar releases pushed to this terminal since its last hello, and those its account's governors learnt. */
    final Set<Payload.News> newsSent = new HashSet<>();
    final Set<Payload.News> newsGoverned = new HashSet<>();
    private long peerTsMs;

    PeerSession(byte[] identity, ReliableChannel channel, SidecarKernel kernel) {
        this.identity = identity;
        this.key = new String(identity, StandardCharsets.UTF_8);
        this.routingId = RoutingId.fromWire(identity);
        this.channel = channel;
        this.kernel = kernel;
    }

    long serverOffsetMs() { return hello == null ? 0 : hello.serverOffsetS() * 1000L; }

    /**
     * The terminal's clock: the newest ts_ms it has sent (heartbeats keep it moving in a quiet market). A replayed or
     * sped-up market (paper terminal) thus gets signal expiries and governor days in its own time, a live EA in real
     * time; it never runs backwards (resends carry old stamps), which the governors require. Before the first
     * message: the kernel's clock.
     */
    @Override public long nowMs() { return peerTsMs == 0 ? kernel.nowMs() : peerTsMs; }

    void heard(long tsMs) {
        if (tsMs > peerTsMs) peerTsMs = tsMs;
    }

    @Override public String peer() { return key; }

    @Override public SymbolSpec spec(String symbol) { return specs.get(symbol); }

    @Override public Payload.Account account() { return account; }

    @Override public java.util.Collection<SymbolSpec> specs() { return specs.values(); }

    @Override public void decision(String kind, Object decision) { kernel.decision(this, kind, decision); }

    @Override public double[] headroom() { return kernel.headroom(this); }

    @Override public Tick lastTick(String symbol) { return lastTicks.get(symbol); }

    @Override public boolean pending(String symbol) { return pendingSymbols.contains(symbol); }

    @Override public String submit(SignalRequest request) { return kernel.submitSignal(this, request); }
}
