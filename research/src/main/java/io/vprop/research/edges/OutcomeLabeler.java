package io.vprop.research.edges;

import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.instrument.Instrument;
import io.vprop.trade.Side;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What a setup would have made, per lot, by the paper broker's and the EA's rules on the backtester's bar path
 * (docs/backtesting.md): a buy fills at the ask, a sell at the bid; each following bar is quoted open → the extreme
 * nearer the open → the other → close, each leg stopping at the levels on the way; a long's stop triggers when the
 * bid touches it and fills there (at the open on a gap), a short's when the ask does; TP2 fills at its price; at TP1
 * half is closed at the quote and the stop moves to the entry price; swaps at each 21:00 UTC rollover (triple on the
 * instrument's day), commission per side from the instrument table. Spread by the instrument's session model
 * (bars here carry none). Money in the profit currency; {@code usdPerProfit} converts USD commission and money swaps
 * (one rate for the whole history: a few percent of a commission that is itself about 1 % of R).
 * <p>
 * {@code LabelerParityTest} checks this against the backtester's own trades of the engine.
 */
final class OutcomeLabeler {
    private static final long HOUR = 3_600_000L, DAY = 24 * HOUR, ROLLOVER = 21 * HOUR;

    private final BarSeries bars;
    private final long barMs;
    private final Instrument instrument;
    private final double usdPerProfit;
    private final double pow10;
    private final int maxBars;

    OutcomeLabeler(BarSeries bars, long barMs, Instrument instrument, double usdPerProfit, int maxBars) {
        this.bars = bars;
        this.barMs = barMs;
        this.instrument = instrument;
        this.usdPerProfit = usdPerProfit;
        this.pow10 = Math.pow(10, instrument.digits());
        this.maxBars = maxBars;
    }

    /** Result of one label: when flat, net profit per lot (profit currency), cost in the same money, how it ended. */
    record Outcome(long exitMs, double net, double cost, String exit) {
    }

    private double spread(long t) { return instrument.spread().pointsAt(t) * instrument.point(); }

    private double round(double price) { return Math.round(price * pow10) / pow10; }

    /**
     * @param entryMs the quote's time: a bar's open (the bar's own path follows) or its close quote (the next bar's
     *                path follows)
     * @param bid     the bid of that quote
     */
    Outcome label(long entryMs, int direction, double bid, double ask, double slDist, double tp1Dist, double tp2Dist) {
        Side side = Side.of(direction);
        double entry = direction > 0 ? ask : bid;
        double stop = entry - direction * slDist, tp1 = entry + direction * tp1Dist, tp2 = entry + direction * tp2Dist;
        double contract = instrument.contractSize();
        // per side, in the profit currency (the table's commission is in the account currency, USD)
        double commissionSide = instrument.commission().money(1.0, instrument.notional(1.0, entry) * usdPerProfit) / usdPerProfit;
        double cost = (ask - bid) * contract + 2 * commissionSide;
        double open = 1.0, pnl = -commissionSide, swap = 0;
        boolean tp1Done = false;
        long lastSwapDay = Math.floorDiv(entryMs - ROLLOVER, DAY);

        int i = bars.firstAtOrAfter(entryMs);
        boolean fromOpenQuote = i < bars.size() && bars.openTimeMs(i) == entryMs;
        if (!fromOpenQuote) i = bars.firstAtOrAfter(entryMs + 1);
        int end = Math.min(bars.size(), i + maxBars);
        long t = entryMs;
        double lastBid = bid;
        for (; i < end; i++) {
            long t0 = bars.openTimeMs(i);
            double o = bars.open(i), h = bars.high(i), l = bars.low(i), c = bars.close(i);
            boolean hf = Bar.highFirst(o, h, l, c);
            double[] points = {o, hf ? h : l, hf ? l : h, c};
            long[] times = {t0, t0 + barMs / 3, t0 + 2 * barMs / 3, t0 + barMs - 1};
            for (int step = fromOpenQuote ? 1 : 0; step < 4; step++) {
                long qt = times[step];
                double sp = spread(qt);
                // swaps for the rollovers passed before this quote
                long day = Math.floorDiv(qt - ROLLOVER, DAY);
                for (long d = lastSwapDay + 1; d <= day; d++) {
                    DayOfWeek dow = Instant.ofEpochMilli(d * DAY + ROLLOVER).atZone(ZoneOffset.UTC).getDayOfWeek();
                    swap += swapPerDay(side) * open * instrument.swap().daysCharged(dow);
                }
                lastSwapDay = Math.max(lastSwapDay, day);
                double target = points[step];
                if (step > 0) {
                    // levels on the way, nearest first, in bid terms
                    while (true) {
                        double level = nextLevel(direction, lastBid, target, sp, stop, tp1Done ? Double.NaN : tp1, tp2);
                        if (Double.isNaN(level)) break;
                        lastBid = level;
                        Double done = trigger(direction, level, sp, stop, tp1Done ? Double.NaN : tp1, tp2, entry);
                        if (done == null) continue;
                        if (done.isNaN()) {                                // TP1: half closed, stop to break-even
                            double px = direction > 0 ? level : round(level + sp);
                            pnl += 0.5 * direction * (px - entry) * contract - 0.5 * commissionSide;
                            open = 0.5;
                            tp1Done = true;
                            stop = entry;
                            continue;
                        }
                        pnl += open * direction * (done - entry) * contract - open * commissionSide;
                        return new Outcome(qt, pnl + swap, cost, (tp1Done ? "tp1+" : "") + exitName(direction, done, stop, tp2));
                    }
                }
                lastBid = target;
                Double done = trigger(direction, target, sp, stop, tp1Done ? Double.NaN : tp1, tp2, entry);
                if (done != null && done.isNaN()) {
                    double px = direction > 0 ? target : round(target + sp);
                    pnl += 0.5 * direction * (px - entry) * contract - 0.5 * commissionSide;
                    open = 0.5;
                    tp1Done = true;
                    stop = entry;
                    done = trigger(direction, target, sp, stop, Double.NaN, tp2, entry);
                }
                if (done != null && !done.isNaN()) {
                    pnl += open * direction * (done - entry) * contract - open * commissionSide;
                    return new Outcome(qt, pnl + swap, cost, (tp1Done ? "tp1+" : "") + exitName(direction, done, stop, tp2));
                }
                t = qt;
            }
            fromOpenQuote = false;
        }
        // still open at the end of the data (or after maxBars): closed at the last quote
        double px = direction > 0 ? lastBid : round(lastBid + spread(t));
        pnl += open * direction * (px - entry) * contract - open * commissionSide;
        return new Outcome(t, pnl + swap, cost, (tp1Done ? "tp1+" : "") + "open");
    }

    private String exitName(int dir, double px, double stop, double tp2) {
        return px == tp2 ? "tp" : "sl";
    }

    /** Swap of one lot for one day, profit currency, signed. */
    private double swapPerDay(Side side) {
        double r = instrument.swap().rate(side);
        return switch (instrument.swap().unit()) {
            case MONEY -> r / usdPerProfit;
            case POINTS -> r * instrument.swapPointMoney();
        };
    }

    /**
     * The nearest level strictly between {@code from} and {@code to} (bid prices) the position would trigger on, or
     * NaN. A short's levels are where the ask (bid + spread) reaches them.
     */
    private double nextLevel(int dir, double from, double to, double sp, double stop, double tp1, double tp2) {
        double best = Double.NaN;
        double[] levels = dir > 0 ? new double[]{stop, tp1, tp2} : new double[]{round(stop - sp), round(tp1 - sp), round(tp2 - sp)};
        for (double l : levels) {
            if (Double.isNaN(l)) continue;
            l = round(l);
            boolean between = to > from ? l > from && l < to : l < from && l > to;
            if (between && (Double.isNaN(best) || Math.abs(l - from) < Math.abs(best - from))) best = l;
        }
        return best;
    }

    /**
     * At a quote with this bid: null when nothing triggers; NaN when TP1 (only) triggers; else the price the rest
     * closes at (the broker's SL or TP; SL and TP before TP1, as the broker acts before the EA).
     */
    private static Double trigger(int dir, double bid, double sp, double stop, double tp1, double tp2, double entry) {
        if (dir > 0) {
            if (bid <= stop) return bid;                 // at the touching quote
            if (bid >= tp2) return tp2;                  // at its price
            if (!Double.isNaN(tp1) && bid >= tp1) return Double.NaN;
        } else {
            double ask = Math.round((bid + sp) * 1e10) / 1e10;
            if (ask >= stop) return ask;
            if (ask <= tp2) return tp2;
            if (!Double.isNaN(tp1) && ask <= tp1) return Double.NaN;
        }
        return null;
    }
}
