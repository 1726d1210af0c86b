package io.vprop.market.io;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shared machinery of the file readers: line iteration, column splitting, strict/lenient handling of bad rows
 * and error messages that name file, line and column. Subclasses turn one split line into a record.
 *
 * <p>A last line without a line break that does not parse is reported as {@link BadRowReason#TRUNCATED} whatever
 * its columns say (a price cut short reads as a crossed quote otherwise); a compressed file that ends mid-stream
 * too. A file without a single readable row is an error in both modes: a header-only file, or one whose rows were
 * all skipped, would otherwise replay as an empty market that says nothing.
 */
abstract class DelimitedReader<T> implements AutoCloseable, FileReadCounts {
    final String fileName;
    final ParseMode mode;
    private final LineReader lines;
    final Fields fields;
    private final EnumMap<BadRowReason, Long> badRows = new EnumMap<>(BadRowReason.class);
    private long rows;
    private boolean cutOffCounted;

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
        while (nextLine()) {
            if (lines.end == lines.start) continue; // blank line (e.g. trailing newline twice)
            fields.split(lines.buf, lines.start, lines.end);
            try {
                T t = parseRow();
                rows++;
                return t;
            } catch (Fields.RowError e) {
                BadRowReason reason = lines.terminated ? e.reason : BadRowReason.TRUNCATED;
                String detail = lines.terminated ? e.getMessage()
                        : "truncated last line (it ends without a line break and does not parse: the file was cut off): '"
                        + printable(lines.lineAsString()) + "' (" + e.getMessage() + ")";
                reject(lines.lineNumber, reason, e.column + 1, detail);
            }
        }
        if (rows == 0) {
            close();
            throw new MarketDataException(fileName, 0, null, badRows.isEmpty()
                    ? "has a header line but no data rows (header-only file)"
                    : "no readable rows: all " + badRowCount() + " were skipped (" + badRows.entrySet().stream()
                    .map(r -> r.getValue() + " " + r.getKey().describe()).collect(Collectors.joining(", ")) + ")");
        }
        return null;
    }

    /** The next line; a compressed file that stops mid-stream is a truncated row (then the end of the file). */
    private boolean nextLine() {
        if (cutOffCounted) return false;
        try {
            if (lines.next()) return true;
        } catch (MarketDataException e) { // the line reader's "line N: cannot read: ..."
            close();
            throw e;
        }
        if (lines.cutOff) {
            cutOffCounted = true;
            reject(lines.lineNumber + 1, BadRowReason.TRUNCATED, 0, "truncated file: the compressed data ends early, after line "
                    + lines.lineNumber + " (a cut-off .gz)");
        }
        return false;
    }

    /** Stops the read (strict) or counts the row (lenient). */
    private void reject(long line, BadRowReason reason, int column, String detail) {
        if (mode == ParseMode.STRICT) {
            close();
            throw new MarketDataException(fileName, line, column, reason, detail);
        }
        badRows.merge(reason, 1L, Long::sum);
    }

    private static String printable(String s) {
        String t = s.replace("\t", "\\t");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    @Override
    public long rowsRead() { return rows; }

    @Override
    public long linesRead() { return Math.max(0, lines.lineNumber - 1); }

    @Override
    public Map<BadRowReason, Long> badRows() { return Map.copyOf(badRows); }

    /** A wall-clock reading (ms as if UTC) as the file wrote it, for messages. */
    static String wallText(long wallMs) {
        return java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(wallMs, 1000), (int) Math.floorMod(wallMs, 1000) * 1_000_000,
                java.time.ZoneOffset.UTC).toString().replace('T', ' ');
    }

    /** 1-based line number of the row last read (the header is line 1). */
    public long lineNumber() { return lines.lineNumber; }

    @Override
    public String fileName() { return fileName; }

    @Override
    public void close() { lines.close(); }
}
