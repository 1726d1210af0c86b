package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Account and execution settings of the paper broker. Money is in the account currency ({@code currency}, only
 * USD is supported: profits use {@link SymbolSpec#tickValue()}, which the caller states in USD).
 *
 * @param initialBalance          starting balance, > 0
 * @param currency                account currency, "USD"
 * @param leverage                e.g. 100 for 1:100, >= 1
 * @param mode                    netting or hedging
 * @param commissionPerLotPerSide charged on every deal, per lot (e.g. 3.5 → a 1-lot round trip costs 7), >= 0
 * @param swapLongPerLotPerDay    account currency per lot per rollover for BUY positions (negative = cost)
 * @param swapShortPerLotPerDay   same for SELL positions
 * @param stopOutLevelPercent     margin level (equity / margin × 100) below which positions are closed, >= 0
 * @param latencyMs               request-to-fill delay; 0 fills at the current quote, > 0 returns PLACED
 * @param maxSlippagePoints       slippage is uniform in [0, max] points, always against the trader, >= 0
 * @param slippageSeed            seed of the slippage generator (same seed → same fills)
 * @param symbols                 tradable symbols by name
 * @param symbolSwaps             per-symbol swap rates overriding the account-wide ones (may be empty)
 */
public record BrokerConfig(double initialBalance, String currency, double leverage, AccountMode mode,
                           double commissionPerLotPerSide, double swapLongPerLotPerDay, double swapShortPerLotPerDay,
                           double stopOutLevelPercent, long latencyMs, int maxSlippagePoints, long slippageSeed,
                           Map<String, SymbolSpec> symbols, Map<String, SwapRate> symbolSwaps) {
    public BrokerConfig {
        requireFinite("initialBalance", initialBalance);
        if (initialBalance <= 0) throw new IllegalArgumentException("initialBalance must be positive, got " + initialBalance);
        if (!"USD".equals(currency)) throw new IllegalArgumentException("currency must be USD, got '" + currency + "'");
        requireFinite("leverage", leverage);
        if (leverage < 1) throw new IllegalArgumentException("leverage must be >= 1, got " + leverage);
        if (mode == null) throw new IllegalArgumentException("mode (NETTING or HEDGING) is required");
        requireFinite("commissionPerLotPerSide", commissionPerLotPerSide);
        if (commissionPerLotPerSide < 0) throw new IllegalArgumentException("commissionPerLotPerSide must be >= 0, got " + commissionPerLotPerSide);
        requireFinite("swapLongPerLotPerDay", swapLongPerLotPerDay);
        requireFinite("swapShortPerLotPerDay", swapShortPerLotPerDay);
        requireFinite("stopOutLevelPercent", stopOutLevelPercent);
        if (stopOutLevelPercent < 0) throw new IllegalArgumentException("stopOutLevelPercent must be >= 0, got " + stopOutLevelPercent);
        if (latencyMs < 0) throw new IllegalArgumentException("latencyMs must be >= 0, got " + latencyMs);
        if (maxSlippagePoints < 0) throw new IllegalArgumentException("maxSlippagePoints must be >= 0, got " + maxSlippagePoints);
        if (symbols == null || symbols.isEmpty()) throw new IllegalArgumentException("symbols must not be empty");
        for (Map.Entry<String, SymbolSpec> e : symbols.entrySet()) checkSpec(e.getKey(), e.getValue());
        symbols = Map.copyOf(symbols);
        symbolSwaps = symbolSwaps == null ? Map.of() : Map.copyOf(symbolSwaps);
        for (String sym : symbolSwaps.keySet()) {
            if (!symbols.containsKey(sym)) throw new IllegalArgumentException("swap rate given for unknown symbol '" + sym + "'");
        }
    }

    /** The swap rate that applies to {@code symbol}: its own, else the account-wide one. */
    public SwapRate swapFor(String symbol) {
        SwapRate r = symbolSwaps.get(symbol);
        return r != null ? r : new SwapRate(swapLongPerLotPerDay, swapShortPerLotPerDay);
    }

    /** Sets one symbol's swap rates (USD per lot per day, signed). */
    public BrokerConfig withSymbolSwap(String symbol, double longPerLotPerDay, double shortPerLotPerDay) {
        Map<String, SwapRate> m = new LinkedHashMap<>(symbolSwaps);
        m.put(symbol, new SwapRate(longPerLotPerDay, shortPerLotPerDay));
        return new BrokerConfig(initialBalance, currency, leverage, mode, commissionPerLotPerSide, swapLongPerLotPerDay,
                swapShortPerLotPerDay, stopOutLevelPercent, latencyMs, maxSlippagePoints, slippageSeed, symbols, m);
    }

    /** USD account, no costs, no latency/slippage, stop-out 50 %: override with the withers. */
    public static BrokerConfig usd(double initialBalance, double leverage, AccountMode mode, List<SymbolSpec> specs) {
        Map<String, SymbolSpec> m = new LinkedHashMap<>();
        for (SymbolSpec s : specs) m.put(s.symbol(), s);
        return new BrokerConfig(initialBalance, "USD", leverage, mode, 0, 0, 0, 50, 0, 0, 1, m, Map.of());
    }

    public BrokerConfig withCommission(double perLotPerSide) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, perLotPerSide, swapLongPerLotPerDay,
                swapShortPerLotPerDay, stopOutLevelPercent, latencyMs, maxSlippagePoints, slippageSeed, symbols, symbolSwaps);
    }

    public BrokerConfig withSwaps(double longPerLotPerDay, double shortPerLotPerDay) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, commissionPerLotPerSide, longPerLotPerDay,
                shortPerLotPerDay, stopOutLevelPercent, latencyMs, maxSlippagePoints, slippageSeed, symbols, symbolSwaps);
    }

    public BrokerConfig withStopOut(double levelPercent) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, commissionPerLotPerSide, swapLongPerLotPerDay,
                swapShortPerLotPerDay, levelPercent, latencyMs, maxSlippagePoints, slippageSeed, symbols, symbolSwaps);
    }

    public BrokerConfig withLatency(long ms) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, commissionPerLotPerSide, swapLongPerLotPerDay,
                swapShortPerLotPerDay, stopOutLevelPercent, ms, maxSlippagePoints, slippageSeed, symbols, symbolSwaps);
    }

    public BrokerConfig withSlippage(int maxPoints, long seed) {
        return new BrokerConfig(initialBalance, currency, leverage, mode, commissionPerLotPerSide, swapLongPerLotPerDay,
                swapShortPerLotPerDay, stopOutLevelPercent, latencyMs, maxPoints, seed, symbols, symbolSwaps);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be a finite number, got " + v);
    }

    private static void checkSpec(String name, SymbolSpec s) {
        if (s == null) throw new IllegalArgumentException("symbol " + name + " has no spec");
        if (!name.equals(s.symbol())) throw new IllegalArgumentException("spec keyed '" + name + "' is for " + s.symbol());
        String p = "symbol " + name + ": ";
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
        if (s.baseCurrency() == null || s.profitCurrency() == null) {
            throw new IllegalArgumentException(p + "baseCurrency and profitCurrency are required");
        }
    }
}
