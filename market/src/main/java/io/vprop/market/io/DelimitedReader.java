package io.vprop.market.io;

import java.util.EnumMap;
import java.util.Map;

/**
 * Shared machinery of the file readers: line iteration, column splitting, strict/lenient handling of bad rows
 * and error messages that name file, line and column. Subclasses turn one split line into a record.
 */
abstract class DelimitedReader<T> implements AutoCloseable {
    final String fileName;
    final ParseMode mode;
    private final LineReader lines;
    final Fields fields;
    private final EnumMap<BadRowReason, Long> badRows = new EnumMap<>(BadRowReason.class);
    private long rows;

    DelimitedReader(LineReader lines, String fileName, String[] columns, byte separator, ParseMode mode) {
        this.lines = lines;
        this.fileName = fileName;
        this.mode = mode;
        this.fields = new Fields(columns, separator);
    }

    /** Parses the current (split) row; throws {@link Fields.RowError} for a bad row. */
    abstract T parseRow();

    /** The next good record, or null at the end of the file. */
    final T read() {
        while (lines.next()) {
            if (lines.end == lines.start) continue; // blank line (e.g. trailing newline twice)
            fields.split(lines.buf, lines.start, lines.end);
            try {
                T t = parseRow();
                rows++;
                return t;
            } catch (Fields.RowError e) {
                if (mode == ParseMode.STRICT) {
                    close();
                    throw new MarketDataException(fileName, lines.lineNumber, e.reason, e.getMessage());
                }
                badRows.merge(e.reason, 1L, Long::sum);
            }
        }
        return null;
    }

    /** Rows returned so far. */
    public long rowsRead() { return rows; }

    /** Rows skipped so far by reason (always empty in strict mode). */
    public Map<BadRowReason, Long> badRows() { return Map.copyOf(badRows); }

    /** Total rows skipped so far. */
    public long badRowCount() {
        long n = 0;
        for (long v : badRows.values()) n += v;
        return n;
    }

    /** A wall-clock reading (ms as if UTC) as the file wrote it, for messages. */
    static String wallText(long wallMs) {
        return java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(wallMs, 1000), (int) Math.floorMod(wallMs, 1000) * 1_000_000,
                java.time.ZoneOffset.UTC).toString().replace('T', ' ');
    }

    /** 1-based line number of the row last read (the header is line 1). */
    public long lineNumber() { return lines.lineNumber; }

    public String fileName() { return fileName; }

    @Override
    public void close() { lines.close(); }
}
