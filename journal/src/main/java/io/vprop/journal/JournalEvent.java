package io.vprop.journal;

/** A free-form event (decision, governor verdict, …): its kind and its body as written, JSON by convention. */
public record JournalEvent(long id, long tsMs, String kind, String body) {
}
