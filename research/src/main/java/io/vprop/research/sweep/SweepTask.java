package io.vprop.research.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a sweep does with its units: compute one, and write and read its result for the checkpoint. {@link #compute}
 * is called from several threads at once and must depend on nothing but the unit (and what {@link #inputs} names).
 *
 * @param <U> a work unit
 * @param <R> its result
 */
public interface SweepTask<U, R> {
    /** A stable, readable id: the same unit gets the same id in every run ("train/EURUSD/f03/fast=10,slow=50"). */
    String id(U unit);

    /**
     * Everything the result depends on, as text: the checkpoint keeps the SHA-256 of it, and a stored result whose
     * inputs changed (other data, costs, windows…) is computed again.
     */
    String inputs(U unit);

    R compute(U unit);

    /** The result as JSON; decoding it must give a result equal to the computed one (doubles round-trip exactly). */
    JsonNode encode(R result);

    R decode(JsonNode json);
}
