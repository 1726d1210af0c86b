package io.vprop.governors.scenario;

import java.util.List;
import java.util.Map;

/**
 * A checkpoint: expected decision (action, winning rule, rule ids that must be among the hits) and expected state
 * values, by the flat names listed in {@link ScenarioRunner#NUMERIC_KEYS}, {@link ScenarioRunner#BOOLEAN_KEYS} and
 * {@link ScenarioRunner#TIME_KEYS}; {@code message}: a text the winning hit's sentence must contain (null = no check);
 * {@code cancel} (null = not checked) the tickets of resting pending orders the engine wants cancelled after the
 * event, in order.
 */
record Expectation(String action, String rule, String message, List<String> hits, Map<String, Double> numbers,
                          Map<String, Boolean> booleans, Map<String, Long> times, List<Long> cancel) {}
