package io.vprop.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes an API answer valid JSON: NaN and ±Infinity are not JSON numbers (Jackson would write them as the strings
 * "NaN"/"Infinity" or as bare tokens a browser's JSON.parse rejects). Every non-finite double or float inside nested
 * maps, collections and primitive arrays becomes null, which the panel shows as "—", never as a made-up number.
 */
public final class FiniteJson {
    private FiniteJson() {
    }

    /** A copy of {@code value} with every non-finite number replaced by null; other values are returned as they are. */
    public static Object of(Object value) {
        if (value instanceof Double d) return Double.isFinite(d) ? d : null;
        if (value instanceof Float f) return Float.isFinite(f) ? f : null;
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, of(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object v : c) out.add(of(v));
            return out;
        }
        if (value instanceof double[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (double v : a) out.add(of(v));
            return out;
        }
        if (value instanceof float[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (float v : a) out.add(of(v));
            return out;
        }
        return value;
    }

    /** {@link #of} for a map answer (keeps the static type for callers that add to it). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, ?> value) {
        return (Map<String, Object>) of(value);
    }
}
