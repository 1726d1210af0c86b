package io.vprop.risk;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * Every pre-trade check in one place (as NautilusTrader's RiskEngine): nothing reaches a terminal without passing
 * here, whichever strategy or REST call proposed it. The built-in checks are about the order itself and the
 * terminal's state; the firm's rules are added as one more {@link PreTradeCheck} by the governors adapter.
 */
public final class RiskEngine {
    private final List<PreTradeCheck> checks = new ArrayList<>();

    public RiskEngine(int maxPositionsPerSymbol) {
        checks.add(RiskEngine::terminalLive);
        checks.add(RiskEngine::wellFormed);
        checks.add(RiskEngine::volumeWithinSpec);
        checks.add(RiskEngine::notAlreadyPending);
        checks.add((o, t) -> positionsCap(o, t, maxPositionsPerSymbol));
    }

    /**
     * Refuses entries on a symbol whose last quote is older than {@code maxAgeMs} on the terminal's clock: a frozen
     * feed (or a symbol out of its session) must not be traded at a price nobody quotes any more. Closes pass.
     */
    public RiskEngine maxQuoteAge(long maxAgeMs) {
        if (maxAgeMs < 0) throw new IllegalArgumentException("maximum quote age must be >= 0 ms (0 = no bound), got " + maxAgeMs);
        if (maxAgeMs > 0) checks.add((o, t) -> quoteFresh(o, t, maxAgeMs));
        return this;
    }

    public RiskEngine add(PreTradeCheck check) {
        checks.add(check);
        return this;
    }

    public PreTradeVerdict check(OrderIntent order, TerminalView terminal) {
        for (PreTradeCheck c : checks) {
            PreTradeVerdict v = c.check(order, terminal);
            if (!v.allowed()) return v;
        }
        return PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict terminalLive(OrderIntent o, TerminalView t) {
        return t.live() ? PreTradeVerdict.ALLOW
                : PreTradeVerdict.deny("terminal.stale", "terminal " + t.peer() + " is stale: no signals until it is heard again");
    }

    private static PreTradeVerdict wellFormed(OrderIntent o, TerminalView t) {
        if (o.expiryMs() <= t.nowMs()) return PreTradeVerdict.deny("signal.expired", "expiry is not in the future");
        if (!o.opens()) return PreTradeVerdict.ALLOW;
        if (!(o.sl() > 0)) return PreTradeVerdict.deny("signal.stop_loss", "a stop loss is mandatory");
        Tick q = t.lastTick(o.symbol());
        if (q == null) return PreTradeVerdict.deny("signal.no_quote", "no quote for " + o.symbol() + " yet");
        boolean buy = o.side() == Side.BUY;
        if (buy ? o.sl() >= o.price() : o.sl() <= o.price())
            return PreTradeVerdict.deny("signal.stop_loss", "stop loss " + o.sl() + " is on the wrong side of " + o.price());
        for (double tp : new double[]{o.tp1(), o.tp2()})
            if (tp > 0 && (buy ? tp <= o.price() : tp >= o.price()))
                return PreTradeVerdict.deny("signal.take_profit", "take profit " + tp + " is on the wrong side of " + o.price());
        return PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict quoteFresh(OrderIntent o, TerminalView t, long maxAgeMs) {
        if (!o.opens()) return PreTradeVerdict.ALLOW;
        Tick q = t.lastTick(o.symbol());
        if (q == null) return PreTradeVerdict.ALLOW; // wellFormed refuses a missing quote by its own rule
        long age = t.nowMs() - q.timeMs();
        return age > maxAgeMs
                ? PreTradeVerdict.deny("quote.stale", String.format(java.util.Locale.ROOT,
                "the last %s quote is %,d s old on the terminal's clock (bound %,d s): no entries on a stale or frozen quote",
                o.symbol(), age / 1000, maxAgeMs / 1000))
                : PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict volumeWithinSpec(OrderIntent o, TerminalView t) {
        if (!o.opens()) return PreTradeVerdict.ALLOW;
        SymbolSpec s = t.spec(o.symbol());
        if (s == null) return PreTradeVerdict.deny("symbol.unknown", o.symbol() + " was not declared by the terminal's hello");
        if (!(o.lots() >= s.volumeMin()) || o.lots() > s.volumeMax())
            return PreTradeVerdict.deny("volume.range", "lots " + o.lots() + " outside " + s.volumeMin() + ".." + s.volumeMax());
        double steps = o.lots() / s.volumeStep();
        if (Math.abs(steps - Math.rint(steps)) > 1e-6)
            return PreTradeVerdict.deny("volume.step", "lots " + o.lots() + " is not a multiple of the step " + s.volumeStep());
        return PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict notAlreadyPending(OrderIntent o, TerminalView t) {
        return o.opens() && t.pending(o.symbol())
                ? PreTradeVerdict.deny("signal.pending", "a signal for " + o.symbol() + " is still awaiting execution")
                : PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict positionsCap(OrderIntent o, TerminalView t, int max) {
        if (!o.opens()) return PreTradeVerdict.ALLOW;
        AccountState a = t.account();
        if (a == null) return PreTradeVerdict.deny("account.unknown", "no account snapshot from the terminal yet");
        long open = 0;
        for (Position p : a.positions()) if (p.symbol().equals(o.symbol())) open++;   // (a loop, not a stream: asked for every order)
        return open >= max ? PreTradeVerdict.deny("positions.per_symbol", open + " position(s) already open on " + o.symbol())
                : PreTradeVerdict.ALLOW;
    }
}
