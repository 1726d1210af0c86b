package io.vprop.bench.memory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Minimal "--name value" / "--flag" argument parsing for the benchmark mains. */
final class Args {
    private Args() {}

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "' (expected --name value)");
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(name, args[++i]);
            } else {
                m.put(name, "true");
            }
        }
        return m;
    }

    static int[] ints(String csv) {
        try {
            int[] v = Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int x : v) {
                if (x <= 0) {
                    throw new IllegalArgumentException("values must be > 0 in '" + csv + "'");
                }
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a comma-separated list of integers: '" + csv + "'", e);
        }
    }
}
