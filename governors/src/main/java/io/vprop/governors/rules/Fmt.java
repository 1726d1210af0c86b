package io.vprop.governors.rules;

import java.time.Instant;
import java.util.Locale;

/** Number and time formatting for trader-facing sentences. */
final class Fmt {
    private Fmt() {}

    static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
