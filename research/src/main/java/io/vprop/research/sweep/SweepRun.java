package io.vprop.research.sweep;

import java.util.List;

/**
 * What a sweep returned: the results in the order of its units, and how many were computed or read back.
 *
 * @param computed units computed in this run
 * @param reused   units read from the checkpoint
 * @param stale    checkpoint entries for a unit whose inputs changed since (computed again)
 */
public record SweepRun<R>(List<R> results, int computed, int reused, int stale) {
    public SweepRun {
        results = List.copyOf(results);
    }
}
