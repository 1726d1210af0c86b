package io.vprop.governors.scenario;

import io.vprop.governors.event.GovernorEvent;

/**
 * One timeline entry: an event to evaluate and optionally what must hold afterwards. When {@code expectError} is
 * set the event itself must be rejected as bad input with a message containing that text ({@code event} is null).
 */
record Step(int index, String type, long timeMs, GovernorEvent event, Expectation expect, String expectError,
                   String rejection) {}
