package io.vprop.governors.event;

import io.vprop.trade.Fill;

/**
 * A deal the governors learn of at {@code timeMs} (their clock, never before the previous event; the deal's own
 * time, {@code fill.timeMs()}, may differ): an entry (it opened a position) or an exit (it closed one, SL/TP hit,
 * pending fill). A reversal (INOUT) counts as an exit. The realised P&amp;L the rules count is the deal's
 * {@link Fill#netProfit()}; it moves into the balance unless the deal is older than the last snapshot, whose
 * balance already has it.
 *
 * @param positionOpenMs for exits: when the closed position was opened (hold time, news exemption); for entries = timeMs
 */
public record FillEvent(long timeMs, Fill fill, long positionOpenMs) implements GovernorEvent {
    public FillEvent {
        Checks.required("fill", fill);
        Checks.positive("fill.volume", fill.volume());
        Checks.positive("fill.price", fill.price());
        if (positionOpenMs > timeMs) {
            throw new IllegalArgumentException("fill.positionOpenMs: " + positionOpenMs + " is after the fill time " + timeMs);
        }
    }

    /** True when the deal opened a position. */
    public boolean entry() {
        return fill.opens();
    }

    /** Realised P&amp;L including commission and swap (0 for entries unless the broker charges commission there). */
    public double netProfit() {
        return fill.netProfit();
    }
}
