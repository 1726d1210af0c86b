package io.vprop.bench.challenge;

import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.trade.Side;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A trade history for the benchmark from real EURUSD H1 bars (shared/data): a plain rule, not a strategy anyone
 * should trade. Each weekday at 07:00 and 13:00 UTC it enters in the direction of the last 24 hours' move with a stop
 * 1.5 × the mean H1 range of the last 24 bars away and a target twice as far, and exits at the stop, the target or
 * after 8 bars. When a bar spans both the stop and the target, the stop is taken. The worst excursion is the most
 * adverse bar extreme while open; 1 lot, USD account (100,000 USD per 1.0 of price), commission 7 USD a lot.
 */
final class BarTrades {
    private BarTrades() {}

    static TradeHistory load(Path file, int fromYear, int toYear) {
        List<Bar> bars = new ArrayList<>();
        try (BarSource src = MarketFiles.openBars(file, "EURUSD", Timeframe.H1)) {
            for (Bar b = src.next(); b != null; b = src.next()) {
                int y = Instant.ofEpochMilli(b.openTimeMs()).atZone(ZoneOffset.UTC).getYear();
                if (y >= fromYear && y <= toYear) bars.add(b);
            }
        }
        if (bars.size() < 100) throw new IllegalArgumentException(file + ": too few H1 bars in " + fromYear + "-" + toYear);
        List<ClosedTrade> trades = new ArrayList<>();
        double unit = 100_000;
        for (int i = 24; i < bars.size() - 1; i++) {
            Bar b = bars.get(i);
            var t = Instant.ofEpochMilli(b.openTimeMs()).atZone(ZoneOffset.UTC);
            if ((t.getHour() != 7 && t.getHour() != 13) || t.getDayOfWeek().getValue() > 5) continue;
            double move = bars.get(i - 1).close() - bars.get(i - 24).close();
            if (move == 0) continue;
            double range = 0;
            for (int k = i - 24; k < i; k++) range += bars.get(k).high() - bars.get(k).low();
            double stopDist = 1.5 * range / 24;
            Side side = move > 0 ? Side.BUY : Side.SELL;
            double entry = b.open(), s = side.sign();
            double stop = entry - s * stopDist, target = entry + s * 2 * stopDist;
            double exit = Double.NaN, worst = 0;
            long exitMs = 0;
            int last = Math.min(bars.size() - 1, i + 7);
            for (int k = i; k <= last; k++) {
                Bar x = bars.get(k);
                double adverse = s > 0 ? x.low() - entry : entry - x.high();
                boolean hitStop = s > 0 ? x.low() <= stop : x.high() >= stop;
                boolean hitTarget = s > 0 ? x.high() >= target : x.low() <= target;
                if (hitStop) {
                    exit = stop;
                    worst = Math.min(worst, -stopDist);
                    exitMs = x.openTimeMs() + 1_800_000;
                    break;
                }
                worst = Math.min(worst, adverse);
                if (hitTarget) {
                    exit = target;
                    exitMs = x.openTimeMs() + 1_800_000;
                    break;
                }
                if (k == last) {
                    exit = x.close();
                    exitMs = x.openTimeMs() + 3_599_000;
                }
            }
            double profit = s * (exit - entry) * unit;
            trades.add(new ClosedTrade("b" + i, "EURUSD", side, 1.0, b.openTimeMs(), exitMs, entry, exit, profit, -7, 0,
                    worst * unit, stopDist * unit, file.getFileName() + " bar " + i));
        }
        return new TradeHistory(trades, "USD", 100_000, file.getFileName() + " " + fromYear + "-" + toYear
                + " (H1 momentum rule, bench only)");
    }
}
