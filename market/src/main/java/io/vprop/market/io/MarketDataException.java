package io.vprop.market.io;

/**
 * A market file could not be read: the message names the file, the 1-based line number, the 1-based column and the
 * reason, e.g. {@code EURUSD_oanda.ticks.csv.gz line 1043, column 3: <BID> 'abc' is not a number}.
 */
public final class MarketDataException extends RuntimeException {
    private final String file;
    private final long line;
    private final int column;
    private final BadRowReason reason;

    public MarketDataException(String file, long line, BadRowReason reason, String detail) {
        this(file, line, 0, reason, detail);
    }

    /** @param column 1-based, 0 when the problem is not tied to a column */
    public MarketDataException(String file, long line, int column, BadRowReason reason, String detail) {
        super(file + (line > 0 ? " line " + line : "") + (line > 0 && column > 0 ? ", column " + column : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public MarketDataException(String message, Throwable cause) {
        super(message, cause);
        this.file = null;
        this.line = 0;
        this.column = 0;
        this.reason = null;
    }

    public String file() { return file; }

    /** 1-based line number (the header is line 1), 0 when the problem is not tied to a line. */
    public long line() { return line; }

    /** 1-based column, 0 when the problem is not tied to one. */
    public int column() { return column; }

    /** Why the row was rejected; null for file-level problems (missing, empty or header-only file, unknown header). */
    public BadRowReason reason() { return reason; }
}
