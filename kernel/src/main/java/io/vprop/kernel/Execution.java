package io.vprop.kernel;

import io.vprop.strategy.Submission;
import io.vprop.governors.outcome.Action;
import io.vprop.market.Tick;
import io.vprop.protocol.Payload;
import io.vprop.protocol.TradeMessages;
import io.vprop.governors.attach.AttachState;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.PreTradeVerdict;
import io.vprop.risk.RiskEngine;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.PendingOrder;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The execution path. Out: an order from a strategy, an operator (REST) or the governors' flattening → the risk
 * engine → a signal id → journaled and sent to the terminal. Back: the terminal's account snapshots, order updates
 * and fills (already journaled by the protocol machine, as domain types) → the account's governors → the strategy.
 * Kernel thread only.
 */
final class Execution {
    private final RiskEngine risk;
    private final AccountGovernors governors; // null: run without the firm's rules
    private final long signalTtlMs;
    private final Outbox outbox;
    private final EventBus events;
    private final JournaledEvents journaled;
    private final StatusPublisher status;
    private final LongSupplier clock;
    private long signalCounter;
    private Controls controls; // set once by the kernel: the trader's pause holds entries here too

    Execution(RiskEngine risk, AccountGovernors governors, long signalTtlMs, Outbox outbox, EventBus events,
              JournaledEvents journaled, StatusPublisher status, LongSupplier clock) {
        this.risk = risk;
        this.governors = governors;
        this.signalTtlMs = signalTtlMs;
        this.outbox = outbox;
        this.events = events;
        this.journaled = journaled;
        this.status = status;
        this.clock = clock;
    }

    void controls(Controls c) { this.controls = c; }

    // ------------------------------------------------------------------ out: order → risk → journal → terminal

    /** Risk-checks an order; when it passes, gives it a signal id, journals it and sends it to the terminal. */
    Submission submit(PeerSession s, OrderIntent order) {
        long now = s.nowMs();
        PreTradeVerdict v = order.opens() && controls != null && controls.paused(s.key) ? pausedByTrader(s) : risk.check(order, s);
        if (!v.allowed()) {
            events.publish("signal_refused", now, Map.of("peer", s.key, "symbol", order.symbol(), "side", order.side().wire(),
                    "rule", v.rule(), "reason", v.reason(), "alpha", order.alpha()));
            return Submission.refused(s.key, v.rule(), v.reason());
        }
        String id = s.routingId.account() + "-" + Long.toString(now, 36) + "-" + ++signalCounter;
        Payload.Signal signal = TradeMessages.toSignal(id, order);
        // In flight: the next order is judged with this one's worst case, before any snapshot shows it. Reserved (and
        // the governors' state saved with it) before the signal is journaled: after a crash between the two the
        // reservation of a signal never sent lapses at its expiry, where the other order would leave a journaled
        // signal, resent after the restart, that the governors do not count.
        if (order.opens() && governors != null) governors.onSignalSent(s, id, order);
        outbox.send(s, signal); // the channel journals it (outbound + signals table) before it leaves
        status.signalSent();
        if (order.opens()) s.awaiting(id, order.symbol(), order.expiryMs());
        events.publish("signal", now, Map.of("peer", s.key, "signal", signal));
        return Submission.sentAs(id, s.key);
    }

    /** The trader paused entries (a control): strategies and manual orders alike are refused; closes pass. */
    private PreTradeVerdict pausedByTrader(PeerSession s) {
        Map<String, Object> c = controls.pause(s.key);
        return PreTradeVerdict.deny(Controls.PAUSED, "new entries are paused by the trader (control " + c.get("id")
                + ", " + c.get("by") + "): " + c.get("reason") + " — resume to trade again");
    }

    /** An operator's trade (REST), with the price defaulting to the terminal's latest quote. */
    Submission submitManual(PeerSession s, String symbol, Side side, double lots, double price, double sl, double tp1,
                            double tp2, double maxDeviation, long expirySeconds, String reason) {
        Tick t = s.lastTicks.get(symbol);
        double px = price > 0 ? price : t == null ? 0 : side == Side.BUY ? t.ask() : t.bid();
        return submit(s, OrderIntent.open(symbol, side, lots, px, maxDeviation, sl, tp1, tp2,
                s.nowMs() + expirySeconds * 1000, "manual", "", 1.0, reason));
    }

    // ------------------------------------------------------------------ back: the terminal's trade events

    void onAccount(PeerSession s, AccountState a) {
        s.account = a;
        s.fillSinceAccount = false;
        if (governors != null)
            notify(s, governors.onAccount(s.key, s.nowMs(), a, s.hello == null ? "USD" : s.hello.currency(), s.specs::get));
        s.strategy.onAccount(a, s);
    }

    void onOrderUpdate(PeerSession s, OrderUpdate u) {
        if (u.status() != OrderStatus.ACCEPTED) s.answered(u.signalId());
        if (governors != null) notify(s, governors.onOrderUpdate(s.key, s.nowMs(), u));
        s.strategy.onOrderUpdate(u, s);
    }

    /** The firm state the terminal rebuilt from its deal history: the account's governors start from it. */
    void onFirmState(PeerSession s, Payload.FirmState f) {
        if (governors != null)
            notify(s, governors.onFirmState(s.key, s.nowMs(), attachState(f), s.hello == null ? "USD" : s.hello.currency()));
    }

    /** The wire's firm_state as the governors' AttachState (the same fields; status words to the enum). */
    static AttachState attachState(Payload.FirmState f) {
        return new AttachState(f.status().equals("ok") ? AttachState.Status.OK : AttachState.Status.BLOCKED, f.rule(), f.reason(),
                f.blockedUntilMs(), f.challengeStartMs(), f.initialBalance(), f.timeMs(), f.balance(), f.equity(), f.dayStartMs(),
                f.nextResetMs(), f.dayStartBalance(), f.dayStartEquity(), f.highWater(), f.tradingDays(), f.tradedToday(),
                f.profitableDays(), f.dayProfit(), f.bestDay(), f.dealsRead());
    }

    /**
     * A step in a pending order's life ({@code order} message): the governors' resting orders follow it, so the next
     * signal's worst case counts the orders resting since the last snapshot. Cancelling before a news window is the
     * EA's own governors' job (they run the same rules and delete the tickets).
     */
    void onPendingOrder(PeerSession s, String state, PendingOrder o) {
        if (governors != null) notify(s, governors.onPendingOrder(s.key, s.nowMs(), state, o, s.specs::get));
    }

    /** A fill recorded for the first time (the journal keeps a resent one from coming here twice). */
    void onFill(PeerSession s, Fill f) {
        s.fillSinceAccount = true;
        if (governors != null) notify(s, governors.onFill(s.key, s.nowMs(), f));
        s.fills++;
        status.fillRecorded();
        s.strategy.onFill(f, s);
    }

    /**
     * A balance operation the terminal reported (journaled as its message before this): to the account's governors,
     * which keep it out of profit and loss (charges and commissions excepted). Never a fill: no trade, no strategy.
     */
    void onBalance(PeerSession s, String kind, double amount, long deal, String comment) {
        if (governors != null) notify(s, governors.onBalance(s.key, s.nowMs(), kind, amount, deal, comment));
    }

    /**
     * The session's spec of {@code symbol} now carries the terminal's new tick value (symbol_update): the account's
     * governors re-value its positions and resting orders in it at once, not at the next snapshot, so a check or the
     * headroom a strategy sizes with in between counts the new value.
     */
    void onSymbolSpec(PeerSession s, String symbol) {
        if (governors != null) notify(s, governors.onSymbolSpec(s.key, s.nowMs(), symbol, s.specs::get));
    }

    // ------------------------------------------------------------------ the governors

    /** The governors' clock for one terminal's account, and flattening while they pause or halt it. */
    void onClock(PeerSession s) {
        if (governors == null || s.account == null) return;
        notify(s, governors.onClock(s.key, s.nowMs()));
        enforceFlat(s);
    }

    /** Tells the trader what the governors just decided and acts on a pause or halt. */
    void notify(PeerSession s, List<AccountGovernors.Notice> notices) {
        for (AccountGovernors.Notice n : notices) journaled.governorNotice(n);
        if (!notices.isEmpty()) enforceFlat(s);
    }

    /**
     * Under a pause or a halt nothing stays open: close every position, again every 5 s of the terminal's time until
     * flat. The terminal's time, not the kernel's: live they are the same, but a replay plays weeks in seconds, and a
     * wall-clock wait would skip the next weekend's flatten when it comes within 5 s of the last one (a backtest,
     * which waits 5 s of market time, would flatten; e2e EngineParityTest).
     */
    private void enforceFlat(PeerSession s) {
        long now = s.nowMs();
        Action a = governors.action(s.key);
        if (a != Action.PAUSE_UNTIL_RESET && a != Action.FLATTEN_AND_HALT) return;
        // A snapshot older than a fill may list a position that fill closed: wait for the one the terminal sends after
        // every deal (a replay's next quote can otherwise come first, and the housekeeping timer would close a closed
        // position — rejected live, never tried by a backtest).
        if (s.account == null || s.fillSinceAccount || s.account.positions().isEmpty() || now - s.lastFlattenMs < 5_000) return;
        s.lastFlattenMs = now;
        for (Position p : s.account.positions())
            submit(s, OrderIntent.close(p.symbol(), p.side().opposite(), p.ticket(), s.nowMs() + signalTtlMs,
                    "governors: " + a.name().toLowerCase(Locale.ROOT)));
    }

    /**
     * {daily, overall} headroom net of open risk from the governors as they are now (what a snapshot published now
     * would say); unlimited without them. Not the state published for the panel (4 a second of wall time): a strategy
     * sizing on it would size on a state up to 250 ms old, which a lockstep replay cannot reproduce (the backtester
     * asks the governors' current state too).
     */
    double[] headroom(PeerSession s) {
        if (governors == null) return new double[]{Double.MAX_VALUE, Double.MAX_VALUE};
        return governors.headroom(s.key);
    }
}
