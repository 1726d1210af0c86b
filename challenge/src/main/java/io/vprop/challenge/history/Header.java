package io.vprop.challenge.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table's header row: which column holds what, by name. Names are compared without case, spaces or
 * punctuation ("S / L" is "sl"). MT5's Positions header names Time and Price twice (open, then close), so a name
 * may have several columns, in order.
 */
final class Header {
    private final GridRow row;
    private final Map<String, List<Integer>> columns = new LinkedHashMap<>();

    Header(GridRow row) {
        this.row = row;
        for (int i = 0; i < row.cells().size(); i++) {
            String key = key(row.cell(i));
            if (!key.isEmpty()) columns.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    GridRow row() {
        return row;
    }

    /** The column of the {@code nth} (0-based) occurrence of any of the names, -1 when there is none. */
    int find(int nth, String... names) {
        for (String name : names) {
            List<Integer> cols = columns.get(key(name));
            if (cols != null && cols.size() > nth) return cols.get(nth);
        }
        return -1;
    }

    int find(String... names) {
        return find(0, names);
    }

    boolean has(String... names) {
        return find(names) >= 0;
    }

    /** The column of {@code name}, failing with the header's place and the columns found when it is missing. */
    int require(String section, String name, String... aliases) {
        String[] all = new String[aliases.length + 1];
        all[0] = name;
        System.arraycopy(aliases, 0, all, 1, aliases.length);
        int col = find(all);
        if (col < 0)
            throw new HistoryImportException(row.where() + ": the " + section + " header has no column " + name
                    + " (found: " + String.join(", ", row.filled()) + ")");
        return col;
    }
}
