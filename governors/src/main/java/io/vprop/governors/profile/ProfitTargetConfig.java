package io.vprop.governors.profile;

/** Closed-balance profit target as % of initial; reaching it locks the account (no new risk). */
public record ProfitTargetConfig(double targetPct) {
    public ProfitTargetConfig {
        Require.positivePct("profitTarget.targetPct", targetPct);
    }
}
