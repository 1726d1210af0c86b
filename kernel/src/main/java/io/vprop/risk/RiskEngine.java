package io.vprop.risk;

import io.vprop.kernel.SignalRequest;
import io.vprop.kernel.StrategyContext;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.protocol.Payload;

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
        checks.add((r, ctx, stale) -> positionsCap(r, ctx, maxPositionsPerSymbol));
    }

    public RiskEngine add(PreTradeCheck check) {
        checks.add(check);
        return this;
    }

    public PreTradeVerdict check(SignalRequest r, StrategyContext ctx, boolean peerStale) {
        for (PreTradeCheck c : checks) {
            PreTradeVerdict v = c.check(r, ctx, peerStale);
            if (!v.allowed()) return v;
        }
        return PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict terminalLive(SignalRequest r, StrategyContext ctx, boolean stale) {
        return stale ? PreTradeVerdict.deny("terminal.stale", "terminal " + ctx.peer() + " is stale: no signals until it is heard again")
                : PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict wellFormed(SignalRequest r, StrategyContext ctx, boolean stale) {
        if (r.expiryMs() <= ctx.nowMs()) return PreTradeVerdict.deny("signal.expired", "expiry is not in the future");
        if (!r.kind().equals("open")) return PreTradeVerdict.ALLOW;
        if (!(r.sl() > 0)) return PreTradeVerdict.deny("signal.stop_loss", "a stop loss is mandatory");
        Tick t = ctx.lastTick(r.symbol());
        if (t == null) return PreTradeVerdict.deny("signal.no_quote", "no quote for " + r.symbol() + " yet");
        boolean buy = r.side().equals("buy");
        if (buy ? r.sl() >= r.price() : r.sl() <= r.price())
            return PreTradeVerdict.deny("signal.stop_loss", "stop loss " + r.sl() + " is on the wrong side of " + r.price());
        for (double tp : new double[]{r.tp1(), r.tp2()})
            if (tp > 0 && (buy ? tp <= r.price() : tp >= r.price()))
                return PreTradeVerdict.deny("signal.take_profit", "take profit " + tp + " is on the wrong side of " + r.price());
        return PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict volumeWithinSpec(SignalRequest r, StrategyContext ctx, boolean stale) {
        if (!r.kind().equals("open")) return PreTradeVerdict.ALLOW;
        SymbolSpec s = ctx.spec(r.symbol());
        if (s == null) return PreTradeVerdict.deny("symbol.unknown", r.symbol() + " was not declared by the terminal's hello");
        if (!(r.lots() >= s.volumeMin()) || r.lots() > s.volumeMax())
            return PreTradeVerdict.deny("volume.range", "lots " + r.lots() + " outside " + s.volumeMin() + ".." + s.volumeMax());
        double steps = r.lots() / s.volumeStep();
        if (Math.abs(steps - Math.rint(steps)) > 1e-6)
            return PreTradeVerdict.deny("volume.step", "lots " + r.lots() + " is not a multiple of the step " + s.volumeStep());
        return PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict notAlreadyPending(SignalRequest r, StrategyContext ctx, boolean stale) {
        return r.kind().equals("open") && ctx.pending(r.symbol())
                ? PreTradeVerdict.deny("signal.pending", "a signal for " + r.symbol() + " is still awaiting execution")
                : PreTradeVerdict.ALLOW;
    }

    private static PreTradeVerdict positionsCap(SignalRequest r, StrategyContext ctx, int max) {
        if (!r.kind().equals("open")) return PreTradeVerdict.ALLOW;
        Payload.Account a = ctx.account();
        if (a == null) return PreTradeVerdict.deny("account.unknown", "no account snapshot from the terminal yet");
        long open = a.positions().stream().filter(p -> p.symbol().equals(r.symbol())).count();
        return open >= max ? PreTradeVerdict.deny("positions.per_symbol", open + " position(s) already open on " + r.symbol())
                : PreTradeVerdict.ALLOW;
    }
}
