package io.vprop.market.instrument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The instrument table's CSV format (docs/instruments.md): a header naming columns, one row per instrument,
 * '#' comment lines and blank lines ignored. A row is kept as its cells so that an override file can replace some
 * of them; {@link #build} turns a complete set of cells into an {@link Instrument}.
 */
final class InstrumentCsv {
    static final List<String> COLUMNS = List.of("symbol", "asset_class", "base", "profit", "digits", "tick_size",
            "contract_size", "volume_min", "volume_step", "volume_max", "stops_level", "freeze_level", "margin_rate",
            "commission_kind", "commission", "swap_unit", "swap_long", "swap_short", "triple_swap_day", "spread_asia",
            "spread_london", "spread_overlap", "spread_new_york", "spread_off_hours");

    private InstrumentCsv() {
    }

    /**
     * Reads rows over {@code base} (symbol → cells). A row for a symbol in {@code base} replaces only the non-blank
     * cells it gives; a row for a new symbol must give every column.
     *
     * @return base plus the file's rows, in base order then file order
     */
    static Map<String, Map<String, String>> read(String file, BufferedReader in, Map<String, Map<String, String>> base) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>(base);
        Map<String, Integer> seenAt = new HashMap<>();
        List<String> header = null;
        int lineNo = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                String text = line.strip();
                if (lineNo == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                if (text.isEmpty() || text.startsWith("#")) continue;
                List<String> cells = split(text);
                if (header == null) {
                    header = header(file, lineNo, cells);
                    continue;
                }
                if (cells.size() != header.size()) {
                    throw new InstrumentFileException(file, lineNo, "row has " + cells.size() + " cells, the header "
                            + header.size() + " columns");
                }
                String symbol = cells.get(0);
                if (!symbol.matches("[A-Za-z0-9._#+\\-]+")) {
                    throw new InstrumentFileException(file, lineNo, "column symbol: '" + symbol + "' is not a symbol name");
                }
                Integer before = seenAt.put(symbol, lineNo);
                if (before != null) throw new InstrumentFileException(file, lineNo, symbol + " is already given on line " + before);
                Map<String, String> row = new LinkedHashMap<>(out.getOrDefault(symbol, Map.of()));
                boolean known = !row.isEmpty();
                for (int c = 0; c < header.size(); c++) if (!cells.get(c).isEmpty()) row.put(header.get(c), cells.get(c));
                if (!known) {
                    List<String> missing = new ArrayList<>();
                    for (String col : COLUMNS) if (!row.containsKey(col)) missing.add(col);
                    if (!missing.isEmpty()) {
                        throw new InstrumentFileException(file, lineNo, symbol + " is not in the table yet, so every column must be given; missing: "
                                + String.join(", ", missing));
                    }
                }
                try {
                    build(row);
                } catch (IllegalArgumentException e) {
                    throw new InstrumentFileException(file, lineNo, e.getMessage());
                }
                out.put(symbol, Map.copyOf(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read instrument file " + file + ": " + e.getMessage(), e);
        }
        if (header == null) throw new InstrumentFileException(file, Math.max(lineNo, 1), "no header line (expected columns like " + String.join(",", COLUMNS.subList(0, 4)) + ",...)");
        return out;
    }

    private static List<String> header(String file, int lineNo, List<String> cells) {
        for (String c : cells) {
            if (!COLUMNS.contains(c)) {
                throw new InstrumentFileException(file, lineNo, "unknown column '" + c + "'" + suggestion(c)
                        + " (columns: " + String.join(", ", COLUMNS) + ")");
            }
        }
        if (cells.isEmpty() || !cells.get(0).equals("symbol")) {
            throw new InstrumentFileException(file, lineNo, "the first column must be 'symbol', got '" + (cells.isEmpty() ? "" : cells.get(0)) + "'");
        }
        for (int i = 0; i < cells.size(); i++) {
            if (cells.indexOf(cells.get(i)) != i) throw new InstrumentFileException(file, lineNo, "column '" + cells.get(i) + "' appears twice");
        }
        return cells;
    }

    private static String suggestion(String c) {
        for (String known : COLUMNS) if (known.replace("_", "").equalsIgnoreCase(c.replace("_", "").replace("-", "").replace(" ", ""))) return " (did you mean '" + known + "'?)";
        return "";
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.split(",", -1)) cells.add(c.strip());
        return cells;
    }

    /** An instrument from a complete set of cells; throws naming the column and its text. */
    static Instrument build(Map<String, String> c) {
        String symbol = c.get("symbol");
        int digits = whole(c, "digits", 0, 10);
        double point = BigDecimal.ONE.scaleByPowerOfTen(-digits).doubleValue();
        double tickSize = positive(c, "tick_size");
        double ticks = tickSize / point;
        if (Math.round(ticks) < 1 || Math.abs(ticks - Math.round(ticks)) > 1e-6) {
            throw new IllegalArgumentException("column tick_size: " + c.get("tick_size") + " is not a whole number of points (digits "
                    + digits + ", point " + BigDecimal.ONE.scaleByPowerOfTen(-digits).toPlainString() + ")");
        }
        String base = currency(c, "base"), profit = currency(c, "profit");
        double marginRate = number(c, "margin_rate");
        if (marginRate < 0 || marginRate > 1) throw new IllegalArgumentException("column margin_rate: " + c.get("margin_rate") + " must be in [0, 1]");
        CommissionModel commission = new CommissionModel(word(c, "commission_kind", CommissionModel.Kind::parse),
                nonNegative(c, "commission"));
        SwapModel swap = new SwapModel(word(c, "swap_unit", SwapModel.Unit::parse), number(c, "swap_long"),
                number(c, "swap_short"), word(c, "triple_swap_day", SwapModel::parseDay));
        SpreadModel spread = new SpreadModel(whole(c, "spread_asia", 0, 1_000_000), whole(c, "spread_london", 0, 1_000_000),
                whole(c, "spread_overlap", 0, 1_000_000), whole(c, "spread_new_york", 0, 1_000_000),
                whole(c, "spread_off_hours", 0, 1_000_000));
        double vMin = positive(c, "volume_min"), vStep = positive(c, "volume_step"), vMax = positive(c, "volume_max");
        if (vMax < vMin) throw new IllegalArgumentException("columns volume_min " + c.get("volume_min") + " > volume_max " + c.get("volume_max"));
        return new Instrument(symbol, word(c, "asset_class", AssetClass::parse), digits, point, tickSize,
                positive(c, "contract_size"), vMin, vStep, vMax, whole(c, "stops_level", 0, 1_000_000),
                whole(c, "freeze_level", 0, 1_000_000), base, profit, marginRate, commission, swap, spread);
    }

    private static String cell(Map<String, String> c, String col) {
        String v = c.get(col);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException("column " + col + " is empty");
        return v;
    }

    private static double number(Map<String, String> c, String col) {
        String v = cell(c, col);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + col + ": '" + v + "' is not a number");
        }
        if (!Double.isFinite(d)) throw new IllegalArgumentException("column " + col + ": '" + v + "' is not a finite number");
        return d;
    }

    private static double positive(Map<String, String> c, String col) {
        double d = number(c, col);
        if (!(d > 0)) throw new IllegalArgumentException("column " + col + ": " + c.get(col) + " must be > 0");
        return d;
    }

    private static double nonNegative(Map<String, String> c, String col) {
        double d = number(c, col);
        if (d < 0) throw new IllegalArgumentException("column " + col + ": " + c.get(col) + " must be >= 0");
        return d;
    }

    private static int whole(Map<String, String> c, String col, int min, int max) {
        String v = cell(c, col);
        int i;
        try {
            i = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + col + ": '" + v + "' is not a whole number");
        }
        if (i < min || i > max) throw new IllegalArgumentException("column " + col + ": " + i + " is outside " + min + ".." + max);
        return i;
    }

    private static String currency(Map<String, String> c, String col) {
        String v = cell(c, col);
        if (!v.matches("[A-Z]{3}")) throw new IllegalArgumentException("column " + col + ": '" + v + "' is not a 3-letter upper-case currency code");
        return v;
    }

    private static <T> T word(Map<String, String> c, String col, Function<String, T> parse) {
        String v = cell(c, col);
        try {
            return parse.apply(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + col + ": " + e.getMessage());
        }
    }
}
