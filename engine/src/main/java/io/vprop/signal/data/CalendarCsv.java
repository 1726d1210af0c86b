package io.vprop.signal.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the shared ForexFactory-style calendar CSVs ({@code DateTime,Currency,Impact,Event,Actual,Forecast,
 * Previous[,Detail]}, ISO-8601 times WITH offset – the offset is honoured, e.g. +01:00 London summer time).
 * Values like "0.3%", "225K", "$20B", "&lt;0.1%", "4.17|2.5" become numbers (percent sign dropped, K/M/B/T scaled,
 * the part before '|' kept); an empty value or a vote split ("0-2-7") is NaN. A structurally bad row (column count, time) fails with file,
 * line and text; an unparseable number fails the same way.
 */
public final class CalendarCsv {
    private CalendarCsv() {}

    public static List<CalendarEvent> read(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "calendar file not found");
        List<CalendarEvent> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("DateTime,Currency,Impact,Event,Actual,Forecast,Previous"))
                throw new IOException(file + ": line 1: expected calendar header 'DateTime,Currency,Impact,Event,Actual,"
                        + "Forecast,Previous[,Detail]', got '" + header + "'");
            String row;
            long line = 1;
            while ((row = r.readLine()) != null) {
                line++;
                if (row.isBlank()) continue;
                String[] c = row.split(",", -1);
                if (c.length < 7 || c.length > 8)
                    throw new IOException(file + ": line " + line + ": expected 7 or 8 columns, got " + c.length + ": '" + row + "'");
                try {
                    long t = OffsetDateTime.parse(c[0].strip()).toInstant().toEpochMilli();
                    out.add(new CalendarEvent(t, c[1].strip(), c[2].strip(), c[3].strip(),
                            number(c[4]), number(c[5]), number(c[6])));
                } catch (DateTimeParseException e) {
                    throw new IOException(file + ": line " + line + ": bad DateTime '" + c[0] + "' (need ISO-8601 with offset)", e);
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** Parses a calendar value; NaN for empty. */
    public static double number(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) return Double.NaN;
        // central-bank vote splits such as "0-2-7" are not a quantity: no numeric surprise
        if (s.matches("\\d+(-\\d+)+")) return Double.NaN;
        int bar = s.indexOf('|');
        if (bar >= 0) s = s.substring(0, bar);
        s = s.replace("$", "").replace("<", "").replace(">", "").replace("%", "").strip();
        double scale = 1;
        if (!s.isEmpty()) {
            char last = Character.toUpperCase(s.charAt(s.length() - 1));
            switch (last) {
                case 'K' -> scale = 1e3;
                case 'M' -> scale = 1e6;
                case 'B' -> scale = 1e9;
                case 'T' -> scale = 1e12;
                default -> { }
            }
            if (scale != 1) s = s.substring(0, s.length() - 1);
        }
        try {
            return Double.parseDouble(s) * scale;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unparseable calendar value '" + raw + "'");
        }
    }
}
