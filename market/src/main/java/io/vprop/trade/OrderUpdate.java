package io.vprop.trade;

/**
 * The terminal's answer to an order: accepted, rejected (with the rule and reason) or executed (with the ticket and
 * price). {@code rule} and {@code reason} are empty when the terminal gave none.
 */
public record OrderUpdate(String signalId, OrderStatus status, String rule, String reason, long ticket, double price) {
    public OrderUpdate {
        if (signalId == null || signalId.isBlank()) throw new IllegalArgumentException("order update: signal id is missing");
        if (status == null) throw new IllegalArgumentException("order update " + signalId + ": status is missing");
        rule = rule == null ? "" : rule;
        reason = reason == null ? "" : reason;
    }
}
