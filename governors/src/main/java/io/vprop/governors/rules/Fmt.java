package io.vprop.governors.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;

/**
 * Number and time formatting for trader-facing sentences. {@link #money} and {@link #num} give exactly what
 * {@code String.format(Locale.ROOT, …)} gives ("%,.2f", "%.0f", "%.2f"; FmtTest compares them) without the
 * Formatter: a simulation meets a breach, and so a sentence, on almost every path.
 */
final class Fmt {
    private static final double PLAIN_LIMIT = 1e15; // beyond this, leave it to the Formatter

    private Fmt() {}

    static String money(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= PLAIN_LIMIT) return String.format(Locale.ROOT, "%,.2f", v);
        return fixed(v, 2, true);
    }

    static String num(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= PLAIN_LIMIT) {
            return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
        }
        return v == Math.rint(v) ? fixed(v, 0, false) : fixed(v, 2, false);
    }

    static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /**
     * The Formatter's "%.Nf": the shortest decimal digits of the double (those of {@code Double.toString}) rounded
     * half-up to N places; a negative sign is kept for values that round to zero ("-0.00"), as the Formatter does.
     */
    private static String fixed(double v, int places, boolean group) {
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        String digits = BigDecimal.valueOf(Math.abs(v)).setScale(places, RoundingMode.HALF_UP).toPlainString();
        int point = digits.indexOf('.');
        int intLen = point < 0 ? digits.length() : point;
        StringBuilder b = new StringBuilder(digits.length() + intLen / 3 + 1);
        if (negative) b.append('-');
        for (int i = 0; i < intLen; i++) {
            if (group && i > 0 && (intLen - i) % 3 == 0) b.append(',');
            b.append(digits.charAt(i));
        }
        if (point >= 0) b.append(digits, point, digits.length());
        return b.toString();
    }
}
