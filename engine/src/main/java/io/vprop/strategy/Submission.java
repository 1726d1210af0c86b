package io.vprop.strategy;

/**
 * The outcome of submitting an order: sent under a signal {@code id}, or refused by the risk engine's {@code rule}
 * for {@code reason} (then {@code id} is null). {@code peer} is the terminal it was for.
 */
public record Submission(String id, String peer, String rule, String reason) {

    public static Submission sentAs(String id, String peer) { return new Submission(id, peer, "", ""); }

    public static Submission refused(String peer, String rule, String reason) { return new Submission(null, peer, rule, reason); }

    public boolean sent() { return id != null; }
}
