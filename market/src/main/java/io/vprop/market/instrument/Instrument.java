package io.vprop.market.instrument;

import io.vprop.market.SymbolSpec;

/**
 * Everything VProp needs to know to size, value and charge a trade in one instrument: what {@link SymbolSpec}
 * carries (digits, tick size, contract size, volumes, stops/freeze levels, currencies) plus the asset class, margin
 * rate, commission, swaps and a spread model. One row of the instrument table (docs/instruments.md).
 * <p>
 * There is no tick value here: in the account currency it moves with the exchange rate (MT5's
 * SYMBOL_TRADE_TICK_VALUE does too), so it is {@link #tickValue(double)} at a rate from {@link CurrencyConverter}.
 * Profit follows MT5's Forex and CFD calculation: price move × contract size × lots, in the profit currency.
 *
 * @param marginRate the instrument's minimum margin as a fraction of notional (0.05 = at most 1:20), in [0, 1]; the
 *                   margin charged is notional × max(1 / account leverage, marginRate), 0 = the account leverage only
 */
public record Instrument(String symbol, AssetClass assetClass, int digits, double point, double tickSize,
                         double contractSize, double volumeMin, double volumeStep, double volumeMax, int stopsLevel,
                         int freezeLevel, String baseCurrency, String profitCurrency, double marginRate,
                         CommissionModel commission, SwapModel swap, SpreadModel spread) {

    public Instrument {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("instrument symbol is required");
        String p = symbol + ": ";
        if (assetClass == null) throw new IllegalArgumentException(p + "asset class is required");
        if (digits < 0 || digits > 10) throw new IllegalArgumentException(p + "digits must be 0..10, got " + digits);
        if (!(point > 0) || !Double.isFinite(point)) throw new IllegalArgumentException(p + "point must be > 0, got " + point);
        if (!(tickSize > 0) || !Double.isFinite(tickSize)) throw new IllegalArgumentException(p + "tick size must be > 0, got " + tickSize);
        if (!(contractSize > 0) || !Double.isFinite(contractSize)) throw new IllegalArgumentException(p + "contract size must be > 0, got " + contractSize);
        if (!(volumeMin > 0) || !(volumeStep > 0) || !(volumeMax >= volumeMin) || Double.isInfinite(volumeMax)) {
            throw new IllegalArgumentException(p + "volumes need 0 < volume_min <= volume_max and volume_step > 0, got min="
                    + volumeMin + " step=" + volumeStep + " max=" + volumeMax);
        }
        if (stopsLevel < 0 || freezeLevel < 0) {
            throw new IllegalArgumentException(p + "stops and freeze levels must be >= 0 points, got " + stopsLevel + ", " + freezeLevel);
        }
        if (baseCurrency == null || baseCurrency.isBlank() || profitCurrency == null || profitCurrency.isBlank()) {
            throw new IllegalArgumentException(p + "base and profit currencies are required");
        }
        if (!(marginRate >= 0 && marginRate <= 1)) throw new IllegalArgumentException(p + "margin rate must be in [0, 1], got " + marginRate);
        if (commission == null || swap == null || spread == null) {
            throw new IllegalArgumentException(p + "commission, swap and spread models are required");
        }
    }

    /**
     * An instrument from what a {@link SymbolSpec} alone says (callers that have no table row): FX margin, no
     * commission, no swaps, no spread model, margin from the account leverage only.
     */
    public static Instrument of(SymbolSpec s) {
        return new Instrument(s.symbol(), AssetClass.FX, s.digits(), s.point(), s.tickSize(), s.contractSize(),
                s.volumeMin(), s.volumeStep(), s.volumeMax(), s.stopsLevel(), s.freezeLevel(), s.baseCurrency(),
                s.profitCurrency(), 0, CommissionModel.NONE, SwapModel.NONE, SpreadModel.constant(0));
    }

    /** Money in the profit currency of a price move of {@code priceDistance} for {@code lots}. */
    public double profitCurrencyMoney(double priceDistance, double lots) {
        return priceDistance * contractSize * lots;
    }

    /** Notional of {@code lots} at {@code price}, in the profit currency. */
    public double notional(double lots, double price) {
        return lots * contractSize * price;
    }

    /**
     * MT5's SYMBOL_TRADE_TICK_VALUE: account-currency value of one tick-size move for 1.0 lot, at the rate of one unit
     * of the profit currency in the account currency.
     */
    public double tickValue(double profitToAccountRate) {
        return tickSize * contractSize * profitToAccountRate;
    }

    /** Money of one swap point per lot, in the profit currency (SYMBOL_SWAP_MODE_POINTS). */
    public double swapPointMoney() {
        return point * contractSize;
    }

    /** Rounds {@code lots} down to the volume step; 0 when below the minimum (the volume rules are SymbolSpec's). */
    public double floorVolume(double lots) {
        return toSymbolSpec(1.0).floorVolume(lots);
    }

    /** This instrument as the {@link SymbolSpec} most of VProp takes, with the tick value at a given rate. */
    public SymbolSpec toSymbolSpec(double tickValue) {
        return new SymbolSpec(symbol, digits, point, tickSize, tickValue, contractSize, volumeMin, volumeStep, volumeMax,
                stopsLevel, freezeLevel, baseCurrency, profitCurrency);
    }

    /**
     * The broker's live values over this row, field by field: from a real terminal the EA's SymbolInfo* values win.
     * Taken from {@code live}: digits, point, tick size, contract size, volume min/step/max, stops and freeze levels,
     * base and profit currencies — each only when usable (positive numbers, non-blank currencies; levels >= 0).
     * Kept from the table: asset class, margin rate, commission, swaps and spread model, which the EA's hello does not
     * carry. The live tick value is a snapshot at the hello's exchange rate and is not stored: it is
     * {@link #tickValue(double)} at the current rate.
     *
     * @throws IllegalArgumentException when {@code live} is for another symbol
     */
    public Instrument withLive(SymbolSpec live) {
        if (live == null) return this;
        if (!symbol.equals(live.symbol())) {
            throw new IllegalArgumentException("live spec of " + live.symbol() + " cannot be merged into " + symbol);
        }
        boolean liveDigits = live.point() > 0 && Double.isFinite(live.point()) && live.digits() >= 0;
        return new Instrument(symbol, assetClass,
                liveDigits ? live.digits() : digits,
                liveDigits ? live.point() : point,
                positive(live.tickSize(), tickSize),
                positive(live.contractSize(), contractSize),
                positive(live.volumeMin(), volumeMin),
                positive(live.volumeStep(), volumeStep),
                positive(live.volumeMax(), volumeMax),
                live.stopsLevel() >= 0 ? live.stopsLevel() : stopsLevel,
                live.freezeLevel() >= 0 ? live.freezeLevel() : freezeLevel,
                present(live.baseCurrency(), baseCurrency),
                present(live.profitCurrency(), profitCurrency),
                marginRate, commission, swap, spread);
    }

    private static double positive(double live, double table) {
        return live > 0 && Double.isFinite(live) ? live : table;
    }

    private static String present(String live, String table) {
        return live != null && !live.isBlank() ? live : table;
    }
}
