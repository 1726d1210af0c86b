package io.vprop.governors.profile;

/** A limit is given either as a percentage or as an amount (whole cents), exactly one of the two. */
final class LimitSpec {
    private LimitSpec() {}

    static void check(String block, double pct, double amount) {
        boolean hasPct = !Double.isNaN(pct);
        boolean hasAmount = !Double.isNaN(amount);
        if (!hasPct && !hasAmount) {
            throw new ProfileException(block + ".limitPct", "missing value (give limitPct or limitAmount)");
        }
        if (hasPct && hasAmount) {
            throw new ProfileException(block + ".limitAmount", "contradicts " + block + ".limitPct: give only one of them");
        }
        if (hasPct) {
            Require.positivePct(block + ".limitPct", pct);
            Require.exactPct(block + ".limitPct", pct);
        }
        if (hasAmount) {
            Require.nonNegative(block + ".limitAmount", amount);
            if (amount == 0) throw new ProfileException(block + ".limitAmount", "must be greater than 0");
            if (!Cents.exactCents(amount)) {
                throw new ProfileException(block + ".limitAmount", amount + " is not a whole number of cents");
            }
        }
    }
}
