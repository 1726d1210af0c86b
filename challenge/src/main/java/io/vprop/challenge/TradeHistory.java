package io.vprop.challenge;

import java.util.List;

/**
 * A sequence of closed trades with what the source says about the account.
 *
 * @param trades            in order of close time
 * @param currency          account currency, e.g. "USD"
 * @param initialBalance    the balance before the first trade when the source states it, else NaN
 * @param source            a human name of the source: "ReportHistory-123.html (MT5 account history report)"
 * @param balanceOperations deposits, withdrawals, credits, bonuses, corrections and stand-alone commissions, in
 *                          time order, excluding the deposit that gave {@code initialBalance}: never P&amp;L
 */
public record TradeHistory(List<ClosedTrade> trades, String currency, double initialBalance, String source,
                           List<BalanceOperation> balanceOperations) {
    public TradeHistory {
        trades = List.copyOf(trades);
        balanceOperations = List.copyOf(balanceOperations);
    }

    /** A history whose source reports no balance operation (a backtest, a generated series). */
    public TradeHistory(List<ClosedTrade> trades, String currency, double initialBalance, String source) {
        this(trades, currency, initialBalance, source, List.of());
    }
}
