package io.vprop.governors.event;

/** The passage of time alone: lets day resets, pauses and forced-flat windows fire without market activity. */
public record ClockTick(long timeMs) implements GovernorEvent {}
