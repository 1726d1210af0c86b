package io.vprop.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed, validating reads of one JSON object's fields. Every failure names the field by its path
 * ({@code positions[2].volume}) so the error reply tells the sender exactly what to fix.
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final long seq;

    JsonFields(JsonNode node, String path, long seq) {
        this.node = node;
        this.path = path;
        this.seq = seq;
    }

    private String name(String field) { return path.isEmpty() ? field : path + "." + field; }

    private ProtocolException fail(ErrorCode code, String field, String msg) {
        return new ProtocolException(code, name(field), name(field) + ": " + msg, seq);
    }

    private JsonNode required(String field) throws ProtocolException {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) throw fail(ErrorCode.MISSING_FIELD, field, "required field is missing");
        return n;
    }

    boolean has(String field) {
        JsonNode n = node.get(field);
        return n != null && !n.isNull();
    }

    String str(String field) throws ProtocolException {
        JsonNode n = required(field);
        if (!n.isTextual()) throw fail(ErrorCode.WRONG_TYPE, field, "expected a string, got " + n.getNodeType());
        return n.textValue();
    }

    String str(String field, String dflt) throws ProtocolException { return has(field) ? str(field) : dflt; }

    /** A non-empty string of at most {@code max} characters. */
    String name(String field, int max) throws ProtocolException {
        String s = str(field);
        if (s.isEmpty() || s.length() > max)
            throw fail(ErrorCode.OUT_OF_RANGE, field, "must be 1.." + max + " characters, got '" + s + "'");
        return s;
    }

    /** One of the given words. */
    String word(String field, List<String> allowed) throws ProtocolException {
        String s = str(field);
        if (!allowed.contains(s)) throw fail(ErrorCode.OUT_OF_RANGE, field, "must be one of " + allowed + ", got '" + s + "'");
        return s;
    }

    String word(String field, List<String> allowed, String dflt) throws ProtocolException {
        return has(field) ? word(field, allowed) : dflt;
    }

    long lng(String field) throws ProtocolException {
        JsonNode n = required(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong())
            throw fail(ErrorCode.WRONG_TYPE, field, "expected an integer, got " + n);
        return n.longValue();
    }

    long lng(String field, long dflt) throws ProtocolException { return has(field) ? lng(field) : dflt; }

    long nonNegativeLong(String field, long dflt) throws ProtocolException {
        long v = has(field) ? lng(field) : dflt;
        if (v < 0) throw fail(ErrorCode.OUT_OF_RANGE, field, "must not be negative, got " + v);
        return v;
    }

    long nonNegativeLong(String field) throws ProtocolException {
        long v = lng(field);
        if (v < 0) throw fail(ErrorCode.OUT_OF_RANGE, field, "must not be negative, got " + v);
        return v;
    }

    int integer(String field) throws ProtocolException {
        long v = lng(field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
            throw fail(ErrorCode.OUT_OF_RANGE, field, "out of 32-bit range: " + v);
        return (int) v;
    }

    int integer(String field, int dflt) throws ProtocolException { return has(field) ? integer(field) : dflt; }

    boolean bool(String field, boolean dflt) throws ProtocolException {
        if (!has(field)) return dflt;
        JsonNode n = node.get(field);
        if (!n.isBoolean()) throw fail(ErrorCode.WRONG_TYPE, field, "expected true or false, got " + n);
        return n.booleanValue();
    }

    /** Any finite number (money may be negative). */
    double finite(String field) throws ProtocolException {
        JsonNode n = required(field);
        if (!n.isNumber()) throw fail(ErrorCode.WRONG_TYPE, field, "expected a number, got " + n.getNodeType());
        double d = n.doubleValue();
        if (!Double.isFinite(d)) throw fail(ErrorCode.NON_FINITE, field, "must be finite, got " + n.asText());
        return d;
    }

    double finite(String field, double dflt) throws ProtocolException { return has(field) ? finite(field) : dflt; }

    /** A price: finite and strictly positive. */
    double price(String field) throws ProtocolException {
        double d = finite(field);
        if (d <= 0) throw fail(ErrorCode.OUT_OF_RANGE, field, "price must be positive, got " + d);
        return d;
    }

    /** Finite and ≥ 0: volumes, optional prices where 0 means "none" (sl, tp). */
    double nonNegative(String field) throws ProtocolException {
        double d = finite(field);
        if (d < 0) throw fail(ErrorCode.OUT_OF_RANGE, field, "must not be negative, got " + d);
        return d;
    }

    double nonNegative(String field, double dflt) throws ProtocolException {
        return has(field) ? nonNegative(field) : dflt;
    }

    interface Reader<T> {
        T read(JsonFields f) throws ProtocolException;
    }

    /** An array of objects, each read by {@code reader}; absent means empty when {@code optional}. */
    <T> List<T> list(String field, boolean optional, Reader<T> reader) throws ProtocolException {
        if (optional && !has(field)) return List.of();
        JsonNode n = required(field);
        if (!n.isArray()) throw fail(ErrorCode.WRONG_TYPE, field, "expected an array, got " + n.getNodeType());
        List<T> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String p = name(field) + "[" + i + "]";
            if (!e.isObject()) throw new ProtocolException(ErrorCode.WRONG_TYPE, p, p + ": expected an object", seq);
            out.add(reader.read(new JsonFields(e, p, seq)));
        }
        return List.copyOf(out);
    }

    /** An array of scalars converted by {@code conv} (which may throw IllegalArgumentException). */
    <T> List<T> scalars(String field, Function<JsonNode, T> conv) throws ProtocolException {
        JsonNode n = required(field);
        if (!n.isArray()) throw fail(ErrorCode.WRONG_TYPE, field, "expected an array, got " + n.getNodeType());
        List<T> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            try {
                out.add(conv.apply(n.get(i)));
            } catch (IllegalArgumentException e) {
                String p = name(field) + "[" + i + "]";
                throw new ProtocolException(ErrorCode.WRONG_TYPE, p, p + ": " + e.getMessage(), seq);
            }
        }
        return List.copyOf(out);
    }

    ProtocolException error(ErrorCode code, String field, String msg) { return fail(code, field, msg); }
}
