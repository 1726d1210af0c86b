package io.vprop.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/** The market a paper terminal plays: shared by {@code demo} and {@code paper}. */
final class MarketOptions {
    @Option(names = "--data", paramLabel = "FILE", description = "replay this tick/bar file instead of the synthetic market")
    String data;

    @Option(names = "--server-tz", paramLabel = "ZONE",
            description = "the clock of the --data file's times (paper.data.tz), as backtest's --server-tz: UTC, an offset, an IANA zone "
                    + "or NY+7; required for MT5 exports")
    String serverTz;

    @Option(names = "--speed", paramLabel = "N|max", description = "market time per wall time (paper.speed)")
    String speed;

    /** Adds the options given to configuration overrides. */
    void into(Map<String, String> overrides) {
        overrides.put("paper.data", data);
        overrides.put("paper.data.tz", serverTz);
        overrides.put("paper.speed", speed);
    }
}
