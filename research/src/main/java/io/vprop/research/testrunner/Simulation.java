package io.vprop.research.testrunner;

import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.EquityPoint;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One unit of the {@link SmaCrossTestRunner}: the bar loop, positions and accounting. Not thread-shared. */
final class Simulation {
    private static final int REGIME_SHORT = 14, REGIME_LONG = 56;

    private final BarSeries b;
    private final WorkUnit u;
    private final int fast, slow;
    private final double stopAtr, spread;
    private final SmaCrossTestRunner.Config cfg;
    private final UsdRates rates;
    private final String profitCcy;
    private final List<BacktestTrade> trades = new ArrayList<>();
    private final List<EquityPoint> equity = new ArrayList<>();
    private double balance;
    private long signals, entries, skipped, ticket;

    // the open position, if any
    private int dir; // +1 buy, -1 sell, 0 flat
    private double entryPrice, stop, lots, riskUsd, worst;
    private long openMs;
    private String regime, session;

    Simulation(BarSeries b, WorkUnit u, int fast, int slow, double stopAtr, double spread,
               SmaCrossTestRunner.Config cfg, UsdRates rates) {
        this.b = b;
        this.u = u;
        this.fast = fast;
        this.slow = slow;
        this.stopAtr = stopAtr;
        this.spread = spread;
        this.cfg = cfg;
        this.rates = rates;
        this.profitCcy = u.symbol().substring(3, 6);
        this.balance = u.initialBalance();
    }

    BacktestResult run() {
        int w0 = b.firstAtOrAfter(u.warmupFromMs());
        int iFrom = b.firstAtOrAfter(u.fromMs()), iEnd = b.firstAtOrAfter(u.endMs());
        int firstSignalBar = w0 + Math.max(Math.max(fast, slow), cfg.atrBars()); // SMAs at j and j−1, ATR at j
        equity.add(new EquityPoint(u.fromMs(), balance, balance));
        int pending = 0, last = iFrom - 1;
        for (int j = iFrom; j < iEnd; j++) {
            last = j;
            long t = b.openMs[j];
            if (pending != 0) {
                if (dir != 0 && dir != pending) exit(dir > 0 ? b.open[j] : b.open[j] + spread, t, "signal");
                if (dir == 0 && t < u.toMs()) enter(pending, j, t);
                pending = 0;
            }
            // a stop is stamped at the bar's close: by then the outcome is known (purging errs on the safe side)
            long barEnd = Math.min(b.closeMs(j), u.endMs());
            if (dir > 0 && b.low[j] <= stop) {
                exit(Math.min(b.open[j], stop), barEnd, "sl");
            } else if (dir < 0 && b.high[j] + spread >= stop) {
                exit(Math.max(b.open[j] + spread, stop), barEnd, "sl");
            }
            if (dir != 0) {
                double q = usdPerQuote(b.closeMs(j));
                double mark = dir > 0 ? b.low[j] - entryPrice : entryPrice - (b.high[j] + spread);
                worst = Math.min(worst, mark * lots * SmaCrossTestRunner.CONTRACT_SIZE * q);
                equity.add(new EquityPoint(Math.min(b.closeMs(j), u.endMs()), balance, balance + floating(j, q)));
            }
            if (j >= firstSignalBar) pending = cross(j);
            if (pending != 0) signals++;
            if (dir == 0 && (j + 1 >= b.size() || b.openMs[j + 1] >= u.toMs())) break; // no entry left to make
        }
        if (dir != 0) {
            boolean endOfData = last == b.size() - 1 && b.closeMs(last) < u.endMs();
            exit(dir > 0 ? b.close[last] : b.close[last] + spread, Math.min(b.closeMs(last), u.endMs()),
                    endOfData ? "end_of_data" : "end_of_window");
        }
        long toMs = equity.get(equity.size() - 1).timeMs();
        return new BacktestResult(trades, equity, List.of(), u.initialBalance(), "USD", u.fromMs(), toMs,
                Math.max(0, last - iFrom + 1),
                Map.of("bars", (long) Math.max(0, last - iFrom + 1), "signals", signals, "entries", entries,
                        "skipped_min_volume", skipped));
    }

    private int cross(int j) {
        double fNow = b.sma(j, fast), sNow = b.sma(j, slow), fPrev = b.sma(j - 1, fast), sPrev = b.sma(j - 1, slow);
        if (fPrev <= sPrev && fNow > sNow) return 1;
        if (fPrev >= sPrev && fNow < sNow) return -1;
        return 0;
    }

    private void enter(int side, int j, long t) {
        int signalBar = j - 1;
        double atr = b.atr(signalBar, cfg.atrBars());
        double bid = b.open[j], ask = bid + spread;
        double lossPerUnit = spread + stopAtr * atr;
        double q = usdPerQuote(t);
        double moneyPerLot = lossPerUnit * SmaCrossTestRunner.CONTRACT_SIZE * q;
        double target = balance * cfg.riskPct() / 100;
        double l = Math.min(SmaCrossTestRunner.MAX,
                Math.floor(target / moneyPerLot / SmaCrossTestRunner.STEP + 1e-9) * SmaCrossTestRunner.STEP);
        l = Math.round(l * 100) / 100.0;
        if (!(l >= SmaCrossTestRunner.STEP)) {
            skipped++;
            return;
        }
        entries++;
        dir = side;
        lots = l;
        entryPrice = side > 0 ? ask : bid;
        stop = side > 0 ? bid - stopAtr * atr : ask + stopAtr * atr;
        riskUsd = lots * moneyPerLot;
        worst = 0;
        openMs = t;
        session = SmaCrossTestRunner.session(t);
        regime = signalBar - REGIME_LONG + 1 >= b.firstAtOrAfter(u.warmupFromMs())
                ? (b.atr(signalBar, REGIME_SHORT) > b.atr(signalBar, REGIME_LONG) ? "vol_expanding" : "vol_contracting")
                : "";
        equity.add(new EquityPoint(t, balance, balance - spread * lots * SmaCrossTestRunner.CONTRACT_SIZE * q));
    }

    private void exit(double price, long t, String reason) {
        double q = usdPerQuote(t);
        double gross = (price - entryPrice) * dir * lots * SmaCrossTestRunner.CONTRACT_SIZE * q;
        double commission = -2 * cfg.commissionUsdPerLot() * lots;
        double pnl = gross + commission;
        worst = Math.min(worst, Math.min(0, gross));
        balance += pnl;
        trades.add(new BacktestTrade(++ticket, u.symbol(), dir > 0 ? Side.BUY : Side.SELL, lots, openMs, t, entryPrice,
                price, pnl, commission, 0.0, riskUsd, worst, SmaCrossTestRunner.ALPHA, regime, session,
                b.timeframe.name(), reason));
        equity.add(new EquityPoint(t, balance, balance));
        dir = 0;
    }

    private double floating(int j, double q) {
        double exitPrice = dir > 0 ? b.close[j] : b.close[j] + spread;
        return (exitPrice - entryPrice) * dir * lots * SmaCrossTestRunner.CONTRACT_SIZE * q;
    }

    private double usdPerQuote(long t) {
        return profitCcy.equals("USD") ? 1.0 : rates.usdPer(profitCcy, t);
    }
}
