package io.vprop.governors.profile;

/**
 * Closed-balance profit target as % of initial; reaching it locks the account (no new risk). In exact cents
 * ({@link Cents}), rounded up: the target is met only when the whole percentage is.
 */
public record ProfitTargetConfig(double targetPct) {
    public ProfitTargetConfig {
        Require.positivePct("profitTarget.targetPct", targetPct);
        Require.exactPct("profitTarget.targetPct", targetPct);
    }

    public long targetCents(long initialCents) {
        return Cents.pctOf(initialCents, targetPct, true);
    }
}
