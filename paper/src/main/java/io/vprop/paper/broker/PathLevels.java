package io.vprop.paper.broker;

import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.List;

/**
 * Where a bar's intrabar path must stop for the open positions (io.vprop.market.MarketEvents.Sink): their stop, take
 * profit and TP1 levels. One implementation for the backtester and the paper terminal, so a replay of bars through
 * either fills a stop the path crosses at the same quote.
 */
public final class PathLevels {
    private PathLevels() {
    }

    /**
     * +1 when a position of {@code symbol} needs the high first to be stopped before it takes a target inside the
     * bar's range, −1 the low first, 0 when none has both its stop and a target inside (the conservative path).
     */
    public static int stopFirst(List<Position> open, SignalExecutor executor, String symbol, double lowBid, double highBid,
                                double lowAsk, double highAsk) {
        for (Position p : open) {
            if (!p.symbol().equals(symbol)) continue;
            int first = stopFirst(p.side(), p.sl(), p.tp(), executor.tp1Of(p.ticket()), lowBid, highBid, lowAsk, highAsk);
            if (first != 0) return first;
        }
        return 0;
    }

    /**
     * {@link #stopFirst(List, SignalExecutor, String, double, double, double, double)} over the executor's broker's
     * open positions as they are now, without a snapshot (the backtester asks at every bar of a symbol with a
     * position): the same positions in the same order, the same fields.
     */
    public static int stopFirst(SignalExecutor executor, String symbol, double lowBid, double highBid, double lowAsk,
                                double highAsk) {
        PaperBroker.QuoteSlot slot = executor.broker().knownSlot(symbol);   // (the symbol's positions read its slot)
        if (slot == null) return 0;
        OpenPosition[] mine = slot.mine;                   // (the symbol's positions in opening order)
        for (int i = 0, n = slot.held; i < n; i++) {
            OpenPosition p = mine[i];
            int first = stopFirst(p.side, p.sl, p.tp, executor.tp1Of(p), lowBid, highBid, lowAsk, highAsk);
            if (first != 0) return first;
        }
        return 0;
    }

    private static int stopFirst(Side side, double sl, double tp, double tp1, double lowBid, double highBid,
                                 double lowAsk, double highAsk) {
        if (!(sl > 0)) return 0;
        boolean buy = side == Side.BUY;
        boolean stopped = buy ? lowBid <= sl : highAsk >= sl;
        boolean target = buy ? (tp > 0 && highBid >= tp) || (tp1 > 0 && highBid >= tp1)
                : (tp > 0 && lowAsk <= tp) || (tp1 > 0 && lowAsk <= tp1);
        return stopped && target ? (buy ? -1 : 1) : 0;
    }

    /**
     * The bid nearest to {@code fromBid}, strictly between it and {@code toBid}, at which a position of {@code symbol}
     * closes (a short's levels are ask levels: {@code spread} below in bid), rounded to whole points by {@code pow10}
     * (10^digits); NaN when there is none.
     */
    public static double nextLevel(List<Position> open, SignalExecutor executor, String symbol, double fromBid, double toBid,
                                   double spread, double pow10) {
        double best = Double.NaN;
        boolean up = toBid > fromBid;
        for (int i = 0, n = open.size(); i < n; i++) {
            Position p = open.get(i);
            if (!p.symbol().equals(symbol)) continue;
            double shift = p.side() == Side.BUY ? 0 : spread;     // a short closes on the ask
            best = nearer(best, p.sl(), shift, pow10, up, fromBid, toBid);
            best = nearer(best, p.tp(), shift, pow10, up, fromBid, toBid);
            best = nearer(best, executor.tp1Of(p.ticket()), shift, pow10, up, fromBid, toBid);
        }
        return best;
    }

    /**
     * {@link #nextLevel(List, SignalExecutor, String, double, double, double, double)} over the executor's broker's
     * open positions as they are now, without a snapshot (the backtester asks at every leg of a symbol with a
     * position): the same positions in the same order, the same levels.
     */
    public static double nextLevel(SignalExecutor executor, String symbol, double fromBid, double toBid, double spread,
                                   double pow10) {
        PaperBroker.QuoteSlot slot = executor.broker().knownSlot(symbol);   // (the symbol's positions read its slot)
        if (slot == null || slot.held == 0) return Double.NaN;
        double best = Double.NaN;
        boolean up = toBid > fromBid;
        OpenPosition[] mine = slot.mine;                   // (the symbol's positions in opening order)
        for (int i = 0, n = slot.held; i < n; i++) {
            OpenPosition p = mine[i];
            double shift = p.side == Side.BUY ? 0 : spread;       // a short closes on the ask
            double tp1 = executor.tp1Of(p);
            double[] bids = p.levelBids;
            // the levels as bids, worked out again only when a level, the shift or the digits differ from last time
            // (the legs of a bar share its spread): the same rounding of the same numbers
            if (shift != bids[0] || pow10 != bids[1] || p.sl != bids[2] || p.tp != bids[3] || tp1 != bids[4]) {
                bids[0] = shift;
                bids[1] = pow10;
                bids[2] = p.sl;
                bids[3] = p.tp;
                bids[4] = tp1;
                bids[5] = asBid(p.sl, shift, pow10);
                bids[6] = asBid(p.tp, shift, pow10);
                bids[7] = asBid(tp1, shift, pow10);
            }
            best = nearerBid(best, bids[5], up, fromBid, toBid);
            best = nearerBid(best, bids[6], up, fromBid, toBid);
            best = nearerBid(best, bids[7], up, fromBid, toBid);
        }
        return best;
    }

    /** A level as the bid it closes at, in whole points; NaN for no level (0). As {@link #nearer} rounds it. */
    private static double asBid(double level, double shift, double pow10) {
        return level > 0 ? Math.round((level - shift) * pow10) / pow10 : Double.NaN;
    }

    /** {@link #nearer} of a level already a bid ({@link #asBid}; NaN: none). */
    private static double nearerBid(double best, double bid, boolean up, double fromBid, double toBid) {
        if (Double.isNaN(bid)) return best;
        boolean between = up ? bid > fromBid && bid < toBid : bid < fromBid && bid > toBid;
        return between && (Double.isNaN(best) || Math.abs(bid - fromBid) < Math.abs(best - fromBid)) ? bid : best;
    }

    /** {@code best}, or {@code level} (as a bid) when it lies strictly between the leg's ends and nearer its start. */
    private static double nearer(double best, double level, double shift, double pow10, boolean up, double fromBid, double toBid) {
        if (!(level > 0)) return best;
        double bid = Math.round((level - shift) * pow10) / pow10;  // quotes are in whole points
        boolean between = up ? bid > fromBid && bid < toBid : bid < fromBid && bid > toBid;
        return between && (Double.isNaN(best) || Math.abs(bid - fromBid) < Math.abs(best - fromBid)) ? bid : best;
    }
}
