package io.vprop.app;

import io.vprop.market.TickSources;
import java.util.ArrayList;
import io.vprop.config.VpropConfig;
import io.vprop.governors.GovernorEngine;
import io.vprop.market.BarReplay;
import io.vprop.market.SymbolSpec;
import io.vprop.market.TickSource;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.MarketFormat;
import io.vprop.market.synthetic.FxUniverse;
import io.vprop.market.synthetic.SyntheticMarket;
import io.vprop.paper.PaperTerminal;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.transport.RoutingId;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Builds a paper terminal from the configuration: its market (synthetic or a file), broker and link. */
public final class PaperSetup {
    private PaperSetup() { }

    /** The synthetic market starts on a Monday at the London open, so a demo trades from its first minute. */
    static final long SYNTHETIC_START = Instant.parse("2026-01-05T07:00:00Z").toEpochMilli();

    public record Market(TickSource source, List<SymbolSpec> specs, String description) {
    }

    public static Market market(VpropConfig cfg) {
        String data = cfg.get("paper.data");
        if (!data.isEmpty()) return replay(Path.of(data));
        List<String> symbols = Arrays.stream(cfg.get("paper.symbols").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT)).toList();
        SyntheticMarket m = new SyntheticMarket(new SyntheticMarket.Config(cfg.getInt("paper.seed"), SYNTHETIC_START,
                cfg.getDouble("paper.ticks.per.second") * symbols.size(), symbols, List.of(), true));
        return new Market(m, m.specs(), "synthetic market, seed " + cfg.get("paper.seed") + ", " + symbols);
    }

    /** Several files played together, merged in time order (one symbol each, named by the file). */
    public static Market replay(List<Path> files) {
        if (files.size() == 1) return replay(files.get(0));
        List<TickSource> sources = new ArrayList<>();
        List<SymbolSpec> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            Market m = replay(f);
            sources.add(m.source());
            for (SymbolSpec s : m.specs()) if (specs.stream().noneMatch(x -> x.symbol().equals(s.symbol()))) specs.add(s);
            names.add(m.description());
        }
        return new Market(TickSources.merge(sources), specs, String.join(" + ", names));
    }

    /** A tick file or a bar file (played as ticks along the documented intrabar path). */
    public static Market replay(Path file) {
        MarketFormat format = MarketFiles.detect(file);
        String symbol = MarketFiles.symbolFromFileName(file);
        SymbolSpec spec = specFor(symbol);
        if (format.isTicks()) return new Market(MarketFiles.openTicks(file, symbol), List.of(spec), "ticks from " + file.getFileName());
        Timeframe tf = timeframeFromName(file.getFileName().toString());
        return new Market(new BarReplay(MarketFiles.openBars(file, symbol, tf), spec, FxUniverse.baseSpreadPoints(symbol)),
                List.of(spec), tf + " bars from " + file.getFileName());
    }

    /** The spec a file's symbol trades with: the synthetic universe's (28 FX pairs), else a 5-digit USD-quoted pair. */
    public static SymbolSpec specFor(String symbol) {
        try {
            return FxUniverse.spec(symbol);
        } catch (IllegalArgumentException e) {
            return SymbolSpec.fxMajor(symbol);
        }
    }

    static Timeframe timeframeFromName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (Timeframe tf : new Timeframe[]{Timeframe.M15, Timeframe.M30, Timeframe.M5, Timeframe.M1, Timeframe.H4, Timeframe.H1, Timeframe.D1})
            if (n.matches(".*(^|[^A-Z0-9])" + tf.name() + "([^A-Z0-9]|$).*")) return tf;
        if (n.contains("1MIN")) return Timeframe.M1;
        return Timeframe.M1;
    }

    public static PaperTerminal terminal(VpropConfig cfg, String endpoint, Market market, int index) {
        BrokerConfig bc = BrokerConfig.usd(cfg.getDouble("paper.balance"), cfg.getInt("paper.leverage"),
                        cfg.get("paper.margin.mode").equals("netting") ? AccountMode.NETTING : AccountMode.HEDGING, market.specs())
                .withCommission(cfg.getDouble("paper.commission.per.lot"))
                .withLatency(cfg.getInt("paper.latency.ms"))
                .withSlippage((int) cfg.getDouble("paper.slippage.points"), cfg.getInt("paper.seed"));
        String speed = cfg.get("paper.speed");
        RoutingId id = new RoutingId("paper-" + index, cfg.get("paper.account"), "all-symbols");
        PaperTerminal.Config pc = new PaperTerminal.Config(endpoint, id,
                cfg.dataDir().resolve("paper-" + index + "-" + cfg.get("paper.account") + ".db"),
                speed.equals("max") ? 0 : Double.parseDouble(speed), cfg.getInt("paper.snapshot.ms"), cfg.get("firm.profile"),
                cfg.get("paper.margin.mode"), true, new Timeframe[]{Timeframe.M1, Timeframe.M5, Timeframe.H1},
                cfg.getInt("paper.replay.window"));
        GovernorEngine governors = GovernorEngine.start(Sidecar.profile(cfg.get("firm.profile")), cfg.getDouble("paper.balance"), "USD");
        return new PaperTerminal(pc, market.source(), market.specs(), new PaperBroker(bc), governors);
    }
}
