package io.vprop.journal;

/**
 * A signal the sidecar sent and what became of it (the journal's signals table). {@code kind} "open" or "close";
 * {@code side} and {@code status} ("sent", "accepted", "rejected", "executed") are the protocol's words. Text
 * columns that were never set (alpha, regime, reason, rule, ack reason) are empty strings.
 */
public record JournalSignal(String id, String peer, String kind, String symbol, String side, String alpha, String regime,
                            double confidence, String reason, String status, String rule, String ackReason, long createdMs) {
}
