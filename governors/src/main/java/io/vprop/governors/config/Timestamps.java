package io.vprop.governors.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.governors.profile.ProfileException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The one timestamp format of profiles and scenario files: ISO-8601 in UTC with a literal Z and whole seconds,
 * e.g. {@code "2024-03-10T21:59:00Z"}. Offsets, fractions and epoch numbers are rejected so that the MQL5 parser
 * needs to understand exactly one shape.
 */
public final class Timestamps {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private Timestamps() {}

    public static long parse(String field, JsonNode v) {
        if (v == null || !v.isTextual()) throw new ProfileException(field, "must be a UTC timestamp string like 2024-03-10T21:59:00Z, got " + v);
        return parse(field, v.asText());
    }

    public static long parse(String field, String s) {
        if (!SHAPE.matcher(s).matches()) {
            throw new ProfileException(field, "must be a UTC timestamp like 2024-03-10T21:59:00Z, got '" + s + "'");
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ProfileException(field, "is not a valid date-time: '" + s + "'");
        }
    }

    public static String format(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
