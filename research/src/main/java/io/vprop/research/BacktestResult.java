package io.vprop.research;

import java.util.List;
import java.util.Map;

/**
 * What one backtest run produced.
 *
 * @param trades         closed round trips in close-time order
 * @param equity         the account sampled at every fill and at least once per closed bar of the sampling
 *                       timeframe (and at the first and last event)
 * @param breaches       firm rules touched, in time order (a run continues after a breach only if asked to)
 * @param initialBalance account currency
 * @param currency       account currency, "USD"
 * @param fromMs         first event time, UTC epoch ms
 * @param toMs           last event time, UTC epoch ms
 * @param events         ticks or bars processed
 * @param counters       what the run counted: decisions, refusals by rule, orders, fills…
 */
public record BacktestResult(List<BacktestTrade> trades, List<EquityPoint> equity, List<Breach> breaches,
                             double initialBalance, String currency, long fromMs, long toMs, long events,
                             Map<String, Long> counters) {
    public BacktestResult {
        trades = List.copyOf(trades);
        equity = equity instanceof EquityCurve c ? c : List.copyOf(equity);  // (immutable already: not copied)
        breaches = List.copyOf(breaches);
        counters = Map.copyOf(counters);
    }
}
