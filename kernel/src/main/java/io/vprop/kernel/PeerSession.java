package io.vprop.kernel;

import io.vprop.strategy.Submission;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Strategy;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.protocol.Payload;
import io.vprop.risk.TerminalView;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.transport.ReliableChannel;
import io.vprop.transport.RoutingId;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Everything the kernel knows about one connected terminal, and what its strategy and the risk engine see of it.
 * Kernel thread only.
 */
final class PeerSession implements StrategyContext, TerminalView {
    final byte[] identity;
    final String key;
    final RoutingId routingId;
    final ReliableChannel channel;
    private final Execution execution;
    private final JournaledEvents journaled;
    private final LongSupplier kernelClock;
    Payload.Hello hello;
    boolean welcomed;
    long lastHeardMs;
    long lastSentMs;
    boolean stale;
    AccountState account;
    Payload.GovernorState governorState;
    Strategy strategy = Strategy.NONE;
    final Map<String, SymbolSpec> specs = new HashMap<>();
    final Map<String, Tick> lastTicks = new HashMap<>();
    /** Symbols whose next tick is taken whatever its time: the terminal said hello again since their last tick. */
    final Set<String> clockReset = new HashSet<>();
    /**
     * The entries sent to this terminal and not answered yet, by signal id: a second entry for the same symbol is
     * refused until the first is answered (RiskEngine's signal.pending). Filled from the journal when the session is
     * made, so a restarted sidecar still waits for the entries it sent before (its channel resends them).
     */
    private final Map<String, Awaiting> awaiting = new LinkedHashMap<>();
    long messagesIn;
    long errorsSent;
    long fills;
    long lastSeqIn;
    long lastFlattenMs;
    /** A fill arrived after the last account snapshot: its positions may be out of date (Execution.enforceFlat). */
    boolean fillSinceAccount;
    /** Calendar releases pushed to this terminal since its last hello, and those its account's governors learnt. */
    final Set<Payload.News> newsSent = new HashSet<>();
    final Set<Payload.News> newsGoverned = new HashSet<>();
    private long peerTsMs;

    PeerSession(byte[] identity, ReliableChannel channel, Execution execution, JournaledEvents journaled,
                LongSupplier kernelClock) {
        this.identity = identity;
        this.key = new String(identity, StandardCharsets.UTF_8);
        this.routingId = RoutingId.fromWire(identity);
        this.channel = channel;
        this.execution = execution;
        this.journaled = journaled;
        this.kernelClock = kernelClock;
    }

    long serverOffsetMs() { return hello == null ? 0 : hello.serverOffsetS() * 1000L; }

    /**
     * The terminal's clock: the newest ts_ms it has sent (heartbeats keep it moving in a quiet market). A replayed or
     * sped-up market (paper terminal) thus gets signal expiries and governor days in its own time, a live EA in real
     * time; it never runs backwards (resends carry old stamps), which the governors require. Before the first
     * message: the kernel's clock.
     */
    @Override public long nowMs() { return peerTsMs == 0 ? kernelClock.getAsLong() : peerTsMs; }

    void heard(long tsMs) {
        if (tsMs > peerTsMs) peerTsMs = tsMs;
    }

    @Override public String peer() { return key; }

    @Override public boolean live() { return welcomed && !stale; }

    @Override public SymbolSpec spec(String symbol) { return specs.get(symbol); }

    @Override public AccountState account() { return account; }

    @Override public Collection<SymbolSpec> specs() { return specs.values(); }

    @Override public void decision(String kind, Object decision) { journaled.decision(key, kind, decision); }

    @Override public double[] headroom() { return execution.headroom(this); }

    @Override public Tick lastTick(String symbol) { return lastTicks.get(symbol); }

    /**
     * An entry for {@code symbol} awaits the terminal's answer. One still unanswered a minute past its expiry no longer
     * counts (as the governors' reservation of it: a lost answer must not block the symbol for good).
     */
    @Override public boolean pending(String symbol) {
        if (awaiting.isEmpty()) return false;
        long now = nowMs();
        boolean pending = false;
        for (var it = awaiting.values().iterator(); it.hasNext(); ) {
            Awaiting a = it.next();
            if (now >= a.untilMs) it.remove();
            else if (a.symbol.equals(symbol)) pending = true;
        }
        return pending;
    }

    /** An entry sent under {@code signalId}, awaited until its answer (or a minute past its expiry, 0 = none). */
    void awaiting(String signalId, String symbol, long expiryMs) {
        long until = expiryMs <= 0 || expiryMs > Long.MAX_VALUE - ANSWER_GRACE_MS ? Long.MAX_VALUE : expiryMs + ANSWER_GRACE_MS;
        awaiting.put(signalId, new Awaiting(symbol, until));
    }

    /** The terminal answered for the signal (executed or rejected). */
    void answered(String signalId) { awaiting.remove(signalId); }

    /** How long after its expiry an unanswered entry is still awaited: the governors' grace for it (InFlight.GRACE_MS). */
    static final long ANSWER_GRACE_MS = 60_000;

    private record Awaiting(String symbol, long untilMs) {
    }

    @Override public Submission submit(OrderIntent order) { return execution.submit(this, order); }
}
