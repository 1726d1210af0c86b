package io.vprop.paper.broker;

/** Account-currency amounts are kept in cents, as MT5 rounds deal money to the account's 2 digits. */
final class Money {
    private Money() {
    }

    /**
     * {@code Math.round(amount * 100.0) / 100.0} to the bit (a half cent up, never -0.0, NaN to 0), worked out with
     * {@link Math#rint} (one instruction) instead of Math.round's bit arithmetic and long conversion while the cents are
     * below 2^52 (every amount of an account): every open position's profit is rounded at every quote of its symbol.
     */
    static double cents(double amount) {
        double c = amount * 100.0;
        if (!(Math.abs(c) < 0x1p52)) return Math.round(c) / 100.0;   // NaN, infinities, beyond 2^52 cents: as ever
        double r = Math.rint(c);                                      // the nearest whole number, ties to even
        if (c - r == 0.5) r += 1;                                     // (exact) a tie rint took down: Math.round goes up
        return (r + 0.0) / 100.0;                                     // (+ 0.0: no -0.0, as Math.round's long 0)
    }
}
