/**
 * Prop-firm rule engine ("governors"). Plain Java, no I/O: the engine turns events into
 * {@link RuleVerdict}s and exposes a {@link StateSnapshot}.
 * Entry point: {@link GovernorEngine}.
 */
package io.vprop.governors;
