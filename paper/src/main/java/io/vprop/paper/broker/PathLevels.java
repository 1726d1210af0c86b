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
            if (!p.symbol().equals(symbol) || !(p.sl() > 0)) continue;
            double tp1 = executor.tp1Of(p.ticket());
            boolean buy = p.side() == Side.BUY;
            boolean stopped = buy ? lowBid <= p.sl() : highAsk >= p.sl();
            boolean target = buy ? (p.tp() > 0 && highBid >= p.tp()) || (tp1 > 0 && highBid >= tp1)
                    : (p.tp() > 0 && lowAsk <= p.tp()) || (tp1 > 0 && lowAsk <= tp1);
            if (stopped && target) return buy ? -1 : 1;
        }
        return 0;
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

    /** {@code best}, or {@code level} (as a bid) when it lies strictly between the leg's ends and nearer its start. */
    private static double nearer(double best, double level, double shift, double pow10, boolean up, double fromBid, double toBid) {
        if (!(level > 0)) return best;
        double bid = Math.round((level - shift) * pow10) / pow10;  // quotes are in whole points
        boolean between = up ? bid > fromBid && bid < toBid : bid < fromBid && bid > toBid;
        return between && (Double.isNaN(best) || Math.abs(bid - fromBid) < Math.abs(best - fromBid)) ? bid : best;
    }
}
