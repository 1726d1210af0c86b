package io.vprop.market.io;

/**
 * A market file could not be read: the message names the file, the 1-based line number and the column, e.g.
 * {@code EURUSD_oanda.ticks.csv.gz line 1043: <BID> 'abc' is not a number}.
 */
public final class MarketDataException extends RuntimeException {
    private final String file;
    private final long line;
    private final BadRowReason reason;

    public MarketDataException(String file, long line, BadRowReason reason, String detail) {
        super(file + (line > 0 ? " line " + line : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public MarketDataException(String message, Throwable cause) {
        super(message, cause);
        this.file = null;
        this.line = 0;
        this.reason = null;
    }

    public String file() { return file; }

    /** 1-based line number (the header is line 1), 0 when the problem is not tied to a line. */
    public long line() { return line; }

    /** null for file-level problems (missing file, unknown header). */
    public BadRowReason reason() { return reason; }
}
