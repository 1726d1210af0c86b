package io.vprop.cli;

import io.vprop.market.instrument.InstrumentTable;
import io.vprop.research.backtest.BarPath;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The market and cost options every research command shares ({@code backtest}, {@code walkforward}): the files'
 * clock, the bar path, spread, commission, slippage, leverage, the instrument table and the seed. One place, so the
 * two commands cannot drift apart in names, defaults, units or the errors a bad value gets.
 */
final class CostOptions {
    @Option(names = "--server-tz", paramLabel = "ZONE",
            description = "the clock of the files' times: UTC, an offset (+02:00, UTC+3), an IANA zone, or NY+7 for 'New York close' "
                    + "servers (GMT+2 winter, GMT+3 summer); required for MT5 exports")
    String serverTz;

    @Option(names = "--bars-mode", defaultValue = "ohlc", paramLabel = "ohlc|conservative",
            description = "bar path: the nearer extreme first, or the stop first when a bar holds both stop and target (default: ${DEFAULT-VALUE})")
    String barsMode;

    @Option(names = "--spread", paramLabel = "POINTS",
            description = "spread of bars that carry none, in points (default: the instrument's typical spread by session, docs/instruments.md)")
    Integer spreadPoints;

    @Option(names = "--commission", paramLabel = "USD",
            description = "commission per lot per side, USD, for every symbol (default: each instrument's own commission "
                    + "from the instrument table, docs/instruments.md)")
    Double commission;

    @Option(names = "--slippage", defaultValue = "0", paramLabel = "POINTS",
            description = "maximum slippage against the trader, points, drawn from --seed (default: ${DEFAULT-VALUE})")
    int slippage;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the slippage and of the signal engine's sampling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--leverage", defaultValue = "100", description = "account leverage, 100 = 1:100 (default: ${DEFAULT-VALUE})")
    double leverage;

    @Option(names = "--instruments", paramLabel = "FILE",
            description = "instrument overrides (same columns as the built-in table, docs/instruments.md)")
    Path instruments;

    /** Refuses a value no run could use, naming the option and the value; call before reading any data. */
    void check() {
        if (commission != null && !(commission >= 0))
            throw new IllegalArgumentException("--commission must be >= 0 USD per lot per side, got " + commission);
        if (slippage < 0) throw new IllegalArgumentException("--slippage must be >= 0 points, got " + slippage);
        if (spreadPoints != null && spreadPoints < 0)
            throw new IllegalArgumentException("--spread must be >= 0 points, got " + spreadPoints);
        if (!(leverage > 0)) throw new IllegalArgumentException("--leverage must be > 0 (100 = 1:100), got " + leverage);
        barPath();
    }

    BarPath barPath() {
        return switch (barsMode.toLowerCase(Locale.ROOT)) {
            case "ohlc" -> BarPath.OHLC;
            case "conservative" -> BarPath.CONSERVATIVE;
            default -> throw new IllegalArgumentException("--bars-mode must be ohlc or conservative, got " + barsMode);
        };
    }

    /** The built-in instrument table with the --instruments overrides applied. */
    InstrumentTable instrumentTable() {
        InstrumentTable table = InstrumentTable.builtIn();
        return instruments == null ? table : table.withOverrides(instruments);
    }
}
