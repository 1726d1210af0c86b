package io.vprop.trade;

/** What became of an order intent at the terminal (protocol {@code signal_ack}). */
public enum OrderStatus {
    ACCEPTED, REJECTED, EXECUTED;

    public String wire() {
        return WireWords.wire(this);
    }

    public static OrderStatus parse(String word) {
        return WireWords.parse(values(), "status", word);
    }
}
