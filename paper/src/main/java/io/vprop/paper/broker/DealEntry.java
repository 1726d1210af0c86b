package io.vprop.paper.broker;

/** MT5 DEAL_ENTRY_*: whether a deal opened, closed or reversed a position. */
public enum DealEntry {
    IN, OUT, INOUT;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
