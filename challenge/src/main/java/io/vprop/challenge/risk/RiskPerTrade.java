package io.vprop.challenge.risk;

/**
 * The risk per trade a sidecar trades at, and where it came from. Precedence: an explicit configuration value, then
 * the challenge lab's choice for the configured firm, then the built-in value. The lab's choice is kept even when the
 * configuration overrides it, so the panel can show what the lab said next to what is used.
 *
 * @param pct     risk per trade, % of the equity
 * @param source  which of the three set it
 * @param firm    the configured firm profile (id or file)
 * @param lab     the lab's choice for that firm; null when the lab was not run on it
 * @param labFile the lab file's version, command and input; null when there is no lab file
 * @param note    one sentence on the source, for people
 */
public record RiskPerTrade(double pct, Source source, String firm, RiskChoice lab, LabFile labFile, String note) {

    /** The built-in risk per trade: 0.25 % of the equity, what the demo strategy always traded at. */
    public static final double BUILT_IN_PCT = 0.25;

    public enum Source { CONFIG, LAB, BUILT_IN }

    /** The artefact a lab choice came from. */
    public record LabFile(String version, String commandLine, String input, String inputSha256) {}

    /**
     * @param configuredPct the explicit value (risk.per.trade.pct), NaN when not set
     * @param firm          the configured firm profile
     * @param lab           the lab's file, or null when none is available
     */
    public static RiskPerTrade resolve(double configuredPct, String firm, RiskDefaults lab) {
        RiskChoice choice = lab == null ? null : lab.firm(firm).orElse(null);
        LabFile file = lab == null ? null : new LabFile(lab.version(), lab.commandLine(), lab.input(), lab.inputSha256());
        if (!Double.isNaN(configuredPct))
            return new RiskPerTrade(configuredPct, Source.CONFIG, firm, choice, file,
                    "set by the configuration (risk.per.trade.pct)");
        if (choice != null)
            return new RiskPerTrade(choice.riskPct(), Source.LAB, firm, choice, file, choice.advised()
                    ? "the challenge lab's risk curve for " + firm + ": highest P(pass) with P(breach) within the bound"
                    : "the challenge lab's lowest risk for " + firm + ": " + choice.verdict());
        return new RiskPerTrade(BUILT_IN_PCT, Source.BUILT_IN, firm, null, file, "built in: the challenge lab "
                + (lab == null ? "file is not available" : "was not run on " + firm + " (it covers "
                + String.join(", ", lab.firms().stream().map(RiskChoice::firm).toList()) + ")"));
    }
}
