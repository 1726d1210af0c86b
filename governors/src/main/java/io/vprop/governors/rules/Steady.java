package io.vprop.governors.rules;

/**
 * The bounds within which the engine's last evaluation (of a snapshot or the clock, no rule hit) holds for an account
 * whose positions stay open: every rule adds no hit and keeps its panel statuses for an event before {@link #untilMs()}
 * that changes nothing but the equity — within {@link #minEquityCents()}..{@link #maxEquityCents()} — and the open
 * positions' floating profit (the same balance, positions, pending orders; GovernorRule#steady). Reused: the engine
 * {@link #reset}s it and each rule narrows it.
 */
public final class Steady {
    private long untilMs, minEquityCents, maxEquityCents;

    /** Open bounds: any time, any equity. */
    public void reset() {
        untilMs = Long.MAX_VALUE;
        minEquityCents = Long.MIN_VALUE;
        maxEquityCents = Long.MAX_VALUE;
    }

    /** Holds only before {@code t} (exclusive). */
    public void until(long t) { untilMs = Math.min(untilMs, t); }

    /** Holds only for an equity of at least {@code cents}. */
    public void atLeast(long cents) { minEquityCents = Math.max(minEquityCents, cents); }

    /** Holds only for an equity of at most {@code cents}. */
    public void atMost(long cents) { maxEquityCents = Math.min(maxEquityCents, cents); }

    public long untilMs() { return untilMs; }

    public long minEquityCents() { return minEquityCents; }

    public long maxEquityCents() { return maxEquityCents; }
}
