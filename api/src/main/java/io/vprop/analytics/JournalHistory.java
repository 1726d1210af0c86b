package io.vprop.analytics;

import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.journal.JournalReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The live journal's closed trades as the challenge lab's {@link TradeHistory} (docs/challenge-lab.md, "The live
 * journal"). The round trips are the analytics' own ({@link TradeLog}: a position from its first "in" deal until its
 * "out" volume reaches the "in" volume); a position still open is not a closed trade and is left out.
 *
 * <ul>
 *   <li><b>riskMoney</b> from the opening signal's stop: |entry − stop| × lots × the money one price unit is worth per
 *   lot, measured on the trade itself (its profit over its price move × closed volume; exact for a symbol whose
 *   profit currency is the account's). A trade that closed at its entry price borrows the newest value measured on
 *   its symbol ({@link StopRisk}). NaN when the signal had no stop, the deal was not VProp's (no signal id) or no
 *   value can be measured: the lab then uses its documented proxy.</li>
 *   <li><b>worstExcursion</b> NaN: the journal holds deals and account snapshots, not how far a position went
 *   against the trader, so the lab assumes the documented −1 R.</li>
 *   <li>One terminal at a time: the lab replays one account, so a journal with several terminals needs {@code peer}.</li>
 *   <li>The journal does not state the account currency: the caller does ({@code currency}).</li>
 * </ul>
 */
public final class JournalHistory {
    private JournalHistory() {
    }

    /**
     * @param peer     the terminal whose trades to take; null takes the only one (an error naming them when several)
     * @param currency the account currency (the journal does not hold it), e.g. "USD"
     * @param source   a human name for messages: "sidecar.db (live journal)"
     * @throws IllegalArgumentException when no closed trade is found, or {@code peer} is needed and missing or unknown
     */
    public static TradeHistory read(JournalReader journal, String peer, String currency, String source) {
        List<PeerFill> fills = journal.allFills().stream().map(PeerFill::of).toList();
        Map<String, Double> stops = new HashMap<>();
        // the rows of /api/signals hold each signal's stop as sent (JournalSignal does not carry it)
        for (Map<String, Object> row : journal.signals(Integer.MAX_VALUE)) {
            if (row.get("id") instanceof String id && row.get("sl") instanceof Number sl && sl.doubleValue() > 0)
                stops.put(id, sl.doubleValue());
        }
        return of(fills, stops, peer, currency, source);
    }

    static TradeHistory of(List<PeerFill> fills, Map<String, Double> stopBySignal, String peer, String currency,
                           String source) {
        if (currency == null || currency.isBlank())
            throw new IllegalArgumentException(source + ": the journal does not hold the account currency: state it");
        TreeSet<String> peers = new TreeSet<>();
        for (PeerFill f : fills) peers.add(f.peer());
        if (peer == null && peers.size() > 1)
            throw new IllegalArgumentException(source + ": the journal holds the trades of " + peers.size()
                    + " terminals (" + String.join(", ", peers) + "): choose one; the lab replays one account");
        if (peer != null && !peers.contains(peer))
            throw new IllegalArgumentException(source + ": no fill of terminal '" + peer + "' (the journal has "
                    + (peers.isEmpty() ? "none" : String.join(", ", peers)) + ")");
        List<PeerFill> mine = peer == null ? fills : fills.stream().filter(f -> f.peer().equals(peer)).toList();
        List<Trade> closed = TradeLog.closed(TradeLog.build(mine, Map.of()));
        if (closed.isEmpty())
            throw new IllegalArgumentException(source + ": no closed trade in the journal" + (peer == null ? "" : " for " + peer));
        Map<String, Double> newestValue = StopRisk.moneyPerPricePerLot(closed);
        List<ClosedTrade> out = new ArrayList<>();
        for (Trade t : closed) {
            Double stop = stopBySignal.get(t.signalId());
            double risk = stop == null ? Double.NaN
                    : StopRisk.atStop(t.entryPrice(), stop, t.volume(), valuePerPricePerLot(t, newestValue));
            out.add(new ClosedTrade(t.peer() + "#" + t.position(), t.symbol(), t.side(), t.volume(), t.openMs(), t.closeMs(),
                    t.entryPrice(), t.exitPrice(), t.profit(), t.commission(), t.swap(), Double.NaN,
                    risk > 0 ? risk : Double.NaN, source + " position " + t.position()));
        }
        out.sort(Comparator.comparingLong(ClosedTrade::closeMs).thenComparing(ClosedTrade::id));
        return new TradeHistory(out, currency.strip().toUpperCase(java.util.Locale.ROOT), Double.NaN,
                source + (peer == null ? "" : " " + peer), List.of());
    }

    /** Account money per 1.0 of price per lot: the trade's own, else the newest measured on its symbol; null if none. */
    private static Double valuePerPricePerLot(Trade t, Map<String, Double> newest) {
        double move = (t.exitPrice() - t.entryPrice()) * t.side().sign();
        if (Math.abs(move) > 1e-12 && t.profit() != 0 && t.closedVolume() > 0) return t.profit() / (move * t.closedVolume());
        return newest.get(t.symbol());
    }
}
