package io.vprop.paper.broker;

import io.vprop.market.instrument.AssetClass;
import io.vprop.market.instrument.Instrument;

/**
 * Margin in the account currency: the position's notional × max(1 / leverage, the instrument's margin rate).
 * <ul>
 *   <li>FX (MT5 "Forex" mode) counts the notional in the base currency: volume × contractSize when the base is
 *       the account currency (USDJPY on a USD account), else volume × contractSize × open price × (profit currency →
 *       account) — EURUSD: × 1, EURGBP: × GBPUSD;</li>
 *   <li>metals and index CFDs (MT5 "CFD" mode): volume × contractSize × open price × (profit currency → account).</li>
 * </ul>
 * {@code openPrice} is the position's open price (the fill price for a new order), so margin moves only with the
 * conversion rate, not with the market.
 */
final class Margin {
    private Margin() {
    }

    static double of(Instrument i, double volume, double openPrice, double leverage, double profitToAccount, String account) {
        double factor = Math.max(1.0 / leverage, i.marginRate());
        if (i.assetClass() == AssetClass.FX && i.baseCurrency().equals(account)) return volume * i.contractSize() * factor;
        return i.notional(volume, openPrice) * profitToAccount * factor;
    }
}
