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
    private long peerTsMs;
    private long peerTsWallMs;

    PeerSession(byte[] identity, ReliableChannel channel, SidecarKernel kernel) {
        this.identity = identity;
        this.key = new String(identity, StandardCharsets.UTF_8);
        this.routingId = RoutingId.fromWire(identity);
        this.channel = channel;
        this.kernel = kernel;
    }

    long serverOffsetMs() { return hello == null ? 0 : hello.serverOffsetS() * 1000L; }

    /** The terminal's clock: its last message's ts_ms, advanced by the wall time since — so a replayed or sped-up
     *  market (paper terminal) gets signal expiries in its own time, and a live EA in real time. */
    @Override public long nowMs() {
        long wall = kernel.nowMs();
        return peerTsMs == 0 ? wall : peerTsMs + (wall - peerTsWallMs);
    }

    void heard(long tsMs, long wallMs) {
        peerTsMs = tsMs;
        peerTsWallMs = wallMs;
    }

    @Override public String peer() { return key; }

    @Override public SymbolSpec spec(String symbol) { return specs.get(symbol); }

    @Override public Payload.Account account() { return account; }

    @Override public Tick lastTick(String symbol) { return lastTicks.get(symbol); }

    @Override public boolean pending(String symbol) { return pendingSymbols.contains(symbol); }

    @Override public String submit(SignalRequest request) { return kernel.submitSignal(this, request); }
}
