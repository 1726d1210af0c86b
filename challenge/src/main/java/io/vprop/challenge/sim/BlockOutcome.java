package io.vprop.challenge.sim;

import java.io.Serializable;

/**
 * What the paths of one {@link PathBlock} ended with, in {@code PathOutcomes}' layout (path-major, {@code phases}
 * cells a path); plain arrays, so it crosses a wire as they are (or as JSON).
 */
public record BlockOutcome(int paths, int phases, byte[] status, short[] days, String[] rule, byte[] fundedStatus,
                           short[] fundedDays, String[] fundedRule) implements Serializable {
    static BlockOutcome of(PathOutcomes o) {
        return new BlockOutcome(o.paths, o.phases, o.status, o.days, o.rule, o.fundedStatus, o.fundedDays, o.fundedRule);
    }

    /** Copies the block's outcomes into {@code all} from path {@code from} on. */
    void into(PathOutcomes all, int from) {
        if (phases != all.phases || from + paths > all.paths) {
            throw new IllegalStateException("a block of " + paths + " paths × " + phases + " phases does not fit at " + from
                    + " into " + all.paths + " × " + all.phases);
        }
        System.arraycopy(status, 0, all.status, from * phases, paths * phases);
        System.arraycopy(days, 0, all.days, from * phases, paths * phases);
        System.arraycopy(rule, 0, all.rule, from * phases, paths * phases);
        System.arraycopy(fundedStatus, 0, all.fundedStatus, from, paths);
        System.arraycopy(fundedDays, 0, all.fundedDays, from, paths);
        System.arraycopy(fundedRule, 0, all.fundedRule, from, paths);
    }
}
