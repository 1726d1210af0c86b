package io.vprop.market.instrument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The instrument table: the built-in rows (28 FX pairs, XAUUSD, XAGUSD, index CFDs; {@code instruments.csv} next to
 * this class), optionally overridden by files in the same format. Looking up a symbol it does not hold throws
 * {@link UnknownInstrumentException}; there is no default instrument. Immutable.
 */
public final class InstrumentTable {
    static final String BUILT_IN = "built-in instruments.csv";
    private static volatile InstrumentTable builtIn;

    private final Map<String, Map<String, String>> cells;
    private final Map<String, Instrument> bySymbol;
    private final List<String> sources;

    private InstrumentTable(Map<String, Map<String, String>> cells, List<String> sources) {
        this.cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        Map<String, Instrument> m = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : cells.entrySet()) m.put(e.getKey(), InstrumentCsv.build(e.getValue()));
        this.bySymbol = Collections.unmodifiableMap(m);
        this.sources = List.copyOf(sources);
    }

    /** The built-in table (typical retail ECN conditions; assumptions, see docs/instruments.md). */
    public static InstrumentTable builtIn() {
        InstrumentTable t = builtIn;
        if (t == null) {
            try (InputStream in = InstrumentTable.class.getResourceAsStream("instruments.csv")) {
                if (in == null) throw new IllegalStateException("the built-in instruments.csv is missing from the market jar");
                t = new InstrumentTable(InstrumentCsv.read(BUILT_IN, reader(in), Map.of()), List.of(BUILT_IN));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in instruments.csv: " + e.getMessage(), e);
            }
            builtIn = t;
        }
        return t;
    }

    /**
     * This table with the rows of an override file on top: a row for a known symbol replaces the non-blank cells it
     * gives, a row for a new symbol adds it (every column required). Bad values throw
     * {@link InstrumentFileException} naming file and line.
     */
    public InstrumentTable withOverrides(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return withOverrides(String.valueOf(file), in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("instrument override file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read instrument override file " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #withOverrides(Path)}, from a reader; {@code sourceName} is what error messages call it. */
    public InstrumentTable withOverrides(String sourceName, Reader reader) {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> s = new ArrayList<>(sources);
        s.add(sourceName);
        return new InstrumentTable(InstrumentCsv.read(sourceName, in, cells), s);
    }

    /** The instrument of {@code symbol}; throws {@link UnknownInstrumentException} (with close matches) when unknown. */
    public Instrument get(String symbol) {
        Instrument i = symbol == null ? null : bySymbol.get(symbol);
        if (i == null) throw new UnknownInstrumentException(String.valueOf(symbol), closeMatches(String.valueOf(symbol)), bySymbol.size());
        return i;
    }

    public Optional<Instrument> find(String symbol) { return Optional.ofNullable(bySymbol.get(symbol)); }

    public boolean contains(String symbol) { return bySymbol.containsKey(symbol); }

    /** Every symbol, built-in order first, then those the overrides added. */
    public List<String> symbols() { return List.copyOf(bySymbol.keySet()); }

    public List<Instrument> all() { return List.copyOf(bySymbol.values()); }

    /** Where the rows came from: the built-in table, then each override file in order. */
    public List<String> sources() { return sources; }

    /**
     * Up to 5 known symbols close to {@code symbol}: one containing it or contained in it (broker suffixes such as
     * EURUSD.r), the same pair written the other way round, or within two edits.
     */
    List<String> closeMatches(String symbol) {
        String q = symbol.toUpperCase(Locale.ROOT);
        record Match(String symbol, int score) { }
        List<Match> matches = new ArrayList<>();
        for (String known : bySymbol.keySet()) {
            String k = known.toUpperCase(Locale.ROOT);
            int score;
            if (q.contains(k) || k.contains(q)) score = 0;
            else if (q.length() == 6 && k.length() == 6 && (q.substring(3) + q.substring(0, 3)).equals(k)) score = 0;
            else score = distance(q, k);
            if (score <= 2) matches.add(new Match(known, score));
        }
        matches.sort(Comparator.comparingInt(Match::score).thenComparing(Match::symbol));
        List<String> out = new ArrayList<>();
        for (Match m : matches) if (out.size() < 5) out.add(m.symbol());
        return out;
    }

    /** Levenshtein distance (small strings only). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
