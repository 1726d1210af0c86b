package io.vprop.signal.replay;

import java.util.List;
import java.util.Map;

/** Result of a replay, ready to print and to serialise as JSON. Money in account currency. */
public record ReplayReport(List<String> symbols, long ticks, long acceptedTicks, Map<String, Long> rejectedTicks,
                           long decisions, long trades, long entriesNotFilled, long skips, double skipRate,
                           Map<String, Long> skipsByReason, Map<String, Long> idleByReason, int closedTrades,
                           int wins, double winRate, double netPnl, double commission, double slippageCost,
                           double spreadCost, double maxDrawdown, double maxDrawdownPct, double finalEquity,
                           double initialEquity, double meanR, Map<String, Long> tradesByAlpha,
                           Map<String, Long> tradesBySymbol, List<ReplayTrade> tradeList) {
}
