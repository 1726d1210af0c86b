package io.vprop.trade;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The protocol's word for an enum constant (its name in lower case), and back, naming the bad word and the good ones. */
final class WireWords {
    private WireWords() {
    }

    static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(E[] values, String field, String word) {
        if (word != null) {
            for (E e : values) if (wire(e).equalsIgnoreCase(word)) return e;
        }
        String allowed = Arrays.stream(values).map(WireWords::wire).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(field + " must be one of " + allowed + ", was '" + word + "'");
    }
}
