package io.vprop.research.report;

import java.util.Locale;

/** Escaping and number formats of the HTML report. Every string that goes into the page passes through here. */
final class Html {
    private Html() {
    }

    /** Text for an HTML element or a quoted attribute. */
    static String text(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON made safe inside a {@code <script>} element: '<', '>', '&' and the JavaScript line separators U+2028/2029
     * become \\u escapes. They can only occur inside JSON strings, where the escape means the same character, so
     * {@code JSON.parse} gives back the same data and no "&lt;/script>" in a symbol or a command line can end the script.
     */
    static String scriptJson(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** "—" for a number that is not defined. */
    static String num(double v, int decimals) {
        if (!Double.isFinite(v)) return "—";
        return String.format(Locale.ROOT, "%,." + decimals + "f", v).replace('-', '−');
    }

    static String usd(double v) {
        return Double.isFinite(v) ? num(v, 2) + " USD" : "—";
    }

    static String pct(double v) {
        return Double.isFinite(v) ? num(v, 2) + " %" : "—";
    }

    static String r(double v) {
        return Double.isFinite(v) ? num(v, 3) + " R" : "—";
    }

    static String prob(double v) {
        return Double.isFinite(v) ? num(v * 100, 1) + " %" : "—";
    }
}
