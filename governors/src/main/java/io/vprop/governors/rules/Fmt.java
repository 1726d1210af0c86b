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
     * The Formatter's "%.Nf" (N = 0 or 2): the shortest decimal digits of the double (those of {@code Double.toString})
     * rounded half-up to N places; a negative sign is kept for values that round to zero ("-0.00"), as the Formatter
     * does. Below {@link #FAST_LIMIT} and away from a half unit of the last place, in double arithmetic: there the
     * double, its decimal digits (within half an ulp of it, under 6e-8) and its product by 10^N (within 8e-6 of the
     * exact product) round to the same whole number of units, so it is the decimal rounding; near a half, BigDecimal.
     */
    private static String fixed(double v, int places, boolean group) {
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        double a = Math.abs(v);
        if (a < FAST_LIMIT) {
            double x = places == 2 ? a * 100 : a;
            double frac = x - Math.floor(x);
            if (Math.abs(frac - 0.5) > 1e-4) return write(negative, (long) Math.floor(x + 0.5), places, group);
        }
        String digits = BigDecimal.valueOf(a).setScale(places, RoundingMode.HALF_UP).toPlainString();
        int point = digits.indexOf('.');
        int intLen = point < 0 ? digits.length() : point;
        StringBuilder b = new StringBuilder(digits.length() + intLen / 3 + 1);
        if (negative) b.append('-');
        group(b, digits, intLen, group);
        if (point >= 0) b.append(digits, point, digits.length());
        return b.toString();
    }

    /** Values below this (1e9, under 2^30) take the double arithmetic of {@link #fixed}. */
    private static final double FAST_LIMIT = 1e9;

    /** {@code units} of the last place (cents with 2 places) as BigDecimal's plain string writes them, signed. */
    private static String write(boolean negative, long units, int places, boolean group) {
        String whole = Long.toString(places == 2 ? units / 100 : units);
        StringBuilder b = new StringBuilder(whole.length() + whole.length() / 3 + 5);
        if (negative) b.append('-');
        group(b, whole, whole.length(), group);
        if (places == 2) {
            int c = (int) (units % 100);
            b.append('.').append((char) ('0' + c / 10)).append((char) ('0' + c % 10));
        }
        return b.toString();
    }

    /** The first {@code intLen} digits, with a comma between groups of three when asked. */
    private static void group(StringBuilder b, String digits, int intLen, boolean group) {
        for (int i = 0; i < intLen; i++) {
            if (group && i > 0 && (intLen - i) % 3 == 0) b.append(',');
            b.append(digits.charAt(i));
        }
    }
}
