package io.vprop.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * Every message type of protocol v1 (docs/protocol.md). A reliable type changes state: it is journaled before it
 * is acted on or sent, acked by the receiver, resent after a reconnect until acked, and chained by {@code prev}.
 */
public enum MessageType {
    HELLO("hello", false),
    WELCOME("welcome", false),
    TICK("tick", false),
    BAR("bar", false),
    BOOK("book", false),
    ACCOUNT("account", true),
    SIGNAL("signal", true),
    SIGNAL_ACK("signal_ack", true),
    FILL("fill", true),
    GOVERNOR_STATE("governor_state", false),
    NEWS("news", false),
    HEARTBEAT("heartbeat", false),
    ACK("ack", false),
    ERROR("error", false),
    CONTROL("control", true),
    CONTROL_ACK("control_ack", true),
    BALANCE("balance", true),
    FIRM_STATE("firm_state", true),
    /** EA → sidecar: a step in a pending order's life (last, so the EA's enum values of the older types stay). */
    ORDER("order", true),
    /**
     * EA → sidecar: a symbol's values that move intraday (its tick value). Not reliable: like the hello whose spec it
     * updates, it is state of the session, and the newest wins (a resent older value would be wrong).
     */
    SYMBOL_UPDATE("symbol_update", false);

    private static final Map<String, MessageType> BY_WIRE = new HashMap<>();

    static {
        for (MessageType t : values()) BY_WIRE.put(t.wire, t);
    }

    public final String wire;
    public final boolean reliable;

    MessageType(String wire, boolean reliable) {
        this.wire = wire;
        this.reliable = reliable;
    }

    /** The type with this wire name, or null. */
    public static MessageType ofWire(String wire) { return BY_WIRE.get(wire); }
}
