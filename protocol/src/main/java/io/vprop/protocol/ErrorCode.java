package io.vprop.protocol;

import java.util.Locale;

/** Codes carried by {@code error} messages; the wire form is the lower-case name. */
public enum ErrorCode {
    /** Not parseable as JSON, or trailing garbage. */
    MALFORMED_JSON,
    /** Valid JSON but not an object. */
    NOT_AN_OBJECT,
    /** Over 64 KiB. */
    TOO_LARGE,
    /** {@code v} not spoken by the receiver. */
    UNSUPPORTED_VERSION,
    /** {@code type} is not a protocol v1 type. */
    UNKNOWN_TYPE,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (string for a number …). */
    WRONG_TYPE,
    /** NaN or ±∞ where a number is required. */
    NON_FINITE,
    /** A value outside its domain: negative price or volume, unknown enum word, seq &lt; 1 … */
    OUT_OF_RANGE,
    /** bid above ask. */
    CROSSED_QUOTE,
    /** A fresh (non-resend) message whose seq is not above the sender's previous one. */
    SEQ_NOT_INCREASING,
    /** A message from a peer that has not said hello in this sidecar session. */
    HELLO_REQUIRED,
    /** A reliable message whose {@code prev} is ahead of what the receiver has: something was lost; resend. */
    GAP,
    /** The receiver failed internally; the message was not processed and should be resent. */
    INTERNAL;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static ErrorCode ofWire(String s) {
        for (ErrorCode c : values()) if (c.wire().equals(s)) return c;
        return null;
    }
}
