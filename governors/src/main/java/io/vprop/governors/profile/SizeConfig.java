package io.vprop.governors.profile;

import java.util.Map;

/**
 * Size and risk caps. Zero disables a numeric cap.
 *
 * @param stopLossWithinSeconds when {@code stopLossRequired}: 0 = the order itself must carry a stop; N &gt; 0 = a
 *                              position may exist without a stop for N seconds
 */
public record SizeConfig(double maxLotsPerTicket, Map<String, Double> maxLotsPerTicketBySymbol, double maxLotsPerSymbol,
                         int maxOpenPositions, int maxOpenOrders, double maxRiskPctPerTrade,
                         boolean stopLossRequired, int stopLossWithinSeconds) {
    public SizeConfig {
        Require.nonNegative("size.maxLotsPerTicket", maxLotsPerTicket);
        maxLotsPerTicketBySymbol = maxLotsPerTicketBySymbol == null ? Map.of() : Map.copyOf(maxLotsPerTicketBySymbol);
        maxLotsPerTicketBySymbol.forEach((s, v) -> Require.nonNegative("size.maxLotsPerTicketBySymbol." + s, v));
        Require.nonNegative("size.maxLotsPerSymbol", maxLotsPerSymbol);
        Require.nonNegative("size.maxOpenPositions", maxOpenPositions);
        Require.nonNegative("size.maxOpenOrders", maxOpenOrders);
        Require.pct("size.maxRiskPctPerTrade", maxRiskPctPerTrade);
        Require.nonNegative("size.stopLossWithinSeconds", stopLossWithinSeconds);
        if (!stopLossRequired && stopLossWithinSeconds > 0) {
            throw new ProfileException("size.stopLossWithinSeconds", "is set but size.stopLossRequired is false");
        }
        if (maxLotsPerSymbol > 0 && maxLotsPerTicket > maxLotsPerSymbol) {
            throw new ProfileException("size.maxLotsPerTicket", maxLotsPerTicket + " is above size.maxLotsPerSymbol " + maxLotsPerSymbol);
        }
    }

    public double maxLotsPerTicket(String symbol) {
        Double v = maxLotsPerTicketBySymbol.get(symbol);
        return v != null ? v : maxLotsPerTicket;
    }
}
