package io.vprop.governors.event;

import io.vprop.trade.OrderStatus;

/**
 * The terminal's answer to a signal the governors reserved room for (protocol {@code signal_ack}): REJECTED (also an
 * expired signal) releases the reservation, EXECUTED ties it to the position {@code ticket} (it stays counted until a
 * snapshot shows that position or its exit fills arrive), ACCEPTED changes nothing.
 *
 * @param ticket the position's ticket when executed, else 0
 */
public record OrderAck(long timeMs, String signalId, OrderStatus status, long ticket) implements GovernorEvent {
    public OrderAck {
        Checks.symbol("ack.signalId", signalId);
        Checks.required("ack.status", status);
        if (ticket < 0) throw new IllegalArgumentException("ack.ticket: must not be negative, got " + ticket);
    }
}
