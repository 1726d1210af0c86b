package io.vprop.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts money, R, % and duration on round trips (the trade list, docs/web-panel.md "Trades"). Pure.
 *
 * <p>R: the risk of a trade is what its opening signal's stop would have cost, |entry − stop| × volume × the money
 * value of a 1.0 price move per lot. That value is the trade's own (realised profit / (price move × closed volume))
 * once it has moved, else the newest closed trade of the symbol's ({@link StopRisk}); so a fully closed trade's R is
 * its net result in units of its initial risk, costs included. % is of the account balance before the trade
 * closed: the peer's starting balance plus every trade of that peer closed earlier.
 */
final class TradeRows {
    private TradeRows() { }

    /** A position's floating result in a terminal's newest account snapshot, and that snapshot's terminal time. */
    record OpenMark(double profit, double swap, long tsMs) { }

    static String key(String peer, long position) { return peer + "#" + position; }

    /**
     * @param trades        round trips, any order (as {@link TradeLog#build})
     * @param signals       signal id → what the signal said (its stop)
     * @param open          {@link #key} → the open position's mark
     * @param startBalance  peer → the balance its analysed period started from (NaN or absent: unknown, no %)
     * @param currency      peer → the account currency (absent: "" — the panel says it is unknown)
     * @return one row per trade, in the order given
     */
    static List<TradeRow> of(List<Trade> trades, Map<String, SignalInfo> signals, Map<String, OpenMark> open,
                             Map<String, Double> startBalance, Map<String, String> currency) {
        Map<String, Double> value = StopRisk.moneyPerPricePerLot(trades);
        // balance of each peer before each closed trade, walking the trades in closing order
        Map<Trade, Double> before = new HashMap<>();
        Map<String, Double> balance = new HashMap<>();
        trades.stream().filter(Trade::closed).sorted(Comparator.comparingLong(Trade::closeMs).thenComparingLong(Trade::position))
                .forEach(t -> {
                    double b = balance.computeIfAbsent(t.peer(), p -> startBalance.getOrDefault(p, Double.NaN));
                    before.put(t, b);
                    balance.put(t.peer(), b + t.net());
                });
        List<TradeRow> out = new ArrayList<>(trades.size());
        for (Trade t : trades) {
            OpenMark mark = t.closed() ? null : open.get(key(t.peer(), t.position()));
            Double unrealized = mark == null ? null : mark.profit() + mark.swap();
            Double total = t.closed() ? Double.valueOf(t.net()) : unrealized == null ? null : t.net() + unrealized;
            double base = t.closed() ? before.get(t) : balance.computeIfAbsent(t.peer(), p -> startBalance.getOrDefault(p, Double.NaN));
            Double pct = total != null && Double.isFinite(base) && base > 0 ? total / base * 100 : null;
            Long duration = t.closed() ? Long.valueOf(t.closeMs() - t.openMs()) : mark == null ? null : Math.max(0, mark.tsMs() - t.openMs());
            SignalInfo sig = signals.get(t.signalId());
            double stop = sig == null ? 0 : sig.stop();
            Double risk = null, r = null;
            String note = "";
            if (sig == null) note = "not opened by a VProp signal: no stop to measure R against";
            else if (!(stop > 0)) note = "the signal had no stop";
            else if (Math.abs(t.entryPrice() - stop) < 1e-12) note = "the entry filled at the stop price";
            else {
                Double v = ownValue(t);
                if (v == null) v = value.get(t.symbol());
                if (v == null || !Double.isFinite(v)) note = "no closed " + t.symbol() + " trade yet to value a price move";
                else {
                    risk = Math.abs(t.entryPrice() - stop) * t.volume() * Math.abs(v);
                    if (total == null) note = "no floating result for the open position yet";
                    else r = total / risk;
                }
            }
            out.add(new TradeRow(t, currency.getOrDefault(t.peer(), ""), stop > 0 ? stop : null, risk, r, note, pct, duration,
                    unrealized, total, mark == null ? null : mark.tsMs()));
        }
        return out;
    }

    /** Money per 1.0 price move per lot from this trade's own realised profit; null before it has moved. */
    private static Double ownValue(Trade t) {
        if (t.exitPrice() == null || t.closedVolume() <= 0 || t.profit() == 0) return null;
        double move = (t.exitPrice() - t.entryPrice()) * t.side().sign();
        return Math.abs(move) < 1e-12 ? null : t.profit() / (move * t.closedVolume());
    }
}
