package io.vprop.challenge.history;

import io.vprop.challenge.ClosedTrade;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed trades from deals. A position is the unit: it opens with an entry deal, may grow (netting), is closed in
 * one or several exit deals, and becomes one {@link ClosedTrade} when its volume is back to zero. Which position a
 * deal belongs to:
 * <ul>
 *   <li>the deal's position id when the source has one (a CSV with a Position column): exact on any account;</li>
 *   <li>on a netting account, the symbol: one position per symbol, so the deals say it all. An in/out deal closes
 *   the position and opens the opposite one with the rest of its volume (its commission is shared in proportion to
 *   volume; its profit and swap belong to the closed part);</li>
 *   <li>on a hedging account, whose report deals carry no position id: an entry deal opens a position identified by
 *   its order ticket (MT5 numbers a position after the order that opened it), and an exit deal closes an open
 *   position of the same symbol and opposite side: the one the report's Positions section says closes at that
 *   time with that volume (among several, the one whose profit then adds up to the row's), else the one that
 *   closes later (a partial exit), else the oldest (first in, first out). The Positions section then checks the
 *   result: each position's profit must match to the cent.</li>
 * </ul>
 * Each exit deal's profit is the broker's own, so the attribution decides which trade a profit belongs to, never
 * the total. A position still partly open at the end is one trade of its closed volume; one with no exit yet is
 * not a closed trade and is left out.
 */
final class RoundTrips {
    private static final double EPS = 1e-9;
    private static final double CENT = 0.005 + 1e-9; // half a cent: report amounts are rounded to the cent

    /** How the account holds positions (MT5's margin mode). */
    enum Mode { HEDGING, NETTING }

    private RoundTrips() {
    }

    /**
     * @param deals trade deals (balance operations are ignored), any order: they are sorted by time, the source's
     *              order kept for equal times
     * @param hints the Positions section by position id, empty when the source has none
     */
    static List<ClosedTrade> build(List<Deal> deals, Mode mode, Map<String, PositionRow> hints) {
        List<Deal> trades = deals.stream().filter(Deal::isTrade).sorted(Comparator.comparingLong(Deal::timeMs)).toList();
        Map<String, Open> byKey = new LinkedHashMap<>(); // position id or symbol → the open position
        List<Open> hedged = new ArrayList<>();           // hedging without ids: open positions in opening order
        List<ClosedTrade> closed = new ArrayList<>();
        int[] seq = {0};
        for (Deal d : trades) {
            boolean byId = !d.positionId().isEmpty();
            if (!byId && mode == Mode.HEDGING) {
                hedging(d, hedged, hints, closed, seq);
            } else {
                keyed(d, byId ? d.positionId() : d.symbol(), byKey, closed, seq);
            }
        }
        for (Open p : byKey.values()) if (p.outVolume > EPS) closed.add(p.toTrade());
        for (Open p : hedged) if (p.outVolume > EPS) closed.add(p.toTrade());
        closed.sort(Comparator.comparingLong(ClosedTrade::closeMs));
        if (mode == Mode.HEDGING && !hints.isEmpty()) check(closed, hints); // netting needs no attribution
        return closed;
    }

    /** Deals grouped by a key that names at most one open position: a position id, or a netting account's symbol. */
    private static void keyed(Deal d, String key, Map<String, Open> open, List<ClosedTrade> closed, int[] seq) {
        Open p = open.get(key);
        switch (d.entry()) {
            case IN -> {
                if (p == null) open.put(key, Open.of(d, idFor(d, seq), d.volume(), 1));
                else if (p.side == d.side()) p.enter(d, d.volume(), 1);
                else throw new HistoryImportException(d.where() + ": deal " + label(d) + " is an entry " + side(d)
                            + " into " + describe(p) + "; an opposite entry must be an out or in/out deal");
            }
            case OUT, OUT_BY -> {
                requireOpen(d, p);
                p.exit(d, d.volume(), 1);
                if (p.remaining() <= EPS) {
                    closed.add(p.toTrade());
                    open.remove(key);
                }
            }
            case INOUT -> {
                requireOpen(d, p);
                double closing = p.remaining();
                if (d.volume() < closing - EPS)
                    throw new HistoryImportException(d.where() + ": in/out deal " + label(d) + " of " + d.volume()
                            + " lots is smaller than " + describe(p) + " it reverses");
                double share = closing / d.volume();
                p.exit(d, closing, share);
                closed.add(p.toTrade());
                open.remove(key);
                double rest = d.volume() - closing;
                if (rest > EPS) {
                    Open next = Open.reversal(d, p.id + "/" + (d.ticket().isEmpty() ? ++seq[0] : d.ticket()), rest,
                            1 - share);
                    open.put(key, next);
                }
            }
            default -> throw new IllegalStateException("a trade deal has entry " + d.entry());
        }
    }

    private static void hedging(Deal d, List<Open> open, Map<String, PositionRow> hints, List<ClosedTrade> closed,
                                int[] seq) {
        switch (d.entry()) {
            case IN -> open.add(Open.of(d, idFor(d, seq), d.volume(), 1));
            case OUT, OUT_BY -> {
                Open p = pick(d, open, hints);
                p.exit(d, d.volume(), 1);
                if (p.remaining() <= EPS) {
                    closed.add(p.toTrade());
                    open.remove(p);
                }
            }
            case INOUT -> throw new HistoryImportException(d.where() + ": deal " + label(d) + " is an in/out (reversal) "
                    + "deal, which only a netting account makes, but the report says the account is hedging");
            default -> throw new IllegalStateException("a trade deal has entry " + d.entry());
        }
    }

    /** The open position an exit deal closes on a hedging account (see the class comment). */
    private static Open pick(Deal d, List<Open> open, Map<String, PositionRow> hints) {
        List<Open> candidates = open.stream()
                .filter(p -> p.symbol.equals(d.symbol()) && p.side == d.side().opposite()).toList();
        if (candidates.isEmpty())
            throw new HistoryImportException(d.where() + ": deal " + label(d) + " closes " + d.volume() + " lots "
                    + d.symbol() + " " + d.side().opposite().name().toLowerCase() + " but no such position is open "
                    + "(does the history start after the position was opened? export it from the account's first deal)");
        // Several positions may close at the same second with the same volume: the one whose profit then adds up
        // to the Positions row is the one this deal closes.
        Open lastExit = null;
        for (Open p : candidates) {
            PositionRow h = hints.get(p.id);
            if (h == null || h.closeMs() != d.timeMs() || Math.abs(p.remaining() - d.volume()) > EPS) continue;
            if (Math.abs(h.profit() - (p.profit + d.profit())) <= CENT) return p;
            if (lastExit == null) lastExit = p;
        }
        if (lastExit != null) return lastExit;
        for (Open p : candidates) {
            PositionRow h = hints.get(p.id);
            if (h != null && h.closeMs() > d.timeMs() && p.remaining() > d.volume() + EPS) return p;
        }
        for (Open p : candidates) if (p.remaining() >= d.volume() - EPS) return p;
        Open first = candidates.get(0);
        throw new HistoryImportException(d.where() + ": deal " + label(d) + " closes " + d.volume() + " lots, more than "
                + describe(first) + " (" + first.remaining() + " lots open)");
    }

    /** Each reconstructed position that the Positions section also lists must agree with it on profit. */
    private static void check(List<ClosedTrade> trades, Map<String, PositionRow> hints) {
        for (ClosedTrade t : trades) {
            PositionRow h = hints.get(t.id());
            if (h == null) continue;
            if (Math.abs(t.profit() - h.profit()) > CENT || Math.abs(t.lots() - h.closedVolume()) > 1e-6)
                throw new HistoryImportException(h.where() + ": position " + h.id() + " shows profit " + h.profit()
                        + " on " + h.closedVolume() + " lots, but its deals from " + t.source() + " add up to "
                        + round(t.profit()) + " on " + t.lots() + " lots: the Deals and Positions sections disagree");
        }
    }

    private static void requireOpen(Deal d, Open p) {
        if (p == null)
            throw new HistoryImportException(d.where() + ": deal " + label(d) + " closes " + d.volume() + " lots "
                    + d.symbol() + (d.positionId().isEmpty() ? "" : " of position " + d.positionId())
                    + " but no such position is open (does the history start after the position was opened? export "
                    + "it from the account's first deal)");
        if (d.side() == p.side)
            throw new HistoryImportException(d.where() + ": deal " + label(d) + " is a " + side(d) + " exit from "
                    + describe(p) + "; an exit must be on the opposite side");
        if (d.entry() != Deal.Entry.INOUT && d.volume() > p.remaining() + EPS)
            throw new HistoryImportException(d.where() + ": deal " + label(d) + " closes " + d.volume() + " lots, more "
                    + "than the " + p.remaining() + " lots of " + describe(p));
    }

    private static String idFor(Deal d, int[] seq) {
        if (!d.positionId().isEmpty()) return d.positionId();
        if (!d.order().isEmpty()) return d.order();
        if (!d.ticket().isEmpty()) return d.ticket();
        return d.symbol() + "#" + (++seq[0]);
    }

    private static String label(Deal d) {
        return d.ticket().isEmpty() ? "at " + d.where() : d.ticket();
    }

    private static String side(Deal d) {
        return d.side().name().toLowerCase();
    }

    private static String describe(Open p) {
        return "position " + p.id + " (" + p.side.name().toLowerCase() + " " + p.symbol + ", opened at " + p.where + ")";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** A position being rebuilt from its deals. */
    private static final class Open {
        final String id, symbol, where;
        final Side side;
        final long openMs;
        double inVolume, inValue, outVolume, outValue, profit, commission, swap;
        long closeMs;

        private Open(String id, String symbol, Side side, long openMs, String where) {
            this.id = id;
            this.symbol = symbol;
            this.side = side;
            this.openMs = openMs;
            this.where = where;
            this.closeMs = openMs;
        }

        static Open of(Deal d, String id, double volume, double costShare) {
            Open p = new Open(id, d.symbol(), d.side(), d.timeMs(), d.where());
            p.enter(d, volume, costShare);
            return p;
        }

        static Open reversal(Deal d, String id, double volume, double costShare) {
            Open p = new Open(id, d.symbol(), d.side(), d.timeMs(), d.where());
            p.inVolume = volume;
            p.inValue = volume * d.price();
            p.commission = (d.commission() + d.fee()) * costShare;
            return p;
        }

        void enter(Deal d, double volume, double costShare) {
            inVolume += volume;
            inValue += volume * d.price();
            commission += (d.commission() + d.fee()) * costShare;
            swap += d.swap();
            profit += d.profit();
        }

        void exit(Deal d, double volume, double costShare) {
            outVolume += volume;
            outValue += volume * d.price();
            commission += (d.commission() + d.fee()) * costShare;
            swap += d.swap();
            profit += d.profit();
            closeMs = d.timeMs();
        }

        double remaining() {
            return inVolume - outVolume;
        }

        ClosedTrade toTrade() {
            return new ClosedTrade(id, symbol, side, outVolume, openMs, closeMs, inValue / inVolume,
                    outValue / outVolume, profit, commission, swap, Double.NaN, Double.NaN, where);
        }
    }
}
