package io.vprop.risk;

/** The risk engine's answer to one proposed signal: allowed, or refused by a named rule with a reason. */
public record PreTradeVerdict(boolean allowed, String rule, String reason) {
    public static final PreTradeVerdict ALLOW = new PreTradeVerdict(true, "", "");

    public static PreTradeVerdict deny(String rule, String reason) { return new PreTradeVerdict(false, rule, reason); }
}
