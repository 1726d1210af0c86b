package io.vprop.journal;

/**
 * A balance operation a terminal reported (deposit, withdrawal, payout, credit…), as the journal's {@code balance}
 * events hold it: not a trade, yet it moves the balance. {@code deal} is the terminal's deal ticket, numbered in the
 * same sequence as its trades' deals (MT5 numbers every deal of an account in one sequence).
 */
public record JournalBalance(String peer, long deal, String kind, double amount) {
}
