package io.vprop.analytics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Money a position loses if its stop is hit. The panel does not receive symbol specifications, so the value of a
 * price unit per lot is measured from the newest closed trade of the same symbol (profit over price move times
 * volume): exact for symbols whose profit currency is the account's, and within the conversion rate's drift
 * for the others. A symbol with no closed trade yet has no estimate, and the panel says so.
 */
final class StopRisk {
    private StopRisk() { }

    /** symbol → account money per 1.0 price move per lot, from the newest closed trade with a non-zero move. */
    public static Map<String, Double> moneyPerPricePerLot(List<Trade> trades) {
        Map<String, Double> out = new HashMap<>();
        for (Trade t : trades) { // open-time order: later trades overwrite
            if (!t.closed() || t.exitPrice() == null || t.closedVolume() <= 0) continue;
            double dir = t.side().sign();
            double move = (t.exitPrice() - t.entryPrice()) * dir;
            if (Math.abs(move) < 1e-12 || t.profit() == 0) continue;
            out.put(t.symbol(), t.profit() / (move * t.closedVolume()));
        }
        return out;
    }

    /** |open − stop| × lots × value; NaN without a stop (unbounded) or without a value estimate. */
    public static double atStop(double priceOpen, double sl, double lots, Double valuePerPricePerLot) {
        if (sl <= 0 || valuePerPricePerLot == null || !Double.isFinite(valuePerPricePerLot)) return Double.NaN;
        return Math.abs(priceOpen - sl) * lots * Math.abs(valuePerPricePerLot);
    }
}
