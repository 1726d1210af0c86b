package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;
import io.vprop.market.instrument.CommissionModel;
import io.vprop.market.instrument.ConversionRoute;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.NoConversionRouteException;
import io.vprop.market.instrument.SwapModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Account and execution settings of the paper broker. Money is in the account currency {@code currency}: each
 * instrument's profits, commission and swaps are converted into it at current quotes of the conversion pair
 * (USDJPY for JPY on a USD account) or, where no symbol of the account quotes it, at a fixed rate. Every tradable
 * symbol needs such a route: the constructor throws naming the pair needed (docs/paper-broker.md, docs/instruments.md).
 *
 * @param initialBalance      starting balance, > 0
 * @param currency            account currency, a 3-letter code ("USD")
 * @param leverage            e.g. 100 for 1:100, >= 1
 * @param mode                netting or hedging
 * @param stopOutLevelPercent margin level (equity / margin × 100) below which positions are closed, >= 0
 * @param latencyMs           request-to-fill delay; 0 fills at the current quote, > 0 returns PLACED
 * @param maxSlippagePoints   slippage is uniform in [0, max] points, always against the trader, >= 0
 * @param slippageSeed        seed of the slippage generator (same seed → same fills)
 * @param instruments         tradable instruments by symbol, with their commission, swap and margin models
 * @param fixedRates          pair → price (e.g. "USDJPY" → 150.0) for currencies no tradable symbol quotes
 */
public record BrokerConfig(double initialBalance, String currency, double leverage, AccountMode mode,
                           double stopOutLevelPercent, long latencyMs, int maxSlippagePoints, long slippageSeed,
                           Map<String, Instrument> instruments, Map<String, Double> fixedRates) {
    public BrokerConfig {
        requireFinite("initialBalance", initialBalance);
        if (initialBalance <= 0) throw new IllegalArgumentException("initialBalance must be positive, got " + initialBalance);
        if (currency == null || !currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be a 3-letter code like USD, got '" + currency + "'");
        requireFinite("leverage", leverage);
        if (leverage < 1) throw new IllegalArgumentException("leverage must be >= 1, got " + leverage);
        if (mode == null) throw new IllegalArgumentException("mode (NETTING or HEDGING) is required");
        requireFinite("stopOutLevelPercent", stopOutLevelPercent);
        if (stopOutLevelPercent < 0) throw new IllegalArgumentException("stopOutLevelPercent must be >= 0, got " + stopOutLevelPercent);
        if (latencyMs < 0) throw new IllegalArgumentException("latencyMs must be >= 0, got " + latencyMs);
        if (maxSlippagePoints < 0) throw new IllegalArgumentException("maxSlippagePoints must be >= 0, got " + maxSlippagePoints);
        if (instruments == null || instruments.isEmpty()) throw new IllegalArgumentException("symbols must not be empty");
        for (Map.Entry<String, Instrument> e : instruments.entrySet()) {
            if (e.getValue() == null) throw new IllegalArgumentException("symbol " + e.getKey() + " has no spec");
            if (!e.getKey().equals(e.getValue().symbol())) throw new IllegalArgumentException("spec keyed '" + e.getKey() + "' is for " + e.getValue().symbol());
        }
        instruments = Map.copyOf(instruments);
        fixedRates = fixedRates == null ? Map.of() : Map.copyOf(fixedRates);
        CurrencyConverter converter = CurrencyConverter.forInstruments(currency, instruments.values(), fixedRates);
        for (Instrument i : instruments.values()) {
            try {
                converter.route(i.profitCurrency());
            } catch (NoConversionRouteException e) {
                throw e.in(i.symbol() + " profits are in " + i.profitCurrency());
            }
        }
    }

    /**
     * An account trading {@code instruments} with their own commission, swap and margin models.
     *
     * @param fixedRates pair → price for currencies no tradable symbol quotes (may be empty)
     */
    public static BrokerConfig of(double initialBalance, String currency, double leverage, AccountMode mode,
                                  List<Instrument> instruments, Map<String, Double> fixedRates) {
        Map<String, Instrument> m = new LinkedHashMap<>();
        for (Instrument i : instruments) {
            if (m.put(i.symbol(), i) != null) throw new IllegalArgumentException("symbol " + i.symbol() + " is given twice");
        }
        return new BrokerConfig(initialBalance, currency, leverage, mode, 50, 0, 0, 1, m, fixedRates);
    }

    /**
     * USD account over bare {@link SymbolSpec}s: no commission, no swaps, margin from the leverage, no latency or
     * slippage, stop-out 50 %: override with the withers. A spec's tickValue (USD) states the rate of its profit
     * currency: it is used as a fixed rate where no symbol of the account quotes that currency (two specs stating
     * different rates for one currency are an error); a quoted symbol's live rate wins (a cross of two quoted symbols
     * does not: the spec's rate is used, as before crosses existed).
     */
    public static BrokerConfig usd(double initialBalance, double leverage, AccountMode mode, List<SymbolSpec> specs) {
        Map<String, Instrument> m = new LinkedHashMap<>();
        for (SymbolSpec s : specs) {
            checkSpec(s);
            m.put(s.symbol(), Instrument.of(s));
        }
        CurrencyConverter quotedOnly = CurrencyConverter.forInstruments("USD", m.values(), Map.of());
        Map<String, Double> stated = new LinkedHashMap<>();
        Map<String, String> statedBy = new LinkedHashMap<>();
        for (SymbolSpec s : specs) {
            String ccy = s.profitCurrency();
            ConversionRoute quoted = ccy == null ? null : quotedOnly.routeOrNull(ccy);
            if (ccy == null || quoted != null && quoted.kind() != ConversionRoute.Kind.CROSS) continue;   // one quoted hop wins
            double rate = s.tickValue() / (s.tickSize() * s.contractSize());
            Double before = stated.put(ccy + "USD", rate);
            if (before != null && Math.abs(before - rate) > 1e-9 * rate) {
                throw new IllegalArgumentException("specs " + statedBy.get(ccy) + " and " + s.symbol() + " state different "
                        + ccy + "→USD rates through their tick values (" + before + " and " + rate + ")");
            }
            statedBy.putIfAbsent(ccy, s.symbol());
        }
        return new BrokerConfig(initialBalance, "USD", leverage, mode, 50, 0, 0, 1, m, stated);
    }

    /** The instrument of {@code symbol}, or null when the account does not trade it. */
    public Instrument instrument(String symbol) { return instruments.get(symbol); }

    /** Every symbol's commission becomes {@code perLotPerSide} in the account currency per lot per side. */
    public BrokerConfig withCommission(double perLotPerSide) {
        if (!(perLotPerSide >= 0) || Double.isInfinite(perLotPerSide)) {
            throw new IllegalArgumentException("commissionPerLotPerSide must be a finite number >= 0, got " + perLotPerSide);
        }
        Map<String, Instrument> m = new LinkedHashMap<>();
        for (Instrument i : instruments.values()) m.put(i.symbol(), with(i, CommissionModel.perLot(perLotPerSide), i.swap()));
        return withInstruments(m);
    }

    /** Every symbol's swap becomes account currency per lot per day (signed; negative = the trader pays). */
    public BrokerConfig withSwaps(double longPerLotPerDay, double shortPerLotPerDay) {
        Map<String, Instrument> m = new LinkedHashMap<>();
        for (Instrument i : instruments.values()) m.put(i.symbol(), with(i, i.commission(), moneySwap(i, longPerLotPerDay, shortPerLotPerDay)));
        return withInstruments(m);
    }

    /** Sets one symbol's swap rates (account currency per lot per day, signed), keeping its triple-swap day. */
    public BrokerConfig withSymbolSwap(String symbol, double longPerLotPerDay, double shortPerLotPerDay) {
        Instrument i = instruments.get(symbol);
        if (i == null) throw new IllegalArgumentException("swap rate given for unknown symbol '" + symbol + "'");
        Map<String, Instrument> m = new LinkedHashMap<>(instruments);
        m.put(symbol, with(i, i.commission(), moneySwap(i, longPerLotPerDay, shortPerLotPerDay)));
        return withInstruments(m);
    }

    public BrokerConfig withStopOut(double levelPercent) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, levelPercent, latencyMs, maxSlippagePoints, slippageSeed, instruments, fixedRates);
    }

    public BrokerConfig withLatency(long ms) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, stopOutLevelPercent, ms, maxSlippagePoints, slippageSeed, instruments, fixedRates);
    }

    public BrokerConfig withSlippage(int maxPoints, long seed) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, stopOutLevelPercent, latencyMs, maxPoints, seed, instruments, fixedRates);
    }

    private BrokerConfig withInstruments(Map<String, Instrument> m) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, stopOutLevelPercent, latencyMs, maxSlippagePoints, slippageSeed, m, fixedRates);
    }

    private static SwapModel moneySwap(Instrument i, double longRate, double shortRate) {
        return new SwapModel(SwapModel.Unit.MONEY, longRate, shortRate, i.swap().tripleDay());
    }

    private static Instrument with(Instrument i, CommissionModel commission, SwapModel swap) {
        return new Instrument(i.symbol(), i.assetClass(), i.digits(), i.point(), i.tickSize(), i.contractSize(), i.volumeMin(),
                i.volumeStep(), i.volumeMax(), i.stopsLevel(), i.freezeLevel(), i.baseCurrency(), i.profitCurrency(),
                i.marginRate(), commission, swap, i.spread());
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be a finite number, got " + v);
    }

    private static void checkSpec(SymbolSpec s) {
        if (s == null) throw new IllegalArgumentException("a symbol spec is null");
        String p = "symbol " + s.symbol() + ": ";
        if (!(s.point() > 0) || !(s.tickSize() > 0) || !(s.tickValue() > 0) || !(s.contractSize() > 0)
                || Double.isInfinite(s.tickValue())) {
            throw new IllegalArgumentException(p + "point, tickSize, tickValue and contractSize must be positive (got "
                    + s.point() + ", " + s.tickSize() + ", " + s.tickValue() + ", " + s.contractSize() + ")");
        }
        if (!(s.volumeMin() > 0) || !(s.volumeStep() > 0) || !(s.volumeMax() >= s.volumeMin())) {
            throw new IllegalArgumentException(p + "need 0 < volumeMin <= volumeMax and volumeStep > 0 (got "
                    + s.volumeMin() + ", " + s.volumeMax() + ", " + s.volumeStep() + ")");
        }
        if (s.stopsLevel() < 0 || s.freezeLevel() < 0) {
            throw new IllegalArgumentException(p + "stopsLevel and freezeLevel must be >= 0");
        }
        if (s.baseCurrency() == null || s.profitCurrency() == null || s.baseCurrency().isBlank() || s.profitCurrency().isBlank()) {
            throw new IllegalArgumentException(p + "baseCurrency and profitCurrency are required");
        }
    }
}
