package io.vprop.analytics;

import io.vprop.trade.Fill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds round trips from deals: deals are grouped by (peer, position) in time order; the "in" deals give the
 * side, entry price, volume, open time and the signal (alpha, regime, reason); the "out" deals give the exit.
 * A position is closed once its out volume reaches its in volume (partial closes at TP1 stay one trade).
 */
final class TradeLog {
    private static final double VOLUME_EPS = 1e-9;

    private TradeLog() { }

    /** Trades ordered by open time; {@code signals} maps signal id to its info (missing ids give empty labels). */
    public static List<Trade> build(Collection<PeerFill> fills, Map<String, SignalInfo> signals) {
        Map<String, List<PeerFill>> byPosition = new LinkedHashMap<>();
        fills.stream().sorted(Comparator.comparingLong((PeerFill f) -> f.fill().timeMs()).thenComparingLong(f -> f.fill().deal()))
                .forEach(f -> byPosition.computeIfAbsent(f.peer() + "#" + f.fill().position(), k -> new ArrayList<>()).add(f));
        List<Trade> out = new ArrayList<>();
        for (List<PeerFill> deals : byPosition.values()) {
            Trade t = roundTrip(deals, signals);
            if (t != null) out.add(t);
        }
        out.sort(Comparator.comparingLong(Trade::openMs).thenComparingLong(Trade::position));
        return out;
    }

    /** Only the trades whose position is fully closed: the sample every statistic is computed on. */
    public static List<Trade> closed(List<Trade> trades) {
        return trades.stream().filter(Trade::closed).toList();
    }

    private static Trade roundTrip(List<PeerFill> deals, Map<String, SignalInfo> signals) {
        PeerFill first = null;
        double inVol = 0, inNotional = 0, outVol = 0, outNotional = 0, profit = 0, commission = 0, swap = 0;
        long closeMs = 0;
        String exitReason = "";
        for (PeerFill pf : deals) {
            Fill f = pf.fill();
            profit += f.profit();
            commission += f.commission();
            swap += f.swap();
            if (f.opens()) {
                if (first == null) first = pf;
                inVol += f.volume();
                inNotional += f.volume() * f.price();
            } else {
                outVol += f.volume();
                outNotional += f.volume() * f.price();
                closeMs = f.timeMs();
                exitReason = f.reason();
            }
        }
        if (first == null) return null; // an out without its in (journal started mid-position): no entry to report
        Fill in = first.fill();
        SignalInfo sig = signals.getOrDefault(in.signalId(), SignalInfo.NONE);
        boolean closed = outVol + VOLUME_EPS >= inVol;
        return new Trade(first.peer(), in.position(), in.symbol(), in.side(), sig.alpha(), sig.regime(), in.signalId(),
                sig.reason(), exitReason, TradingSession.of(in.timeMs()), in.timeMs(), closed ? closeMs : 0,
                inVol > 0 ? inNotional / inVol : in.price(), outVol > 0 ? outNotional / outVol : null, inVol, outVol,
                profit, commission, swap, profit + commission + swap, deals.size(), closed);
    }
}
