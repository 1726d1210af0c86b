package io.vprop.research.backtest;

import io.vprop.governors.profile.FirmProfile;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;

import java.util.List;

/**
 * Everything a backtest run is set up with besides its strategy and data. The defaults are the paper terminal's and
 * the sidecar's (docs/configuration.md): the same broker, the same bars built from ticks, the same snapshot cadence,
 * the same risk engine limits. Money in the account currency (USD), times in ms.
 *
 * @param specs                 what the strategy is told of each symbol (a terminal's hello); during the run a
 *                              spec's tick value follows the broker's current rate, as MT5's SYMBOL_TRADE_TICK_VALUE does
 * @param broker                the paper broker: balance, leverage, commission, swaps, slippage (and its seed), latency
 * @param profile               the firm's rules the governors enforce, or null to run without them
 * @param profileId             the profile's name, for the record ("" without a profile)
 * @param breakEvenAfterTp1     the EA moves the stop to the entry once TP1 is taken (live: true)
 * @param barTimeframes         the bars built from ticks and handed to the strategy, as the terminal sends them
 *                              (live: M1, M5, H1); not used when the data are bars
 * @param snapshotMs            how often (market time) the strategy gets an account snapshot besides after deals
 *                              (live: paper.snapshot.ms = 1000)
 * @param signalTtlMs           lifetime of the close orders the governors' flattening sends (live: signal.ttl.ms)
 * @param maxPositionsPerSymbol the risk engine's cap (live: risk.max.positions.per.symbol = 1)
 * @param barPath               how bars become quotes
 * @param spread                spread of quotes from bars that carry none
 * @param equitySampling        the equity curve gets a point at least once per bar of this timeframe, besides every fill
 * @param stopAtHalt            end the run once the governors halt the account (the challenge is lost); else go on to
 *                              the end of the data (nothing new can open)
 * @param closeAtEnd            close what is still open at the last quote (exit reason "end_of_data"); else leave it
 *                              out of the trades and count it
 * @param news                  the calendar's releases the governors learn 24 h ahead, as the kernel pushes
 *                              {@code calendar.file}'s (live default: none)
 */
public record BacktestConfig(List<SymbolSpec> specs, BrokerConfig broker, FirmProfile profile, String profileId, boolean breakEvenAfterTp1,
                             List<Timeframe> barTimeframes, long snapshotMs, long signalTtlMs, int maxPositionsPerSymbol,
                             BarPath barPath, SpreadModel spread, Timeframe equitySampling, boolean stopAtHalt,
                             boolean closeAtEnd, List<NewsRelease> news) {
    public BacktestConfig {
        if (broker == null) throw new IllegalArgumentException("a broker config is required");
        if (specs == null || specs.isEmpty()) throw new IllegalArgumentException("specs must not be empty");
        specs = List.copyOf(specs);
        for (SymbolSpec s : specs)
            if (broker.instrument(s.symbol()) == null)
                throw new IllegalArgumentException("the broker does not trade " + s.symbol() + ", which the specs declare");
        profileId = profileId == null ? "" : profileId;
        if (profile != null && profileId.isBlank()) throw new IllegalArgumentException("a firm profile needs its id");
        if (barTimeframes == null || barTimeframes.isEmpty()) throw new IllegalArgumentException("barTimeframes must not be empty");
        barTimeframes = List.copyOf(barTimeframes);
        if (snapshotMs <= 0) throw new IllegalArgumentException("snapshotMs must be > 0, got " + snapshotMs);
        if (signalTtlMs <= 0) throw new IllegalArgumentException("signalTtlMs must be > 0, got " + signalTtlMs);
        if (maxPositionsPerSymbol < 1) throw new IllegalArgumentException("maxPositionsPerSymbol must be >= 1, got " + maxPositionsPerSymbol);
        if (barPath == null || spread == null || equitySampling == null)
            throw new IllegalArgumentException("barPath, spread and equitySampling are required");
        news = news == null ? List.of() : List.copyOf(news);
    }

    /** Without a calendar (the sidecar's default: {@code calendar.file} empty). */
    public BacktestConfig(List<SymbolSpec> specs, BrokerConfig broker, FirmProfile profile, String profileId, boolean breakEvenAfterTp1,
                          List<Timeframe> barTimeframes, long snapshotMs, long signalTtlMs, int maxPositionsPerSymbol,
                          BarPath barPath, SpreadModel spread, Timeframe equitySampling, boolean stopAtHalt, boolean closeAtEnd) {
        this(specs, broker, profile, profileId, breakEvenAfterTp1, barTimeframes, snapshotMs, signalTtlMs, maxPositionsPerSymbol,
                barPath, spread, equitySampling, stopAtHalt, closeAtEnd, List.of());
    }

    /**
     * The paper terminal's defaults for a USD hedging account of {@code balance} at 1:100 trading {@code specs}:
     * 3.5 per lot per side commission, no swaps, slippage or latency, no firm profile, TP1 break-even, M1/M5/H1 bars,
     * 1 s snapshots, the OHLC bar path with typical spreads, H1 equity sampling, stop at a halt, close at the end.
     */
    public static BacktestConfig defaults(List<SymbolSpec> specs, double balance) {
        return new BacktestConfig(specs, BrokerConfig.usd(balance, 100, AccountMode.HEDGING, specs).withCommission(3.5), null, "",
                true, List.of(Timeframe.M1, Timeframe.M5, Timeframe.H1), 1_000, 30_000, 1, BarPath.OHLC,
                SpreadModel.typical(), Timeframe.H1, true, true);
    }

    public BacktestConfig withBroker(BrokerConfig b) {
        return new BacktestConfig(specs, b, profile, profileId, breakEvenAfterTp1, barTimeframes, snapshotMs, signalTtlMs,
                maxPositionsPerSymbol, barPath, spread, equitySampling, stopAtHalt, closeAtEnd, news);
    }

    public BacktestConfig withProfile(FirmProfile p, String id) {
        return new BacktestConfig(specs, broker, p, id, breakEvenAfterTp1, barTimeframes, snapshotMs, signalTtlMs,
                maxPositionsPerSymbol, barPath, spread, equitySampling, stopAtHalt, closeAtEnd, news);
    }

    public BacktestConfig withBars(BarPath path, SpreadModel s) {
        return new BacktestConfig(specs, broker, profile, profileId, breakEvenAfterTp1, barTimeframes, snapshotMs, signalTtlMs,
                maxPositionsPerSymbol, path, s, equitySampling, stopAtHalt, closeAtEnd, news);
    }

    public BacktestConfig withBarTimeframes(List<Timeframe> tfs) {
        return new BacktestConfig(specs, broker, profile, profileId, breakEvenAfterTp1, tfs, snapshotMs, signalTtlMs,
                maxPositionsPerSymbol, barPath, spread, equitySampling, stopAtHalt, closeAtEnd, news);
    }

    public BacktestConfig withEnd(boolean stopAtHaltToo, boolean closeOpenAtEnd) {
        return new BacktestConfig(specs, broker, profile, profileId, breakEvenAfterTp1, barTimeframes, snapshotMs, signalTtlMs,
                maxPositionsPerSymbol, barPath, spread, equitySampling, stopAtHaltToo, closeOpenAtEnd, news);
    }

    public BacktestConfig withSnapshotMs(long ms) {
        return new BacktestConfig(specs, broker, profile, profileId, breakEvenAfterTp1, barTimeframes, ms, signalTtlMs,
                maxPositionsPerSymbol, barPath, spread, equitySampling, stopAtHalt, closeAtEnd, news);
    }

    public BacktestConfig withBreakEvenAfterTp1(boolean on) {
        return new BacktestConfig(specs, broker, profile, profileId, on, barTimeframes, snapshotMs, signalTtlMs,
                maxPositionsPerSymbol, barPath, spread, equitySampling, stopAtHalt, closeAtEnd, news);
    }

    /** The same with the calendar's releases fed to the governors. */
    public BacktestConfig withNews(List<NewsRelease> releases) {
        return new BacktestConfig(specs, broker, profile, profileId, breakEvenAfterTp1, barTimeframes, snapshotMs, signalTtlMs,
                maxPositionsPerSymbol, barPath, spread, equitySampling, stopAtHalt, closeAtEnd, releases);
    }
}
