package io.vprop.research.testrunner;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.research.walkforward.UnitRunner;
import io.vprop.research.walkforward.WorkUnit;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * <b>A test runner, not the backtester.</b> A deterministic moving-average crossover evaluated directly on bar files,
 * so the walk-forward, sweep and report run end to end on real data before the live-code backtester plugs into
 * {@link UnitRunner}. It does not use the signal engine, the risk engine, the governors or the paper broker.
 *
 * <p>Rule: at a bar's close, the SMA of {@code fast} closes crossing above (below) the SMA of {@code slow} closes is a
 * buy (sell) signal, acted on at the next bar's open: an opposite position is closed and a new one opened. The stop is
 * {@code stop_atr} (grid parameter, default from the config) times the ATR at the signal bar away from the entry, on
 * the side the position exits (bid for a buy, ask for a sell); a bar whose range reaches it exits at the stop, or at
 * the open when the bar gaps through it, stamped at the bar's close. No take-profit. Costs: bar prices are taken as bid, the ask is the bid plus
 * a fixed spread; commission a fixed amount per lot per side, charged at the exit; no swap. Size: the lots (0.01 steps,
 * at most 50) whose loss at the stop is {@code riskPct} of the balance; a signal that rounds to less than 0.01 lot is
 * skipped. Money is converted to USD with the bar closes of the same folder ({@link UsdRates}).
 *
 * <p>Trade labels: alpha "test_sma_cross"; regime "vol_expanding"/"vol_contracting" (ATR 14 above/below ATR 56 at the
 * signal bar, "" while warming up); session of the entry hour, UTC: asia 23–07, london 07–12, overlap 12–16, newyork
 * 16–21, off 21–23. Equity is sampled at each fill and at every bar close while a position is open (flat stretches
 * have no samples: the equity does not change).
 */
public final class SmaCrossTestRunner implements UnitRunner {
    /** Bumped whenever the rule or the accounting changes (it is part of the checkpoint fingerprint). */
    static final String VERSION = "sma-cross-test-runner-v1";
    static final String ALPHA = "test_sma_cross";
    /** Units per lot, lot step and largest order, as for a standard FX account. */
    static final double CONTRACT_SIZE = 100_000, STEP = 0.01, MAX = 50;

    /**
     * @param spreadPoints        ask − bid, in points (15 = 1.5 pips on a 5-digit pair, 0.015 on a 3-digit JPY pair)
     * @param commissionUsdPerLot per lot and side
     * @param riskPct             loss at the stop, percent of the balance at entry
     * @param stopAtr             stop distance in ATRs when the grid has no {@code stop_atr}
     * @param atrBars             ATR period
     */
    public record Config(double spreadPoints, double commissionUsdPerLot, double riskPct, double stopAtr, int atrBars) {
        public Config {
            if (spreadPoints < 0 || commissionUsdPerLot < 0) throw new IllegalArgumentException("costs cannot be negative");
            if (!(riskPct > 0 && riskPct <= 100)) throw new IllegalArgumentException("risk % must be in (0, 100]: " + riskPct);
            if (!(stopAtr > 0)) throw new IllegalArgumentException("stop ATRs must be positive: " + stopAtr);
            if (atrBars < 1) throw new IllegalArgumentException("ATR bars must be at least 1: " + atrBars);
        }

        /** 1.5 pips spread, 3.50 USD per lot per side, 0.5 % risk, stop 2 ATR(14). */
        public static Config defaults() {
            return new Config(15, 3.5, 0.5, 2.0, 14);
        }
    }

    private final BarLibrary bars;
    private final UsdRates rates;
    private final Config config;
    private final String fingerprint;

    public SmaCrossTestRunner(Path barFolder, Timeframe timeframe, Config config) {
        this.bars = new BarLibrary(barFolder, timeframe);
        this.rates = new UsdRates(bars);
        this.config = config;
        if (bars.symbols().isEmpty()) {
            throw new IllegalArgumentException("no " + timeframe + " bar files in " + barFolder);
        }
        this.fingerprint = VERSION + "|" + config + "|" + timeframe + "|" + bars.fingerprint();
    }

    /** Reads the symbols' bars now and checks their currencies convert to USD (fails naming what is missing). */
    public void prepare(List<String> symbols) {
        for (String s : symbols) rates.check(s);
    }

    /** The symbols with a bar file of the timeframe in the folder, sorted. */
    public List<String> symbols() {
        return List.copyOf(bars.symbols());
    }

    /** The UTC span of the symbol's bars: [first open, last close]. */
    public long[] span(String symbol) {
        BarSeries b = bars.series(symbol);
        return new long[]{b.openMs[0], b.closeMs(b.size() - 1)};
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "TEST RUNNER (not the backtester): SMA crossover on %s bars, spread %.1f points,"
                        + " commission %.2f USD/lot/side, risk %.2f %% per trade, stop %.1f ATR(%d) unless stop_atr is in the grid, no swap",
                bars.timeframe(), config.spreadPoints(), config.commissionUsdPerLot(), config.riskPct(), config.stopAtr(),
                config.atrBars());
    }

    @Override
    public String fingerprint() {
        return fingerprint; // the files as they were when the runner was made
    }

    @Override
    public double notionalUsd(BacktestTrade t) {
        return t.lots() * CONTRACT_SIZE * rates.usdPer(t.symbol().substring(0, 3), t.openMs());
    }

    @Override
    public BacktestResult run(WorkUnit u) {
        ParamSet p = u.params();
        int fast = p.getInt("fast"), slow = p.getInt("slow");
        if (fast < 1 || slow < 1) throw new IllegalArgumentException("fast and slow must be at least 1 bar: " + p.key());
        double stopAtr = p.getOr("stop_atr", config.stopAtr());
        if (!(stopAtr > 0)) throw new IllegalArgumentException("stop_atr must be positive: " + p.key());
        BarSeries b = bars.series(u.symbol());
        SymbolSpec spec = SymbolSpec.fxMajor(u.symbol());
        return new Simulation(b, u, fast, slow, stopAtr, config.spreadPoints() * spec.point(), config, rates).run();
    }

    static String session(long utcMs) {
        int hour = (int) (Math.floorMod(utcMs, 86_400_000L) / 3_600_000L);
        if (hour >= 23 || hour < 7) return "asia";
        if (hour < 12) return "london";
        if (hour < 16) return "overlap";
        if (hour < 21) return "newyork";
        return "off";
    }

}
