/**
 * Prop-firm rule engine ("governors"). Plain Java, no I/O: the engine turns events into
 * {@link io.vprop.governors.RuleVerdict}s and exposes a {@link io.vprop.governors.StateSnapshot}.
 * Entry point: {@link io.vprop.governors.GovernorEngine}.
 */
package io.vprop.governors;
