package io.vprop.governors.profile;

/**
 * Money as exact cents ({@code long}). The engine's inputs are doubles (MT5's AccountInfoDouble, the sidecar's
 * JSON); they become cents once, here, and every limit, floor, high-water mark, day anchor, profit target and
 * comparison is integer arithmetic on cents. The EA does the same with the same operations
 * ({@code VPGCents}, {@code VPGPctOf} in Governors.mqh), so both engines agree to the cent.
 *
 * <p>Rounding (no firm publishes one; these are VProp's choices, each the conservative side):
 * <ul>
 *   <li>{@link #of}: an amount to its nearest cent, half a cent up. Brokers keep account money in cents, so this
 *       only removes binary noise (95,000.76 is 95000.76000000001 in a double); a backtest's sub-cent P&amp;L
 *       counts as its nearest cent.</li>
 *   <li>A loss limit given in percent ({@link #pctOf} with {@code up = false}): rounded DOWN to the cent, so the
 *       floor {@code anchor - limit} is rounded UP: the account stops at the stricter of the two cents.</li>
 *   <li>A profit target or a profitable-day threshold in percent: rounded UP (the target is met only when the whole
 *       percentage is).</li>
 * </ul>
 */
public final class Cents {
    /** Percentages are exact to this many decimals (1e-6 %), which makes {@link #pctOf} integer arithmetic. */
    public static final long PCT_SCALE = 1_000_000L;
    private static final long PCT_DIVISOR = 100L * PCT_SCALE;

    private Cents() {}

    /** The one conversion from a double amount: nearest cent, half a cent up ({@code floor(x * 100 + 0.5)}). */
    public static long of(double amount) {
        if (Double.isNaN(amount) || Double.isInfinite(amount) || Math.abs(amount) > 9.0e15) {
            throw new IllegalArgumentException("amount " + amount + " is not a finite amount of money");
        }
        return (long) Math.floor(amount * 100.0 + 0.5);
    }

    /** Cents back to a double for display and the snapshot: the double nearest the exact decimal. */
    public static double toDouble(long cents) {
        return cents / 100.0;
    }

    /** A percentage in millionths of a percent; the profile loader has checked it has at most 6 decimals. */
    public static long pctMicro(double pct) {
        return Math.round(pct * PCT_SCALE);
    }

    /** True when {@code pct} is a multiple of 1e-6 % (within binary noise). */
    static boolean exactPct(double pct) {
        double scaled = pct * PCT_SCALE;
        return Math.abs(scaled - Math.rint(scaled)) < 1e-3;
    }

    /** True when {@code amount} is a whole number of cents (within binary noise). */
    static boolean exactCents(double amount) {
        double scaled = amount * 100.0;
        return Math.abs(scaled - Math.rint(scaled)) < 1e-4;
    }

    /**
     * {@code pct}% of {@code baseCents}, exactly, rounded to the cent: down (a loss limit, a buffer) or up (a target).
     *
     * @throws ArithmeticException if the product overflows (a base above about 920 million in money at 100 %)
     */
    public static long pctOf(long baseCents, double pct, boolean up) {
        long p = Math.multiplyExact(baseCents, pctMicro(pct));
        return up ? -Math.floorDiv(-p, PCT_DIVISOR) : Math.floorDiv(p, PCT_DIVISOR);
    }
}
