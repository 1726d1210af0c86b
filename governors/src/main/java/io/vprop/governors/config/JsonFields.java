package io.vprop.governors.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.governors.profile.ProfileException;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Typed, path-aware access to one JSON object. Every problem is a {@link ProfileException} naming the dotted
 * field path; {@link #rejectUnknown()} catches misspelt keys, which would otherwise silently disable a rule.
 */
public final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final Set<String> allowed = new HashSet<>();

    public JsonFields(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ProfileException(path.isEmpty() ? "(root)" : path, "must be a JSON object");
        }
        this.node = node;
        this.path = path;
    }

    public String field(String name) {
        // a key that is empty, blank or not a plain word (found by fuzzing) is quoted, so the path still shows it
        String n = name.matches("[A-Za-z0-9_]+") ? name : quote(name);
        return path.isEmpty() ? n : path + "." + n;
    }

    private static String quote(String key) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : key.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    public boolean has(String name) {
        allowed.add(name);
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public JsonNode raw(String name) {
        allowed.add(name);
        return node.get(name);
    }

    public JsonFields object(String name) {
        return has(name) ? new JsonFields(node.get(name), field(name)) : null;
    }

    public double number(String name) {
        if (!has(name)) throw new ProfileException(field(name), "missing value");
        JsonNode v = node.get(name);
        if (!v.isNumber()) throw new ProfileException(field(name), "must be a number, got " + v);
        return v.asDouble();
    }

    public double number(String name, double dflt) {
        return has(name) ? number(name) : dflt;
    }

    public int integer(String name) {
        double d = number(name);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new ProfileException(field(name), "must be a whole number, got " + d);
        return (int) d;
    }

    public int integer(String name, int dflt) {
        return has(name) ? integer(name) : dflt;
    }

    public long epochMsOrIso(String name) {
        if (!has(name)) throw new ProfileException(field(name), "missing value");
        return Timestamps.parse(field(name), node.get(name));
    }

    public boolean bool(String name, boolean dflt) {
        if (!has(name)) return dflt;
        JsonNode v = node.get(name);
        if (!v.isBoolean()) throw new ProfileException(field(name), "must be true or false, got " + v);
        return v.asBoolean();
    }

    public String text(String name) {
        if (!has(name)) throw new ProfileException(field(name), "missing value");
        JsonNode v = node.get(name);
        if (!v.isTextual()) throw new ProfileException(field(name), "must be a string, got " + v);
        return v.asText();
    }

    public String text(String name, String dflt) {
        return has(name) ? text(name) : dflt;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String s = text(name);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(field(name), "unknown value '" + s + "', expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    public LocalTime time(String name) {
        String s = text(name);
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new ProfileException(field(name), "must be a wall time HH:mm, got '" + s + "'");
        }
    }

    /** Fails on any key not read so far. Call after reading every known key. */
    public void rejectUnknown() {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) throw new ProfileException(field(k), "unknown field");
        }
    }
}
