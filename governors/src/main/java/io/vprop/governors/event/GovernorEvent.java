package io.vprop.governors.event;

/** Everything the engine can evaluate. {@code timeMs} is UTC epoch milliseconds at which the event happened. */
public sealed interface GovernorEvent permits AccountSnapshot, FillEvent, OrderCheck, OrderAck, ClockTick, NewsEvent,
        BalanceOperation, PendingEvent {
    long timeMs();
}
