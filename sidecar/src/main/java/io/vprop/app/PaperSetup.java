package io.vprop.app;

import io.vprop.config.VpropConfig;
import io.vprop.governors.GovernorEngine;
import io.vprop.market.BarSource;
import io.vprop.market.MarketEvents;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;
import io.vprop.market.TickSources;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.instrument.NoConversionRouteException;
import io.vprop.market.io.FileReadCounts;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;
import io.vprop.market.synthetic.FxUniverse;
import io.vprop.market.synthetic.SyntheticMarket;
import io.vprop.paper.PaperTerminal;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.paper.broker.PaperBroker;
import io.vprop.research.backtest.BarPath;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.transport.RoutingId;
import io.vprop.transport.Transports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a paper terminal from the configuration: its market (synthetic or files), broker and link. Every symbol's
 * spec comes from the instrument table (built-in, plus {@code paper.instruments}); a symbol the table does not know
 * is a startup error naming it, never a stand-in spec.
 */
public final class PaperSetup {
    private PaperSetup() { }

    /** The synthetic market starts on a Monday at the London open, so a demo trades from its first minute. */
    public static final long SYNTHETIC_START = Instant.parse("2026-01-05T07:00:00Z").toEpochMilli();

    /**
     * What a paper terminal plays: a tick market (synthetic or tick files) or bar files on the backtester's path.
     *
     * @param source   the quotes of a tick market; null when the market is bar files
     * @param bars     bar files played as {@code vprop backtest} plays them ({@link MarketFeed#bars}: quotes along the bar
     *                 path, each leg stopping at the terminal's positions' levels, and the files' bars as they close);
     *                 null for a tick market
     * @param specs    the symbols as the terminal's hello states them, tick values at the market's first prices
     * @param findings problems worth telling the user (a file whose price digits disagree with its spec)
     * @param reads    the file readers' counts (lines read, rows skipped by reason); empty for a synthetic market
     */
    public record Market(TickSource source, MarketEvents bars, List<SymbolSpec> specs, String description,
                         List<String> findings, List<FileReadCounts> reads) {
        public Market {
            if ((source == null) == (bars == null)) throw new IllegalArgumentException("a market is ticks or bars, one of the two");
        }

        public Market(TickSource source, List<SymbolSpec> specs, String description) {
            this(source, null, specs, description, List.of(), List.of());
        }

        public Market(TickSource source, List<SymbolSpec> specs, String description, List<String> findings) {
            this(source, null, specs, description, findings, List.of());
        }

        public Market(TickSource source, List<SymbolSpec> specs, String description, List<String> findings,
                      List<FileReadCounts> reads) {
            this(source, null, specs, description, findings, reads);
        }

        /** True when the market is bar files: they deliver their own bars, the terminal builds none. */
        public boolean barFiles() { return bars != null; }

        /** What the terminal plays: the bar files' events, or the ticks as they come. */
        public MarketEvents events() { return bars != null ? bars : MarketEvents.ticks(source); }

        /** Closes the files (or the synthetic market) when the market is not played. */
        public void close() {
            if (bars != null) bars.close();
            else source.close();
        }
    }

    /** The built-in instrument table with the {@code paper.instruments} override file, if one is set. */
    public static InstrumentTable instruments(VpropConfig cfg) {
        String file = cfg.get("paper.instruments");
        return file.isEmpty() ? InstrumentTable.builtIn() : InstrumentTable.builtIn().withOverrides(Path.of(file));
    }

    /** The {@code paper.fx.rates} fixed conversion rates (pair → price). */
    public static Map<String, Double> fixedRates(VpropConfig cfg) {
        return CurrencyConverter.parseFixedRates(cfg.get("paper.fx.rates"));
    }

    public static Market market(VpropConfig cfg) {
        String data = cfg.get("paper.data");
        if (!data.isEmpty()) {
            List<Path> files = List.of(Path.of(data));
            return replay(cfg, files, cfg.dataClock(), ParseMode.STRICT, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        List<String> symbols = Arrays.stream(cfg.get("paper.symbols").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT)).toList();
        InstrumentTable table = instruments(cfg);
        Map<String, Instrument> instruments = new LinkedHashMap<>();
        Map<String, Double> firstMids = new HashMap<>();
        for (String s : symbols) {
            instruments.put(s, table.get(s));
            firstMids.put(s, FxUniverse.startPrice(s));
        }
        SyntheticMarket m = new SyntheticMarket(new SyntheticMarket.Config(cfg.getInt("paper.seed"), SYNTHETIC_START,
                cfg.getDouble("paper.ticks.per.second") * symbols.size(), symbols, List.of(), true));
        return new Market(m, helloSpecs(instruments, firstMids, fixedRates(cfg)),
                "synthetic market, seed " + cfg.get("paper.seed") + ", " + symbols);
    }

    /** One tick or bar file <b>written in UTC</b> (such as the files in shared/data), with the built-in instrument table. */
    public static Market replay(Path file) { return replay(List.of(file)); }

    /**
     * Several files <b>written in UTC</b> (such as the files in shared/data) played together, merged in time order
     * (one symbol each, named by the file), built-in table.
     */
    public static Market replay(List<Path> files) { return replay(files, InstrumentTable.builtIn(), Map.of()); }

    /**
     * Files <b>written in UTC</b> (such as the files in shared/data) with the configuration's instrument table, fixed
     * rates and bar path (paper.bars.mode). Files in a broker's server time: the overload with a {@link ServerClock}.
     */
    public static Market replay(VpropConfig cfg, List<Path> files) { return replay(cfg, files, ParseMode.STRICT); }

    /** As above (files <b>written in UTC</b>); {@code mode}: what a bad row does. */
    public static Market replay(VpropConfig cfg, List<Path> files, ParseMode mode) {
        return replay(cfg, files, ServerClock.UTC, mode, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Files whose times are read in {@code clock} (a zone-less file's broker server time; {@link MarketFiles#clockOf}
     * decides it from the user's option), with the configuration's instrument table, fixed rates and bar path, cut to
     * [{@code fromMs}, {@code toMs}) UTC ({@link Long#MIN_VALUE} / {@link Long#MAX_VALUE}: no bound).
     */
    public static Market replay(VpropConfig cfg, List<Path> files, ServerClock clock, ParseMode mode, long fromMs, long toMs) {
        return replay(files, instruments(cfg), fixedRates(cfg), clock, mode, barPath(cfg), fromMs, toMs);
    }

    /**
     * Files <b>written in UTC</b> (such as the files in shared/data); bad rows stop the replay (a
     * {@link io.vprop.market.io.MarketDataException} naming file, line and column).
     */
    public static Market replay(List<Path> files, InstrumentTable table, Map<String, Double> fixedRates) {
        return replay(files, table, fixedRates, ServerClock.UTC, ParseMode.STRICT, BarPath.OHLC, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Tick files as they are (several merged in time order); bar files as {@code vprop backtest} plays them
     * ({@link MarketFeed#bars}: per symbol the finest timeframe's bars as quotes along {@code path}, with the
     * instrument's spread by session where a bar carries none, each leg stopping at the terminal's positions' levels,
     * and every file's bars delivered as they close), so a replay of bar files trades what a backtest of them trades.
     * One kind per replay. Each file is one symbol, named by the file; its times are read in {@code clock} (UTC only
     * for files written in UTC or whose times carry their zone). {@code mode}: a bad row stops the replay
     * (STRICT) or is skipped and counted in the market's {@code reads} (LENIENT). The period bounds ticks by time and
     * bars by open time, as the backtest's --from/--to do.
     */
    public static Market replay(List<Path> files, InstrumentTable table, Map<String, Double> fixedRates, ServerClock clock,
                                ParseMode mode, BarPath path, long fromMs, long toMs) {
        if (files.isEmpty()) throw new IllegalArgumentException("no market file to replay");
        if (fromMs >= toMs) throw new IllegalArgumentException("the period is empty: from " + Instant.ofEpochMilli(fromMs)
                + " is not before to " + Instant.ofEpochMilli(toMs));
        boolean ticks = MarketFiles.detect(files.get(0)).isTicks();
        for (Path f : files)
            if (MarketFiles.detect(f).isTicks() != ticks)
                throw new IllegalArgumentException("--data mixes tick and bar files (" + files.get(0).getFileName() + " and "
                        + f.getFileName() + "): a replay plays one kind");
        FileInstruments of = instrumentsOf(files, table, fixedRates, mode);
        List<SymbolSpec> specs = of.specs();
        List<String> names = new ArrayList<>();
        List<FileReadCounts> reads = new ArrayList<>();
        if (ticks) {
            List<TickSource> sources = new ArrayList<>();
            for (Path f : files) {
                Mt5TickReader r = MarketFiles.openTicks(f, MarketFiles.symbolFromFileName(f), clock, mode);
                reads.add(r);
                sources.add(r);
                names.add("ticks from " + f.getFileName());
            }
            TickSource source = sources.size() == 1 ? sources.get(0) : TickSources.merge(sources);
            return new Market(between(source, fromMs, toMs), specs, String.join(" + ", names), of.findings(), List.copyOf(reads));
        }
        List<BarSource> sources = new ArrayList<>();
        try {
            for (Path f : files) {
                Timeframe tf = timeframeFromName(f.getFileName().toString());
                BarSource bars = MarketFiles.openBars(f, MarketFiles.symbolFromFileName(f), tf, clock, mode);
                reads.add((FileReadCounts) bars);
                sources.add(bars);
                names.add(tf + " bars from " + f.getFileName());
            }
            // the backtest's spread: the instrument's typical spread by session where a bar carries none
            MarketFeed feed = MarketFeed.bars(sources, specs, path, io.vprop.research.backtest.SpreadModel.bySession(table),
                    fromMs, toMs);
            return new Market(null, feed, specs, String.join(" + ", names) + " (" + path.name().toLowerCase(Locale.ROOT)
                    + " bar path)", of.findings(), List.copyOf(reads));
        } catch (RuntimeException e) {
            for (BarSource b : sources) b.close();
            throw e;
        }
    }

    /**
     * The configuration overrides a replay of {@code files} needs: on bar files, unless demo.timeframe is set, the
     * demo strategy crosses its EMAs on the files' finest timeframe (the terminal sends the files' bars, no M1 bars;
     * {@code vprop backtest} does the same). Nothing for tick files.
     */
    public static Map<String, String> replayOverrides(VpropConfig cfg, List<Path> files) {
        if (cfg.isSet("demo.timeframe") || files.isEmpty() || MarketFiles.detect(files.get(0)).isTicks()) return Map.of();
        Timeframe finest = null;
        for (Path f : files) {
            Timeframe tf = timeframeFromName(f.getFileName().toString());
            if (finest == null || tf.millis() < finest.millis()) finest = tf;
        }
        return Map.of("demo.timeframe", finest.name());
    }

    /** The paper.bars.mode key: the path a bar file's quotes take (ohlc, conservative), as backtest's --bars-mode. */
    public static BarPath barPath(VpropConfig cfg) {
        return switch (cfg.get("paper.bars.mode")) {
            case "conservative" -> BarPath.CONSERVATIVE;
            default -> BarPath.OHLC;
        };
    }

    /** Ticks in [fromMs, toMs). */
    private static TickSource between(TickSource ticks, long fromMs, long toMs) {
        if (fromMs == Long.MIN_VALUE && toMs == Long.MAX_VALUE) return ticks;
        TickSource from = new TickSource() {
            @Override
            public Tick next() {
                Tick t;
                while ((t = ticks.next()) != null && t.timeMs() < fromMs) { /* before the period */ }
                return t;
            }

            @Override
            public void close() { ticks.close(); }
        };
        return toMs == Long.MAX_VALUE ? from : TickSources.until(from, toMs);
    }

    /**
     * What a set of market files trades: each file's symbol (named by the file) looked up in {@code table} (an unknown
     * symbol is an error naming it), the specs a terminal's hello would state for them (tick values at the files'
     * first prices), and the files whose price digits disagree with their instrument.
     */
    public record FileInstruments(List<Instrument> instruments, List<SymbolSpec> specs, List<String> findings) {
    }

    public static FileInstruments instrumentsOf(List<Path> files, InstrumentTable table, Map<String, Double> fixedRates) {
        return instrumentsOf(files, table, fixedRates, ParseMode.STRICT);
    }

    /** As above; {@code mode} decides whether a bad first row stops (STRICT) or is passed over for the first good one. */
    public static FileInstruments instrumentsOf(List<Path> files, InstrumentTable table, Map<String, Double> fixedRates,
                                                ParseMode mode) {
        Map<String, Instrument> instruments = new LinkedHashMap<>();
        Map<String, Double> firstMids = new HashMap<>();
        List<String> findings = new ArrayList<>();
        for (Path f : files) {
            String symbol = MarketFiles.symbolFromFileName(f);
            Instrument i = table.get(symbol);
            instruments.putIfAbsent(symbol, i);
            MarketFiles.digitsMismatch(f, symbol, i.digits()).ifPresent(findings::add);
            firstMids.putIfAbsent(symbol, firstMid(f, symbol, mode));
        }
        return new FileInstruments(List.copyOf(instruments.values()), helloSpecs(instruments, firstMids, fixedRates),
                List.copyOf(findings));
    }

    /**
     * The specs a terminal's hello states: each instrument with its tick value in USD at the market's first prices
     * (the conversion pair's, or a fixed rate). A profit currency with neither is an error naming the pair needed.
     */
    static List<SymbolSpec> helloSpecs(Map<String, Instrument> instruments, Map<String, Double> firstMids,
                                       Map<String, Double> fixedRates) {
        CurrencyConverter converter = CurrencyConverter.forInstruments("USD", instruments.values(), fixedRates);
        List<SymbolSpec> specs = new ArrayList<>();
        for (Instrument i : instruments.values()) {
            double rate;
            try {
                rate = converter.rate(i.profitCurrency(), s -> firstMids.getOrDefault(s, Double.NaN));
            } catch (NoConversionRouteException e) {
                throw e.in(i.symbol() + " profits are in " + i.profitCurrency() + " (set paper.fx.rates or add the pair)");
            }
            specs.add(i.toSymbolSpec(i.tickValue(rate)));
        }
        return specs;
    }

    /** The file's first price: read in UTC, as the clock moves times only, never prices. */
    private static double firstMid(Path file, String symbol, ParseMode mode) {
        if (MarketFiles.detect(file).isTicks()) {
            try (TickSource t = MarketFiles.openTicks(file, symbol, ServerClock.UTC, mode)) {
                Tick first = t.next();
                return first == null ? Double.NaN : first.mid();
            }
        }
        try (BarSource b = MarketFiles.openBars(file, symbol, timeframeFromName(file.getFileName().toString()), ServerClock.UTC, mode)) {
            var first = b.next();
            return first == null ? Double.NaN : first.open();
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
        InstrumentTable table = instruments(cfg);
        List<Instrument> instruments = market.specs().stream().map(s -> table.get(s.symbol())).toList();
        BrokerConfig bc = BrokerConfig.of(cfg.getDouble("paper.balance"), "USD", cfg.getInt("paper.leverage"),
                        cfg.get("paper.margin.mode").equals("netting") ? AccountMode.NETTING : AccountMode.HEDGING,
                        instruments, fixedRates(cfg))
                .withLatency(cfg.getInt("paper.latency.ms"))
                .withSlippage((int) cfg.getDouble("paper.slippage.points"), cfg.getInt("paper.seed"));
        if (!cfg.get("paper.commission.per.lot").isEmpty()) bc = bc.withCommission(cfg.getDouble("paper.commission.per.lot"));
        String speed = cfg.get("paper.speed");
        // The terminal's TerminalLink picks its DEALER by this property (it has no config of its own): the same
        // implementation as the sidecar's ROUTER, whether both run in this process or apart.
        System.setProperty(Transports.PROPERTY, cfg.get("zmq.impl"));
        RoutingId id = new RoutingId("paper-" + index, cfg.get("paper.account"), "all-symbols");
        // bar files deliver their own bars as they close (as in a backtest of them); ticks make M1, M5 and H1 bars
        PaperTerminal.Config pc = new PaperTerminal.Config(endpoint, id,
                cfg.dataDir().resolve("paper-" + index + "-" + cfg.get("paper.account") + ".db"),
                speed.equals("max") ? 0 : Double.parseDouble(speed), cfg.getInt("paper.snapshot.ms"), cfg.get("firm.profile"),
                cfg.get("paper.margin.mode"), true,
                market.barFiles() ? new Timeframe[0] : new Timeframe[]{Timeframe.M1, Timeframe.M5, Timeframe.H1},
                cfg.getInt("paper.replay.window"));
        GovernorEngine governors = GovernorEngine.start(Sidecar.profile(cfg.get("firm.profile")), cfg.getDouble("paper.balance"), "USD");
        // bar files in exact lockstep: the account snapshotted by market time and answered, as a backtest's strategy
        // sees it (PaperTerminal's exactAccount; on ticks it would cost a round trip every market second)
        return new PaperTerminal(pc, market.events(), market.specs(), new PaperBroker(bc), governors, market.barFiles());
    }
}
