package io.vprop.market.io;

import java.nio.charset.StandardCharsets;

/**
 * Hand-written parsers for the columns of one line held in a byte buffer. Numbers are parsed as an exact decimal
 * mantissa divided by a power of ten, which is the correctly rounded double for up to 15 significant digits (the
 * same value {@link Double#parseDouble} gives), without allocating. Failures throw {@link RowError}, which
 * carries the reason and a message naming the column and its text.
 */
final class Fields {
    private static final double[] POW10 = new double[19];
    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) { POW10[i] = p; p *= 10; }
    }

    byte[] buf;
    final int[] from;
    final int[] to;
    int count;
    private final String[] names;
    private final byte separator;

    Fields(String[] names, byte separator) {
        this.names = names;
        this.separator = separator;
        this.from = new int[names.length + 1];
        this.to = new int[names.length + 1];
    }

    /** Splits {@code buf[start,end)} on the separator; records at most names.length + 1 fields. */
    void split(byte[] buf, int start, int end) {
        this.buf = buf;
        int n = 0;
        int s = start;
        int max = from.length;
        for (int i = start; i < end && n < max - 1; i++) {
            if (buf[i] == separator) {
                from[n] = s;
                to[n] = i;
                n++;
                s = i + 1;
            }
        }
        from[n] = s;
        to[n] = end;
        count = n + 1;
    }

    boolean isEmpty(int f) { return f >= count || from[f] == to[f]; }

    String text(int f) {
        if (f >= count) return "";
        return new String(buf, from[f], to[f] - from[f], StandardCharsets.ISO_8859_1);
    }

    String name(int f) { return names[f]; }

    void require(int f) {
        if (f >= count) throw new RowError(BadRowReason.MISSING_FIELD, count, "missing column " + names[count]
                + " (row has " + count + " of " + names.length + " columns)");
    }

    /** Non-negative decimal, e.g. {@code 1.38712}; rejects signs other than a leading '-', exponents, NaN, empty. */
    double decimal(int f) {
        require(f);
        int i = from[f], e = to[f];
        if (i == e) throw new RowError(BadRowReason.MISSING_FIELD, f, names[f] + " is empty");
        boolean negative = false;
        if (buf[i] == '-') { negative = true; i++; } else if (buf[i] == '+') i++;
        long mantissa = 0;
        int digits = 0, scale = -1;
        boolean sawDigit = false;
        for (; i < e; i++) {
            int c = buf[i];
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) digits++;
                    if (scale >= 0) scale++;
                } else if (scale < 0) {
                    throw notANumber(f, "has too many digits");
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                throw notANumber(f, "is not a number");
            }
        }
        if (scale < 0) scale = 0;
        if (!sawDigit) throw notANumber(f, "is not a number");
        double v = scale < POW10.length ? mantissa / POW10[scale] : mantissa / Math.pow(10, scale);
        return negative ? -v : v;
    }

    /** A price: a number that must be finite and strictly positive. */
    double price(int f) {
        double v = decimal(f);
        if (!(v > 0)) throw new RowError(BadRowReason.NOT_POSITIVE, f, names[f] + " '" + text(f) + "' is not positive");
        return v;
    }

    /** Optional non-negative quantity, 0 when empty. */
    double quantity(int f) {
        if (isEmpty(f)) return 0;
        double v = decimal(f);
        if (v < 0) throw new RowError(BadRowReason.NOT_POSITIVE, f, names[f] + " '" + text(f) + "' is negative");
        return v;
    }

    /** Optional non-negative integer, 0 when empty. */
    long integer(int f) {
        if (isEmpty(f)) return 0;
        int i = from[f], e = to[f];
        long v = 0;
        for (; i < e; i++) {
            int c = buf[i];
            if (c < '0' || c > '9') {
                if (c == '.' ) { // "12.0" style volumes: accept a zero fraction only
                    for (int j = i + 1; j < e; j++) if (buf[j] != '0') throw notANumber(f, "is not a whole number");
                    return v;
                }
                if (c == '-') throw new RowError(BadRowReason.NOT_POSITIVE, f, names[f] + " '" + text(f) + "' is negative");
                throw notANumber(f, "is not a whole number");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** MT5 date {@code YYYY.MM.DD} (also {@code YYYY-MM-DD}) as days since 1970-01-01. */
    long epochDay(int f) {
        require(f);
        int i = from[f];
        if (to[f] - i != 10 || !(buf[i + 4] == '.' || buf[i + 4] == '-') || buf[i + 7] != buf[i + 4]) {
            throw badTime(f, "is not a date YYYY.MM.DD");
        }
        int y = digits(f, i, 4), m = digits(f, i + 5, 2), d = digits(f, i + 8, 2);
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw badTime(f, "is not a valid date");
        return daysFromCivil(y, m, d);
    }

    /** MT5 time {@code HH:MM:SS.mmm}, {@code HH:MM:SS} or {@code HH:MM} as ms since midnight. */
    long millisOfDay(int f) {
        require(f);
        return millisOfDay(f, from[f], to[f]);
    }

    long millisOfDay(int f, int i, int e) {
        int len = e - i;
        if (len < 5 || buf[i + 2] != ':') throw badTime(f, "is not a time HH:MM[:SS[.mmm]]");
        int h = digits(f, i, 2), mi = digits(f, i + 3, 2), s = 0, ms = 0;
        if (len > 5) {
            if (len < 8 || buf[i + 5] != ':') throw badTime(f, "is not a time HH:MM[:SS[.mmm]]");
            s = digits(f, i + 6, 2);
            if (len > 8) {
                if (buf[i + 8] != '.' || len == 9) throw badTime(f, "is not a time HH:MM:SS.mmm");
                // fractional seconds: keep milliseconds, floor anything finer
                int scale = 100;
                for (int k = i + 9; k < e; k++) {
                    int c = buf[k];
                    if (c < '0' || c > '9') throw badTime(f, "is not a time HH:MM:SS.mmm");
                    ms += (c - '0') * scale;
                    scale /= 10;
                }
            }
        }
        if (h > 23 || mi > 59 || s > 60) throw badTime(f, "is not a valid time of day");
        return ((h * 60L + mi) * 60 + s) * 1000 + ms;
    }

    private int digits(int f, int i, int n) {
        int v = 0;
        for (int k = i; k < i + n; k++) {
            int c = buf[k];
            if (c < '0' || c > '9') throw badTime(f, "has a non-digit where a digit belongs");
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * A generic timestamp: ISO-8601 {@code YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]} or epoch seconds/ms
     * (all digits; values from 10^11 up are milliseconds). Returns UTC epoch ms; ISO values without an offset are
     * read on {@code fileClock}.
     */
    long timestamp(int f, ServerClock fileClock) {
        require(f);
        int i = from[f], e = to[f];
        if (i == e) throw badTime(f, "is empty");
        boolean allDigits = true;
        for (int k = i; k < e; k++) if (buf[k] < '0' || buf[k] > '9') { allDigits = false; break; }
        if (allDigits) {
            if (e - i > 15) throw badTime(f, "is too long for epoch seconds or milliseconds");
            long v = 0;
            for (int k = i; k < e; k++) v = v * 10 + (buf[k] - '0');
            return v >= 100_000_000_000L ? v : v * 1000;
        }
        if (e - i < 16 || buf[i + 4] != '-' || buf[i + 7] != '-' || !(buf[i + 10] == 'T' || buf[i + 10] == ' ')) {
            throw badTime(f, "is not an ISO-8601 timestamp or epoch number");
        }
        int y = digits(f, i, 4), m = digits(f, i + 5, 2), d = digits(f, i + 8, 2);
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw badTime(f, "is not a valid date");
        int t = i + 11;
        int zone = t;
        while (zone < e && buf[zone] != 'Z' && buf[zone] != '+' && buf[zone] != '-') zone++;
        long ms = millisOfDay(f, t, zone);
        if (zone == e) return fileClock.toUtc(daysFromCivil(y, m, d) * 86_400_000L + ms);
        long offset;
        if (buf[zone] == 'Z') {
            if (zone + 1 != e) throw badTime(f, "has text after 'Z'");
            offset = 0;
        } else {
            int sign = buf[zone] == '-' ? -1 : 1;
            int len = e - zone - 1;
            int oh, om;
            if (len == 5 && buf[zone + 3] == ':') { oh = digits(f, zone + 1, 2); om = digits(f, zone + 4, 2); }
            else if (len == 4) { oh = digits(f, zone + 1, 2); om = digits(f, zone + 3, 2); }
            else if (len == 2) { oh = digits(f, zone + 1, 2); om = 0; }
            else throw badTime(f, "has an offset that is not ±HH:MM");
            offset = sign * (oh * 3_600_000L + om * 60_000L);
        }
        return daysFromCivil(y, m, d) * 86_400_000L + ms - offset;
    }

    private RowError notANumber(int f, String what) {
        return new RowError(BadRowReason.NOT_A_NUMBER, f, names[f] + " '" + text(f) + "' " + what);
    }

    private RowError badTime(int f, String what) {
        return new RowError(BadRowReason.BAD_TIMESTAMP, f, names[f] + " '" + text(f) + "' " + what);
    }

    static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** A rejected row: the reason, the 0-based column at fault and a message naming it. Thrown only for bad rows. */
    static final class RowError extends RuntimeException {
        final BadRowReason reason;
        final int column;

        RowError(BadRowReason reason, int column, String message) {
            super(message, null, false, false);
            this.reason = reason;
            this.column = column;
        }
    }
}
