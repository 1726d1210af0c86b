package io.vprop.challenge.history;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Reads numbers and times out of report cells, failing with the file, line or row, column and the value.
 * Numbers: MT5 writes a point as the decimal mark and a space between thousands ("100 000.00"); only that grouping
 * is accepted, so "0,1 0" is an error rather than 10. Times: "2023.06.23 07:53:00" as MT5 writes them, ISO
 * "2023-06-23 07:53:00" or "2023-06-23T07:53:00", seconds and milliseconds optional, in server time unless an
 * offset is written ("...Z", "...+02:00"); a number is taken as an Excel serial day.
 */
final class Cells {
    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}( \\d{3})+(\\.\\d+)?");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).optionalStart().appendLiteral('.').optionalEnd()
            .optionalStart().appendLiteral('-').optionalEnd()
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).optionalStart().appendLiteral('.').optionalEnd()
            .optionalStart().appendLiteral('-').optionalEnd()
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .optionalStart().optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T')
            .optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd().optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter();
    private static final LocalDateTime EXCEL_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);

    private Cells() {
    }

    /** The number in {@code row}'s column, failing when it is empty or not a number. */
    static double number(GridRow row, int col, String column) {
        String text = row.cell(col);
        if (text.isEmpty()) throw error(row, col, column, "empty, expected a number");
        return parse(row, col, column, text);
    }

    /** The number in {@code row}'s column, {@code whenEmpty} when the cell is empty. */
    static double numberOr(GridRow row, int col, String column, double whenEmpty) {
        String text = row.cell(col);
        return text.isEmpty() ? whenEmpty : parse(row, col, column, text);
    }

    private static double parse(GridRow row, int col, String column, String text) {
        String t = text.replace('\u00a0', ' ').replace('\u202f', ' ').replace('\u2009', ' ').strip();
        if (GROUPED.matcher(t).matches()) t = t.replace(" ", "");
        if (!PLAIN.matcher(t).matches()) throw error(row, col, column, "'" + text + "' is not a number");
        return Double.parseDouble(t);
    }

    /** A ticket (deal, order, position): a whole number, "" when the cell is empty. */
    static String ticket(GridRow row, int col, String column) {
        String text = row.cell(col);
        if (text.isEmpty()) return "";
        if (!text.matches("\\d{1,20}")) throw error(row, col, column, "'" + text + "' is not a ticket number");
        return text;
    }

    /** The time in {@code row}'s column as UTC epoch ms, reading a zone-less time on the server clock. */
    static long time(GridRow row, int col, String column, ImportOptions options) {
        String text = row.cell(col);
        if (text.isEmpty()) throw error(row, col, column, "empty, expected a time such as 2024.03.08 14:30:00");
        LocalDateTime local;
        try {
            local = localTime(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                if (!PLAIN.matcher(text).matches())
                    throw error(row, col, column, "'" + text + "' is not a time (expected 2024.03.08 14:30:00)");
                local = excelSerial(row, col, column, text);
            }
        }
        try {
            return options.toUtcMs(local);
        } catch (DateTimeException e) {
            throw error(row, col, column, e.getMessage());
        }
    }

    static LocalDateTime localTime(String text) {
        return LocalDateTime.parse(text.strip(), LOCAL);
    }

    private static LocalDateTime excelSerial(GridRow row, int col, String column, String text) {
        double days = Double.parseDouble(text);
        if (days < 1 || days > 2_958_465) throw error(row, col, column, "'" + text + "' is not a time");
        long ms = Math.round(days * 86_400_000d);
        return EXCEL_EPOCH.plus(ms, ChronoUnit.MILLIS);
    }

    /** An Excel serial day number as MT5 writes times: "2023.06.23 07:53:00" (milliseconds only when not zero). */
    static String formatSerial(double days) {
        LocalDateTime t = EXCEL_EPOCH.plus(Math.round(days * 86_400_000d), ChronoUnit.MILLIS);
        String s = String.format("%04d.%02d.%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        int ms = t.getNano() / 1_000_000;
        return ms == 0 ? s : s + String.format(".%03d", ms);
    }

    static HistoryImportException error(GridRow row, int col, String column, String what) {
        return new HistoryImportException(row.whereCell(col) + ", column " + column + ": " + what);
    }

}
