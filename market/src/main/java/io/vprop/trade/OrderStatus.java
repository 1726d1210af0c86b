package io.vprop.trade;

import java.util.Locale;

/** What became of an order intent at the terminal (protocol {@code signal_ack}). */
public enum OrderStatus {
    ACCEPTED, REJECTED, EXECUTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus parse(String word) {
        if (word != null) {
            for (OrderStatus s : values()) if (s.wire().equalsIgnoreCase(word)) return s;
        }
        throw new IllegalArgumentException("status must be accepted, rejected or executed, was '" + word + "'");
    }
}
