package io.vprop.challenge;

import java.util.List;

/**
 * A sequence of closed trades with what the source says about the account.
 *
 * @param trades         in order of close time
 * @param currency       account currency, e.g. "USD"
 * @param initialBalance the balance before the first trade when the source states it, else NaN
 * @param source         a human name of the source: "ReportHistory-123.html (MT5 account history report)"
 */
public record TradeHistory(List<ClosedTrade> trades, String currency, double initialBalance, String source) {
    public TradeHistory {
        trades = List.copyOf(trades);
    }
}
