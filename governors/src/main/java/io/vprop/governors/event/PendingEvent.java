package io.vprop.governors.event;

/**
 * The terminal reports a step in a pending order's life (the protocol's {@code order} message): it rests from
 * PLACED (or MODIFIED, which replaces it) until CANCELLED, EXPIRED, REJECTED or FILLED. A FILLED order's worst case
 * stays counted (in flight) until a snapshot shows the position it opened.
 */
public record PendingEvent(long timeMs, State state, ValuedOrder order, String reason) implements GovernorEvent {
    public enum State { PLACED, MODIFIED, CANCELLED, EXPIRED, FILLED, REJECTED }

    public PendingEvent {
        Checks.required("order.state", state);
        Checks.required("order", order);
        reason = reason == null ? "" : reason;
    }

    /** True while the order rests after this step. */
    public boolean resting() {
        return state == State.PLACED || state == State.MODIFIED;
    }
}
