package io.vprop.challenge.sim;

import java.io.Serializable;

/**
 * A slice of the lab's paths for another JVM to run ({@link PathExecutor}): paths [from, to) of one firm's historical
 * method, its bootstrap, or the bootstrap at one risk-curve point. Bootstrap path p draws from its own stream
 * (seed, p), so a block gives the same outcomes wherever it runs.
 *
 * @param firm   index into the spec's firms
 * @param method "historical" or "bootstrap"
 * @param point  -1 for the run's own risk, else the index into the spec's risk grid (bootstrap only)
 */
public record PathBlock(int firm, String method, int point, int from, int to) implements Serializable {
    public PathBlock {
        if (!method.equals("historical") && !method.equals("bootstrap")) throw new IllegalArgumentException("method: " + method);
        if (!(0 <= from && from < to)) throw new IllegalArgumentException("need 0 <= from < to, got " + from + ", " + to);
    }

    /** "ftmo-2step/historical/0-64", "ftmo-2step/bootstrap@3/128-192": stable, for logs and errors. */
    public String id(LabSpec spec) {
        return spec.firms().get(firm).id() + "/" + method + (point < 0 ? "" : "@" + point) + "/" + from + "-" + to;
    }
}
