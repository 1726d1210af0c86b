package io.vprop.protocol;

/**
 * A message that breaks protocol v1. Carries what the {@code error} reply needs: the code, the offending field
 * (null when the message as a whole is wrong) and the offending seq (0 when it could not be read).
 */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String field;
    private final long refSeq;

    public ProtocolException(ErrorCode code, String field, String message, long refSeq) {
        super(message);
        this.code = code;
        this.field = field;
        this.refSeq = refSeq;
    }

    public ErrorCode code() { return code; }

    public String field() { return field; }

    public long refSeq() { return refSeq; }

    ProtocolException withRefSeq(long seq) {
        return new ProtocolException(code, field, getMessage(), seq);
    }
}
