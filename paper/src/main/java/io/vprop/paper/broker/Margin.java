package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;

/**
 * Margin in the (USD) account currency, MT5 "Forex" calculation: volume × contractSize / leverage units of the
 * base currency, converted to USD:
 * <ul>
 *   <li>base = USD (USDJPY): volume × contractSize / leverage;</li>
 *   <li>quote = USD (EURUSD): volume × contractSize × price / leverage;</li>
 *   <li>cross (EURGBP): volume × contractSize × price × (quote→USD) / leverage, where quote→USD is taken from
 *       the symbol spec as tickValue / (tickSize × contractSize) — the same rate the profit uses.</li>
 * </ul>
 * {@code price} is the position's open price (so margin does not move with the market), the fill price for a
 * new order.
 */
final class Margin {
    private Margin() {
    }

    static double of(SymbolSpec s, double volume, double price, double leverage) {
        if ("USD".equals(s.baseCurrency())) return volume * s.contractSize() / leverage;
        double quoteToUsd = "USD".equals(s.profitCurrency()) ? 1.0 : s.tickValue() / (s.tickSize() * s.contractSize());
        return volume * s.contractSize() * price * quoteToUsd / leverage;
    }
}
