package io.vprop.research.runner;

import io.vprop.governors.profile.FirmProfile;
import io.vprop.market.BarSeries;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.ConversionRoute;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.instrument.NoConversionRouteException;
import io.vprop.market.instrument.QuoteLookup;
import io.vprop.paper.broker.AccountMode;
import io.vprop.paper.broker.BrokerConfig;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.BarPath;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.research.backtest.NewsRelease;
import io.vprop.research.backtest.SpreadModel;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.ParamSet;
import io.vprop.research.walkforward.UnitRunner;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.strategy.Strategy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The walk-forward's units on the live-code {@link Backtester}: per unit a fresh strategy from the
 * {@link StrategyFactory} with the unit's parameters, one account of the unit's balance, the unit's symbol played from
 * its warm-up start to its end on cached bars (no file is parsed per unit), entries allowed only inside the unit's
 * window (docs/walkforward.md). Costs are the instrument table's: commission, swaps, and for bars without their own
 * spread the spread by trading session. Money in the profit currency is converted to USD at the quotes of other
 * symbols of the data, which are played along (hidden from the strategy): JPY at USDJPY, CHF at USDCHF, AUD at
 * EURUSD / EURAUD when the data have no AUDUSD. A symbol whose profit currency the data cannot convert is an error
 * naming the pair needed, unless fixed rates were given explicitly. Thread-safe: units share only immutable bars.
 */
public final class BacktestUnitRunner implements UnitRunner {
    /** Bumped whenever what a unit's result means changes beyond what the code hash covers. */
    static final String VERSION = "backtest-unit-runner-v1";

    /**
     * How units are run besides their strategy.
     *
     * @param timeframe      the bars played (the finest and only timeframe: the strategy gets these bars)
     * @param instruments    specifications and costs (the built-in table, or with overrides)
     * @param path           the intrabar path
     * @param spreadPoints   spread of bars without their own, in points; null = the instrument's spread by session
     * @param commission     USD per lot per side for every symbol; null = the instrument's commission
     * @param slippagePoints maximum slippage against the trader, drawn from {@code seed}
     * @param seed           the broker's slippage seed
     * @param leverage       the account's leverage (100 = 1:100)
     * @param profile        the firm's rules the governors enforce per unit (the run stops at a halt), or null
     * @param profileId      the profile's name ("" without)
     * @param fixedRates     pair → price for currencies the data do not quote; only when asked for explicitly
     * @param intrabarEntries let the strategy open at any quote of the bar path (its extremes and the levels on the
     *                       way), not only at a bar's open and close quotes; for studying the path's bias only
     * @param codeVersion    the version of the code the units run (the command line: SHA-256 of the jars or class
     *                       folders of the modules and of a user's strategy classes), part of the fingerprint so that
     *                       a code change recomputes checkpointed units; "" when the caller cannot tell
     * @param coarser        coarser timeframes whose bars are delivered besides (not played as quotes)
     * @param news           the calendar's releases, all currencies (each unit keeps its symbol's); empty = none
     */
    public record Options(Timeframe timeframe, InstrumentTable instruments, BarPath path, Integer spreadPoints,
                          Double commission, int slippagePoints, long seed, double leverage, FirmProfile profile,
                          String profileId, Map<String, Double> fixedRates, boolean intrabarEntries, String codeVersion,
                          List<Timeframe> coarser, List<NewsRelease> news) {
        /** One timeframe only (no coarser bars delivered). */
        public Options(Timeframe timeframe, InstrumentTable instruments, BarPath path, Integer spreadPoints,
                       Double commission, int slippagePoints, long seed, double leverage, FirmProfile profile,
                       String profileId, Map<String, Double> fixedRates, boolean intrabarEntries, String codeVersion) {
            this(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, profile, profileId,
                    fixedRates, intrabarEntries, codeVersion, List.of(), List.of());
        }

        /** Without a calendar. */
        public Options(Timeframe timeframe, InstrumentTable instruments, BarPath path, Integer spreadPoints,
                       Double commission, int slippagePoints, long seed, double leverage, FirmProfile profile,
                       String profileId, Map<String, Double> fixedRates, boolean intrabarEntries, String codeVersion,
                       List<Timeframe> coarser) {
            this(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, profile, profileId,
                    fixedRates, intrabarEntries, codeVersion, coarser, List.of());
        }

        public Options {
            coarser = coarser == null ? List.of() : List.copyOf(coarser);
            for (Timeframe c : coarser)
                if (timeframe != null && c.millis() <= timeframe.millis())
                    throw new IllegalArgumentException("bars delivered besides " + timeframe + " must be coarser, got " + c);
            if (timeframe == null || instruments == null || path == null)
                throw new IllegalArgumentException("timeframe, instruments and bar path are required");
            if (spreadPoints != null && spreadPoints < 0) throw new IllegalArgumentException("spread must be >= 0 points, got " + spreadPoints);
            if (commission != null && !(commission >= 0)) throw new IllegalArgumentException("commission must be >= 0 USD per lot per side, got " + commission);
            if (slippagePoints < 0) throw new IllegalArgumentException("slippage must be >= 0 points, got " + slippagePoints);
            if (!(leverage >= 1)) throw new IllegalArgumentException("leverage must be >= 1, got " + leverage);
            profileId = profileId == null ? "" : profileId;
            if (profile != null && profileId.isBlank()) throw new IllegalArgumentException("a firm profile needs its id");
            fixedRates = fixedRates == null ? Map.of() : Map.copyOf(new TreeMap<>(fixedRates));
            codeVersion = codeVersion == null ? "" : codeVersion;
            news = news == null ? List.of() : List.copyOf(news);
        }

        /** The built-in instruments and their costs, the OHLC path, no slippage, 1:100, no firm profile. */
        public static Options defaults(Timeframe timeframe) {
            return new Options(timeframe, InstrumentTable.builtIn(), BarPath.OHLC, null, null, 0, 1, 100, null, "", Map.of(), false, "");
        }

        public Options withProfile(FirmProfile p, String id) {
            return new Options(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, p, id, fixedRates, intrabarEntries, codeVersion, coarser, news);
        }

        public Options withCosts(Integer spread, Double commissionPerLotPerSide, int slippage, long slippageSeed) {
            return new Options(timeframe, instruments, path, spread, commissionPerLotPerSide, slippage, slippageSeed, leverage,
                    profile, profileId, fixedRates, intrabarEntries, codeVersion, coarser, news);
        }

        public Options withPath(BarPath p) {
            return new Options(timeframe, instruments, p, spreadPoints, commission, slippagePoints, seed, leverage, profile, profileId, fixedRates, intrabarEntries, codeVersion, coarser, news);
        }

        public Options withFixedRates(Map<String, Double> rates) {
            return new Options(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, profile, profileId, rates, intrabarEntries, codeVersion, coarser, news);
        }

        public Options withIntrabarEntries(boolean on) {
            return new Options(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, profile,
                    profileId, fixedRates, on, codeVersion, coarser, news);
        }

        /** Also delivers the traded symbol's bars of these coarser timeframes (H4 data with D1: the engine on both). */
        public Options withCoarser(List<Timeframe> tfs) {
            return new Options(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, profile, profileId, fixedRates, intrabarEntries, codeVersion, tfs, news);
        }

        /**
         * The calendar's releases (all currencies: each unit keeps those of its symbol's base and profit currency, and
         * "ALL"), fed to the unit's governors 24 h ahead as the kernel pushes them (BacktestConfig#news).
         */
        public Options withNews(List<NewsRelease> releases) {
            return new Options(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, profile, profileId, fixedRates, intrabarEntries, codeVersion, coarser, releases);
        }

        public Options withCodeVersion(String version) {
            return new Options(timeframe, instruments, path, spreadPoints, commission, slippagePoints, seed, leverage, profile, profileId, fixedRates, intrabarEntries, version, coarser, news);
        }
    }

    /** What one symbol's units trade with: its instrument first, then the pairs its conversion reads. */
    private record Plan(String symbol, List<Instrument> instruments, ConversionRoute conversion) {
    }

    private final BarLibrary bars;
    private final StrategyFactory strategies;
    private final Options options;
    private final CurrencyConverter dataConverter;     // over every symbol of the data: notional in USD
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private volatile String fingerprint;

    public BacktestUnitRunner(BarLibrary bars, StrategyFactory strategies, Options options) {
        if (bars == null || strategies == null || options == null) throw new IllegalArgumentException("bars, strategies and options are required");
        this.bars = bars;
        this.strategies = strategies;
        this.options = options;
        if (bars.symbols(options.timeframe()).isEmpty())
            throw new IllegalArgumentException("no " + options.timeframe() + " bar files in " + bars);
        List<CurrencyConverter.Pair> pairs = new ArrayList<>();
        for (String s : bars.symbols(options.timeframe()))
            options.instruments().find(s).ifPresent(i -> pairs.add(new CurrencyConverter.Pair(s, i.baseCurrency(), i.profitCurrency())));
        this.dataConverter = new CurrencyConverter("USD", pairs, options.fixedRates());
    }

    /**
     * Reads the symbols' bars (and their conversion pairs') now, checks every symbol converts to USD and every grid
     * point makes a strategy: a mistake fails here, naming it, instead of in the middle of a sweep.
     */
    public void prepare(List<String> symbols, ParamGrid grid) {
        for (String s : symbols) {
            Plan p = plan(s);
            for (Instrument i : p.instruments()) bars.bars(i.symbol(), options.timeframe());
            for (Timeframe c : options.coarser()) bars.bars(s, c);
        }
        for (ParamSet p : grid.points()) {
            try {
                strategies.create(p);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("grid point " + p.key() + ": " + e.getMessage(), e);
            }
        }
        fingerprint = null;
    }

    /** The symbols with bars of the runner's timeframe, sorted. */
    public List<String> symbols() { return List.copyOf(bars.symbols(options.timeframe())); }

    /** [first bar's open, last bar's close] of the symbol, UTC ms. */
    public long[] span(String symbol) { return bars.span(symbol, options.timeframe()); }

    /** How each prepared symbol's profit currency becomes USD, in words ("EURAUD: AUD→USD: 1 / EURAUD mid × EURUSD mid"). */
    public List<String> conversions() {
        List<String> out = new ArrayList<>();
        new TreeMap<>(plans).forEach((s, p) -> out.add(s + ": " + p.conversion().describe()));
        return out;
    }

    private Plan plan(String symbol) {
        Plan p = plans.get(symbol);
        if (p != null) return p;
        Timeframe tf = options.timeframe();
        if (!bars.has(symbol, tf)) bars.file(symbol, tf);          // throws naming the files there are
        Instrument traded = options.instruments().get(symbol);
        List<CurrencyConverter.Pair> pairs = new ArrayList<>();      // the traded symbol first: a cross starts with it
        pairs.add(new CurrencyConverter.Pair(symbol, traded.baseCurrency(), traded.profitCurrency()));
        for (String s : bars.symbols(tf)) {
            if (s.equals(symbol)) continue;
            options.instruments().find(s).ifPresent(i -> pairs.add(new CurrencyConverter.Pair(s, i.baseCurrency(), i.profitCurrency())));
        }
        ConversionRoute route;
        try {
            route = new CurrencyConverter("USD", pairs, options.fixedRates()).route(traded.profitCurrency());
        } catch (NoConversionRouteException e) {
            throw e.in(symbol + " profits are in " + traded.profitCurrency() + " and the " + tf + " data have no pair to "
                    + "convert them (give fixed rates explicitly if that is what you want)");
        }
        List<Instrument> instruments = new ArrayList<>(List.of(traded));
        for (String s : route.symbols()) if (!s.equals(symbol)) instruments.add(options.instruments().get(s));
        p = new Plan(symbol, List.copyOf(instruments), route);
        plans.put(symbol, p);
        return p;
    }

    @Override
    public BacktestResult run(WorkUnit u) {
        Plan plan = plan(u.symbol());
        Timeframe tf = options.timeframe();
        double balance = u.initialBalance();
        Map<String, BarSeries> series = new LinkedHashMap<>();
        for (Instrument i : plan.instruments()) series.put(i.symbol(), bars.bars(i.symbol(), tf));
        QuoteLookup atStart = s -> {
            BarSeries b = series.get(s);
            return b == null ? Double.NaN : BarLibrary.lastPrice(b, tf, u.warmupFromMs());
        };
        BrokerConfig broker = BrokerConfig.of(balance, "USD", options.leverage(), AccountMode.HEDGING, plan.instruments(),
                options.fixedRates()).withSlippage(options.slippagePoints(), options.seed());
        if (options.commission() != null) broker = broker.withCommission(options.commission());
        List<SymbolSpec> specs = new ArrayList<>();
        CurrencyConverter converter = CurrencyConverter.forInstruments("USD", plan.instruments(), options.fixedRates());
        for (Instrument i : plan.instruments()) {
            double rate = converter.route(i.profitCurrency()).rate(atStart);   // the hello's tick value: at the warm-up start
            if (!(rate > 0)) throw new IllegalStateException("no " + i.profitCurrency() + " rate at the start of " + u.id());
            specs.add(i.toSymbolSpec(i.tickValue(rate)));
        }
        SpreadModel spread = new UnitSpreads(plan.instruments(), options.spreadPoints());
        BacktestConfig config = BacktestConfig.defaults(specs, balance).withBroker(broker).withBars(options.path(), spread)
                .withEnd(true, true);
        if (options.profile() != null) config = config.withProfile(options.profile(), options.profileId());
        if (!options.news().isEmpty()) config = config.withNews(newsOf(specs.get(0)));
        Strategy strategy = strategies.create(u.params());
        WindowGate gate = new WindowGate(strategy, u, strategies::counters, series.get(u.symbol()), tf.millis(),
                options.intrabarEntries());
        List<BarSource> sources = new ArrayList<>();
        for (BarSeries b : series.values()) sources.add(slice(b, u, gate));
        for (Timeframe c : options.coarser()) sources.add(slice(bars.bars(u.symbol(), c), u, gate));   // delivered as bars only: the finest makes the quotes
        BacktestResult r = new Backtester(config).run(gate,
                MarketFeed.bars(sources, specs, options.path(), spread, u.warmupFromMs(), u.endMs()));
        BarSeries own = series.get(u.symbol());
        boolean dataGoOn = own.openTimeMs(own.size() - 1) + tf.millis() > u.endMs();
        List<BacktestTrade> trades = new ArrayList<>(r.trades().size());
        for (BacktestTrade t : r.trades()) trades.add(dataGoOn ? endOfWindow(t) : t);
        Map<String, Long> counters = new HashMap<>(r.counters());
        counters.putAll(gate.counters());
        return new BacktestResult(trades, r.equity(), r.breaches(), r.initialBalance(), r.currency(), r.fromMs(), r.toMs(),
                r.events(), counters);
    }

    /**
     * One unit's slice of a symbol's bars: those opening at or after the warm-up's start that close by the unit's end
     * (so nothing is quoted after it). Once a bar opening at or after the test window's end is due and the gate says
     * nothing can happen any more (no entry may open, nothing is open), the slice ends there: the rest of the window
     * would only repeat a flat account.
     */
    private static BarSeries.Cursor slice(BarSeries bars, WorkUnit u, WindowGate gate) {
        long barMs = bars.timeframe().millis();
        return bars.cursor(u.warmupFromMs(), u.endMs() - barMs + 1).endingWhen(u.toMs(), gate::quiet);
    }

    /** The calendar's releases of the traded instrument's currencies (and "ALL"), as the kernel pushes a terminal's. */
    private List<NewsRelease> newsOf(SymbolSpec traded) {
        Set<String> currencies = traded.newsCurrencies();
        List<NewsRelease> out = new ArrayList<>();
        for (NewsRelease n : options.news()) if (n.currency().equals("ALL") || currencies.contains(n.currency())) out.add(n);
        return out;
    }

    /** What the backtester closes at the end of its data is, for the walk-forward, closed at the unit's end. */
    private static BacktestTrade endOfWindow(BacktestTrade t) {
        if (!t.exitReason().contains("end_of_data")) return t;
        return new BacktestTrade(t.position(), t.symbol(), t.side(), t.lots(), t.openMs(), t.closeMs(), t.entryPrice(),
                t.exitPrice(), t.pnl(), t.commission(), t.swap(), t.riskMoney(), t.worstExcursion(), t.alpha(), t.regime(),
                t.session(), t.timeframe(), t.exitReason().replace("end_of_data", "end_of_window"));
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "the backtester (live code: risk engine, paper broker%s) on %s bars, %s path, %s; "
                        + "costs: %s, %s, swaps from the instrument table, %s; P&L converted to USD at the data's quotes%s; "
                        + "strategy: %s",
                options.profile() == null ? ", no firm profile" : ", governors of " + options.profileId()
                        + (options.news().isEmpty() ? ", no news calendar" : String.format(Locale.ROOT,
                        ", %,d calendar releases learnt 24 h ahead", options.news().size())),
                options.timeframe() + (options.coarser().isEmpty() ? "" : " (and " + options.coarser() + " bars)"), options.path().name().toLowerCase(Locale.ROOT),
                options.intrabarEntries() ? "entries at any quote of the path (intrabar)" : "entries at bar opens and closes only",
                options.commission() == null ? "commission from the instrument table" : "commission " + options.commission() + " USD/lot/side",
                options.spreadPoints() == null ? "spread by session from the instrument table where bars carry none"
                        : "spread " + options.spreadPoints() + " points where bars carry none",
                options.slippagePoints() == 0 ? "no slippage" : "slippage up to " + options.slippagePoints() + " points (seed " + options.seed() + ")",
                options.fixedRates().isEmpty() ? "" : ", fixed rates " + options.fixedRates(),
                strategies.description());
    }

    /**
     * The runner's version, options, the instruments and SHA-256 of the bar files its symbols read, the code version
     * given in the options, and the strategy's fingerprint.
     */
    @Override
    public String fingerprint() {
        String f = fingerprint;
        if (f != null) return f;
        StringJoiner j = new StringJoiner("|");
        j.add(VERSION).add(options.timeframe() + "," + options.path() + ",spread=" + options.spreadPoints() + ",commission="
                + options.commission() + ",slippage=" + options.slippagePoints() + ",seed=" + options.seed() + ",leverage="
                + options.leverage() + ",fixed=" + options.fixedRates() + ",intrabar=" + options.intrabarEntries() + ",profile=" + options.profileId() + ":" + options.profile());
        Timeframe tf = options.timeframe();
        List<String> symbols = plans.isEmpty() ? symbols() : new ArrayList<>(new TreeMap<>(plans).keySet());
        Map<String, Instrument> used = new TreeMap<>();
        for (String s : symbols)
            for (Instrument i : plan(s).instruments()) used.put(i.symbol(), i);
        used.forEach((s, i) -> j.add(i.toString()).add(s + "_" + tf + "=" + bars.sha256(s, tf)));
        for (Timeframe c : options.coarser())
            for (String s : symbols) j.add(s + "_" + c + "=" + bars.sha256(s, c));
        j.add("clock=" + bars.clock().describe());
        if (!options.news().isEmpty()) j.add("news=" + newsDigest(options.news()));
        j.add("code=" + options.codeVersion());
        j.add(strategies.fingerprint());
        return fingerprint = j.toString();
    }

    /** SHA-256 of the releases (time, currency, impact), so that another calendar recomputes checkpointed units. */
    private static String newsDigest(List<NewsRelease> news) {
        StringBuilder b = new StringBuilder();
        for (NewsRelease n : news) b.append(n.releaseMs()).append(',').append(n.currency()).append(',').append(n.impact()).append('\n');
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return news.size() + ":" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Entry lots × contract size × the base currency's USD rate at the data's last close before the entry. */
    @Override
    public double notionalUsd(BacktestTrade t) {
        Instrument i = options.instruments().find(t.symbol()).orElse(null);
        ConversionRoute r = i == null ? null : dataConverter.routeOrNull(i.baseCurrency());
        if (r == null) return Double.NaN;
        Timeframe tf = options.timeframe();
        double rate = r.rate(s -> BarLibrary.lastPrice(bars.bars(s, tf), tf, t.openMs()));
        return t.lots() * i.contractSize() * rate;
    }
}
