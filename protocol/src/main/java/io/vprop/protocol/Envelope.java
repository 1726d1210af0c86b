package io.vprop.protocol;

/**
 * One protocol message: the header every type carries and its payload.
 *
 * @param v      protocol version (1)
 * @param seq    per sender, strictly increasing for fresh messages; a resend keeps its original seq
 * @param tsMs   UTC epoch ms when the sender created the message
 * @param prev   reliable types only: seq of the sender's previous reliable message (0 for its first); else 0
 * @param resend true when this is a retransmission of an unacked reliable message
 * @param ackReq true when the sender asks for an immediate {@code ack} echoing this seq (latency probes)
 */
public record Envelope(int v, long seq, long tsMs, long prev, boolean resend, boolean ackReq, Payload payload) {

    public static final int VERSION = 1;

    public MessageType type() { return typeOf(payload); }

    public boolean reliable() { return type().reliable; }

    public static Envelope of(long seq, long tsMs, Payload payload) {
        return new Envelope(VERSION, seq, tsMs, 0, false, false, payload);
    }

    public Envelope asResend() { return new Envelope(v, seq, tsMs, prev, true, ackReq, payload); }

    public static MessageType typeOf(Payload p) {
        if (p instanceof Payload.Tick) return MessageType.TICK;
        if (p instanceof Payload.Account) return MessageType.ACCOUNT;
        if (p instanceof Payload.Bar) return MessageType.BAR;
        if (p instanceof Payload.Heartbeat) return MessageType.HEARTBEAT;
        if (p instanceof Payload.Ack) return MessageType.ACK;
        if (p instanceof Payload.Signal) return MessageType.SIGNAL;
        if (p instanceof Payload.SignalAck) return MessageType.SIGNAL_ACK;
        if (p instanceof Payload.Fill) return MessageType.FILL;
        if (p instanceof Payload.Control) return MessageType.CONTROL;
        if (p instanceof Payload.ControlAck) return MessageType.CONTROL_ACK;
        if (p instanceof Payload.Order) return MessageType.ORDER;
        if (p instanceof Payload.Hello) return MessageType.HELLO;
        if (p instanceof Payload.Welcome) return MessageType.WELCOME;
        if (p instanceof Payload.Book) return MessageType.BOOK;
        if (p instanceof Payload.GovernorState) return MessageType.GOVERNOR_STATE;
        if (p instanceof Payload.FirmState) return MessageType.FIRM_STATE;
        if (p instanceof Payload.News) return MessageType.NEWS;
        if (p instanceof Payload.Error) return MessageType.ERROR;
        if (p instanceof Payload.Balance) return MessageType.BALANCE;
        if (p instanceof Payload.SymbolUpdate) return MessageType.SYMBOL_UPDATE;
        throw new IllegalArgumentException("no message type for " + p);
    }
}
