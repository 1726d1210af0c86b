package io.vprop.journal;

/**
 * A signal the sidecar sent and what became of it (the journal's signals table). {@code kind} "open" or "close";
 * {@code side} and {@code status} ("sent", "accepted", "rejected", "executed") are the protocol's words. Text
 * columns that were never set (alpha, regime, reason, rule, ack reason) are empty strings. Prices are as sent:
 * {@code price} 0 for a market order, {@code sl}, {@code tp1}, {@code tp2} 0 when not set (the protocol's "none").
 */
public record JournalSignal(String id, String peer, String kind, String symbol, String side, double lots, double price,
                            double sl, double tp1, double tp2, String alpha, String regime, double confidence, String reason,
                            String status, String rule, String ackReason, long createdMs) {
}
