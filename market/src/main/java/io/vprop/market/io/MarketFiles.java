package io.vprop.market.io;

import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Entry point for market files: detects the layout from the header line and opens a streaming reader. gzip is
 * recognised by its magic bytes (1f 8b), whatever the file is called; UTF-16 exports by their byte order mark. An MT5
 * export is written in its broker's server time with no zone in the file: pass the file's {@link ServerClock}
 * (a fixed offset, an IANA zone or the "New York close" NY+7 servers); the short overloads read UTC, as every file in
 * shared/data is. An ISO timestamp carrying its own offset always wins. See docs/market-data.md.
 */
public final class MarketFiles {
    private static final int BUFFER = 1 << 16;
    private static final int DIGITS_SAMPLE_ROWS = 2_000;

    private MarketFiles() {
    }

    /** The layout of {@code file}, from its first line; throws naming the file and the header when unknown. */
    public static MarketFormat detect(Path file) {
        try (LineReader lines = open(file)) {
            return detect(file, header(file, lines));
        }
    }

    /** Opens an MT5 tick file, UTC, strict; {@code symbol} null = from the file name. */
    public static Mt5TickReader openTicks(Path file, String symbol) {
        return openTicks(file, symbol, ZoneOffset.UTC, ParseMode.STRICT);
    }

    /** Opens an MT5 tick file whose clock is UTC + {@code fileClock}; {@code symbol} null = from the file name. */
    public static Mt5TickReader openTicks(Path file, String symbol, ZoneOffset fileClock, ParseMode mode) {
        return openTicks(file, symbol, ServerClock.fixed(fileClock == null ? ZoneOffset.UTC : fileClock), mode);
    }

    /** Opens an MT5 tick file written on {@code fileClock} (its broker's server time); {@code symbol} null = from the name. */
    public static Mt5TickReader openTicks(Path file, String symbol, ServerClock fileClock, ParseMode mode) {
        if (fileClock == null) throw new IllegalArgumentException("the file clock of " + file + " is required (ServerClock.UTC for UTC)");
        LineReader lines = open(file);
        try {
            String header = header(file, lines);
            MarketFormat format = detect(file, header);
            if (format != MarketFormat.MT5_TICKS) {
                throw new MarketDataException(name(file), 1, null, "expected an MT5 tick file but the header is "
                        + format + ": '" + printable(header) + "'");
            }
            return new Mt5TickReader(lines, name(file), symbolOr(symbol, file), fileClock, mode);
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** Opens an MT5 bar file or a generic CSV bar file, UTC, strict; {@code symbol} null = from the file name. */
    public static BarSource openBars(Path file, String symbol, Timeframe timeframe) {
        return openBars(file, symbol, timeframe, ZoneOffset.UTC, ParseMode.STRICT);
    }

    /**
     * Opens a bar file (MT5 or generic CSV, detected) whose clock is UTC + {@code fileClock}. The returned reader
     * is a {@link Mt5BarReader} or {@link CsvBarReader}; both expose {@code badRows()}.
     */
    public static BarSource openBars(Path file, String symbol, Timeframe timeframe, ZoneOffset fileClock, ParseMode mode) {
        return openBars(file, symbol, timeframe, ServerClock.fixed(fileClock == null ? ZoneOffset.UTC : fileClock), mode);
    }

    /**
     * Opens a bar file (MT5 or generic CSV, detected) written on {@code fileClock}: an MT5 export's broker server
     * time, or the clock of a CSV's timestamps that carry no offset.
     */
    public static BarSource openBars(Path file, String symbol, Timeframe timeframe, ServerClock fileClock, ParseMode mode) {
        if (timeframe == null) throw new IllegalArgumentException("timeframe is required to open bars " + file);
        if (fileClock == null) throw new IllegalArgumentException("the file clock of " + file + " is required (ServerClock.UTC for UTC)");
        LineReader lines = open(file);
        try {
            String header = header(file, lines);
            MarketFormat format = detect(file, header);
            String sym = symbolOr(symbol, file);
            return switch (format) {
                case MT5_BARS -> new Mt5BarReader(lines, name(file), sym, timeframe, fileClock, mode);
                case CSV_BARS -> new CsvBarReader(lines, name(file), csvColumns(header), sym, timeframe, fileClock, mode);
                case MT5_TICKS -> throw new MarketDataException(name(file), 1, null,
                        "expected a bar file but this is an MT5 tick file (use openTicks)");
            };
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /**
     * Checks that a file prints prices with the digits of the symbol's spec: a finding to report when the most
     * decimals among the price columns of its first 2,000 rows differ from {@code digits} (a 3-digit file for a
     * 5-digit symbol is another instrument or another broker's quotes; fewer decimals can also mean a source that
     * strips trailing zeros). Empty when they agree or the file has no rows.
     */
    public static Optional<String> digitsMismatch(Path file, String symbol, int digits) {
        int decimals = PriceDecimals.max(file, DIGITS_SAMPLE_ROWS);
        if (decimals < 0 || decimals == digits) return Optional.empty();
        return Optional.of(name(file) + ": prices have " + decimals + " decimals (most in the first " + DIGITS_SAMPLE_ROWS
                + " rows) but the " + symbol + " spec has " + digits + " digits"
                + (decimals > digits ? ": prices are finer than the symbol's point, check the symbol and the instrument table"
                : ": check the symbol, or the source strips trailing zeros"));
    }

    /**
     * The clock {@code files}' times are read in: {@code zone} ({@link ServerClock#parse}) when given; without it UTC,
     * but only if every file's times carry their zone ({@link #timesCarryTheirZone}) — an MT5 export is written in
     * its broker's server time, and reading it as UTC would shift every tick silently by the server's offset. The one
     * rule of every command and key that reads market files, so their errors read alike.
     *
     * @param zone      the clock as the user gave it, or null when not given (a blank value is an error: it was given)
     * @param filesName how the caller names the files in the error ("--data", "paper.data")
     * @param zoneName  how the caller names the clock in the error ("--server-tz", "paper.data.tz")
     * @throws IllegalArgumentException naming the first zone-less file and {@code zoneName}, or the bad zone value
     */
    public static ServerClock clockOf(List<Path> files, String zone, String filesName, String zoneName) {
        if (zone != null) return ServerClock.parse(zone);
        for (Path f : files)
            if (!timesCarryTheirZone(f))
                throw new IllegalArgumentException(filesName + " " + f.getFileName() + " has times without a zone (an MT5 export is "
                        + "written in its broker's server time): say which clock with " + zoneName + " — UTC for the files in "
                        + "shared/data, NY+7 for 'New York close' servers (GMT+2 winter, GMT+3 summer), or an offset or IANA zone");
        return ServerClock.UTC;
    }

    /**
     * Whether the file's times say their own zone, so no server clock is needed to read them: a CSV bar file whose
     * first row has a timestamp with {@code Z} or an offset, or epoch numbers, or whose time column is named
     * {@code timestamp_utc}. An MT5 export never does (its times are
     * the broker's server time), nor does an ISO timestamp without an offset.
     */
    public static boolean timesCarryTheirZone(Path file) {
        try (LineReader lines = open(file)) {
            String header = header(file, lines);
            if (detect(file, header) != MarketFormat.CSV_BARS) return false;
            if (header.toLowerCase(Locale.ROOT).startsWith("timestamp_utc")) return true;   // the column says so
            while (lines.next()) {
                String row = lines.lineAsString().trim();
                if (row.isEmpty()) continue;
                int comma = row.indexOf(',');
                String time = (comma < 0 ? row : row.substring(0, comma)).trim();
                if (time.chars().allMatch(Character::isDigit)) return true;
                return time.length() > 16 && (time.endsWith("Z") || time.substring(16).matches(".*[+-]\\d{2}(:?\\d{2})?$"));
            }
            return false;
        }
    }

    /**
     * The timeframe a file name states, or null: a name part (split on '_', '-', '.') equal to M1…D1 in any case,
     * or "1min"/"5min"/"15min"/"30min"/"60min"/"1h"/"4h"/"1d".
     */
    public static Timeframe timeframeFromFileName(Path file) {
        for (String part : name(file).split("[_.\\-]")) {
            String p = part.toUpperCase(Locale.ROOT);
            switch (p) {
                case "M1", "1MIN" -> { return Timeframe.M1; }
                case "M5", "5MIN" -> { return Timeframe.M5; }
                case "M15", "15MIN" -> { return Timeframe.M15; }
                case "M30", "30MIN" -> { return Timeframe.M30; }
                case "H1", "60MIN", "1H" -> { return Timeframe.H1; }
                case "H4", "4H" -> { return Timeframe.H4; }
                case "D1", "1D" -> { return Timeframe.D1; }
                default -> { }
            }
        }
        return null;
    }

    /**
     * The symbol a file name implies: the leading run of letters/digits before the first '_', '-' or '.',
     * upper-cased ({@code EURUSD_oanda_...} → EURUSD, {@code gbpusd-m1-bid-2012.csv} → GBPUSD).
     */
    public static String symbolFromFileName(Path file) {
        String n = name(file);
        int end = 0;
        while (end < n.length() && Character.isLetterOrDigit(n.charAt(end))) end++;
        if (end == 0) throw new IllegalArgumentException("cannot infer a symbol from file name '" + n + "'; pass one");
        return n.substring(0, end).toUpperCase(Locale.ROOT);
    }

    static MarketFormat detect(Path file, String header) {
        if (header.startsWith("<DATE>\t<TIME>\t<BID>\t<ASK>")) return MarketFormat.MT5_TICKS;
        if (header.startsWith("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>")) return MarketFormat.MT5_BARS;
        String[] cols = header.toLowerCase(Locale.ROOT).split(",", -1);
        if (cols.length >= 5 && (cols[0].trim().equals("timestamp") || cols[0].trim().equals("timestamp_utc"))
                && cols[1].trim().equals("open") && cols[2].trim().equals("high") && cols[3].trim().equals("low")
                && cols[4].trim().equals("close") && (cols.length == 5 || cols[5].trim().equals("volume"))
                && cols.length <= 6) {
            return MarketFormat.CSV_BARS;
        }
        throw new MarketDataException(name(file), 1, null, "unrecognised header '" + printable(header)
                + "' (expected an MT5 tick/bar export header or timestamp,open,high,low,close[,volume])");
    }

    private static String[] csvColumns(String header) {
        String[] cols = header.split(",", -1);
        for (int i = 0; i < cols.length; i++) cols[i] = cols[i].trim();
        return cols;
    }

    private static String header(Path file, LineReader lines) {
        if (!lines.next()) {
            if (lines.cutOff) throw new MarketDataException(name(file), 1, 0, BadRowReason.TRUNCATED,
                    "truncated file: the compressed data ends before the header line (a cut-off .gz)");
            throw new MarketDataException(name(file), 0, null, "file is empty (no header line)");
        }
        String h = lines.lineAsString();
        if (h.startsWith("\u00ef\u00bb\u00bf")) h = h.substring(3); // UTF-8 byte order mark read as Latin-1
        return h.trim();
    }

    static LineReader open(Path file) {
        InputStream raw;
        // a small file gets a small buffer (the fuzzer opens tiny files millions of times; zeroing 64 KB buffers per
        // open was most of its time); the line reader grows its buffer for a long line or for what a gzip stream
        // inflates to. Size 0 is also what a pipe says: full buffer.
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = 0;   // the open below names the problem
        }
        int buffer = size <= 0 ? BUFFER : (int) Math.min(BUFFER, Math.max(1024, size + 1));
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), buffer);
        } catch (NoSuchFileException e) {
            throw new MarketDataException("market file not found: " + file, e);
        } catch (IOException e) {
            throw new MarketDataException("cannot open market file " + file + ": " + e.getMessage(), e);
        }
        try {
            raw.mark(2);
            int b1 = raw.read(), b2 = raw.read();
            raw.reset();
            InputStream in = raw;
            if (b1 == 0x1f && b2 == 0x8b) {
                // no BufferedInputStream here: its read loops on available() and would lose the bytes already
                // decompressed when a cut-off .gz ends mid-stream; the line reader buffers anyway
                PushbackInputStream gz = new PushbackInputStream(new GZIPInputStream(raw, buffer), 2);
                b1 = gz.read();
                b2 = b1 < 0 ? -1 : gz.read();
                if (b2 >= 0) gz.unread(b2);
                if (b1 >= 0) gz.unread(b1);
                in = gz;
            }
            // UTF-16 byte order mark ("Unicode" exports): skip it and narrow to ASCII
            if (b1 == 0xff && b2 == 0xfe || b1 == 0xfe && b2 == 0xff) {
                in.skip(2);
                in = new Utf16ToAscii(in, b1 == 0xff);
            }
            return new LineReader(in, name(file), buffer);
        } catch (IOException e) {
            // the file opened: what fails now is its first bytes (a gzip header or first block that is corrupt)
            try {
                raw.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (e instanceof EOFException) throw new MarketDataException(name(file), 1, 0, BadRowReason.TRUNCATED,
                    "truncated file: the compressed data ends before the header line (a cut-off .gz)");
            throw new MarketDataException(name(file), 1, 0, null, "cannot read: " + LineReader.describe(e));
        }
    }

    private static String symbolOr(String symbol, Path file) {
        return symbol != null && !symbol.isBlank() ? symbol : symbolFromFileName(file);
    }

    private static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }

    private static String printable(String s) {
        String t = s.replace("\t", "\\t");
        return t.length() > 120 ? t.substring(0, 120) + "..." : t;
    }
}
