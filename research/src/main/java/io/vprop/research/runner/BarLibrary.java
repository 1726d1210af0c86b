package io.vprop.research.runner;

import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.ParseMode;
import io.vprop.market.io.ServerClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Bar files by symbol and timeframe, each read once per JVM into an immutable {@link BarSeries} shared by every thread:
 * a walk-forward runs thousands of backtests over the same bars, so no unit parses a file, and the bar feed reads the
 * series' packed array (no {@link Bar} object is kept: the next of a few hundred thousand was often a cache miss). Files are found by name
 * ({@code EURUSD_snowguru_H4_2007-2023.bars.csv.gz}: the symbol before the first '_', the timeframe as a name part),
 * in the folders and files given; their times are read on {@code clock} (the files' server time). An MT5 tick file
 * ({@code EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz}) is read as its symbol's M1 bars, formed from the bids
 * (the bar files' prices) by {@link #minuteBars}: the intraday research forms M5, M15 and H1 from those.
 */
public final class BarLibrary {
    private record Key(String symbol, Timeframe timeframe) {
    }

    private final ServerClock clock;
    private final Map<Key, Path> files = new TreeMap<>((a, b) -> a.symbol.equals(b.symbol)
            ? Long.compare(a.timeframe.millis(), b.timeframe.millis()) : a.symbol.compareTo(b.symbol));
    private final Map<Key, BarSeries> loaded = new ConcurrentHashMap<>();
    private final Map<Key, String> hashes = new ConcurrentHashMap<>();

    /**
     * @param paths folders (their bar files, not recursively) and bar files; a file whose name gives no symbol or
     *              timeframe, or two files of one symbol and timeframe, are errors naming them
     * @param clock the clock of the files' times (ServerClock.UTC for shared/data)
     */
    public BarLibrary(List<Path> paths, ServerClock clock) {
        if (clock == null) throw new IllegalArgumentException("the files' clock is required (ServerClock.UTC for UTC)");
        this.clock = clock;
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    for (Path f : list.sorted().toList()) if (Files.isRegularFile(f) && isBarFileName(f)) add(f, false);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list bar folder " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                add(p, true);
            } else {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        if (files.isEmpty()) throw new IllegalArgumentException("no bar files in " + paths);
    }

    private static boolean isBarFileName(Path f) {
        String n = f.getFileName().toString();
        return n.contains(".bars.") || n.contains(".ticks.") || n.endsWith(".csv") || n.endsWith(".csv.gz");
    }

    private static boolean isTickFileName(Path f) { return f.getFileName().toString().contains(".ticks."); }

    private void add(Path f, boolean named) {
        Timeframe tf = isTickFileName(f) && MarketFiles.detect(f).isTicks() ? Timeframe.M1 : MarketFiles.timeframeFromFileName(f);
        if (tf == null) {
            if (!named) return;                                     // a folder may hold other CSV files
            throw new IllegalArgumentException(f.getFileName() + ": cannot tell the bar timeframe from the name; put M1, M5, "
                    + "M15, M30, H1, H4 or D1 in it (EURUSD_H4.csv)");
        }
        if (!isTickFileName(f) && MarketFiles.detect(f).isTicks())
            throw new IllegalArgumentException(f.getFileName() + " holds ticks, not bars (name it *.ticks.* to read it as M1 bars)");
        Key k = new Key(MarketFiles.symbolFromFileName(f), tf);
        Path before = files.put(k, f);
        if (before != null && !before.equals(f))
            throw new IllegalArgumentException("two " + tf + " bar files for " + k.symbol + ": " + before + " and " + f);
    }

    /** The symbols with bars of {@code tf}, sorted. */
    public Set<String> symbols(Timeframe tf) {
        Set<String> s = new TreeSet<>();
        for (Key k : files.keySet()) if (k.timeframe == tf) s.add(k.symbol);
        return s;
    }

    public boolean has(String symbol, Timeframe tf) { return files.containsKey(new Key(symbol, tf)); }

    public Path file(String symbol, Timeframe tf) {
        Path p = files.get(new Key(symbol, tf));
        if (p == null) throw new IllegalArgumentException("no " + tf + " bar file for " + symbol + " (found: "
                + String.join(", ", symbols(tf)) + " at " + tf + ")");
        return p;
    }

    public ServerClock clock() { return clock; }

    /** The bars in time order, read on first use (shared, immutable). */
    public BarSeries bars(String symbol, Timeframe tf) {
        Key k = new Key(symbol, tf);
        Path p = file(symbol, tf);
        return loaded.computeIfAbsent(k, key -> read(p, key));
    }

    private BarSeries read(Path p, Key k) {
        if (isTickFileName(p)) return minuteBars(p, k.symbol, clock);
        List<Bar> list = new ArrayList<>(1 << 15);
        try (BarSource s = MarketFiles.openBars(p, k.symbol, k.timeframe, clock, ParseMode.STRICT)) {
            for (Bar b; (b = s.next()) != null; ) {
                if (!list.isEmpty() && b.openTimeMs() <= list.get(list.size() - 1).openTimeMs())
                    throw new IllegalArgumentException(p.getFileName() + ": bars are not in time order at row " + (list.size() + 1));
                list.add(b);
            }
        }
        if (list.isEmpty()) throw new IllegalArgumentException(p.getFileName() + " has no bars");
        return BarSeries.of(k.symbol, k.timeframe, list.toArray(new Bar[0]));
    }

    /**
     * A tick file's M1 bars: open, high, low and close of the bids in each UTC minute that has ticks (no bar for a
     * minute without one, as in the shared M1 files), tick volume the number of ticks, spread 0 (unknown, as in
     * the H4/D1 files: costs come from the instrument table). Deterministic: the same file gives the same bars.
     */
    static BarSeries minuteBars(Path p, String symbol, ServerClock clock) {
        List<Bar> list = new ArrayList<>(1 << 15);
        long minute = Long.MIN_VALUE, n = 0;
        double o = 0, h = 0, l = 0, c = 0;
        try (io.vprop.market.io.Mt5TickReader r = MarketFiles.openTicks(p, symbol, clock, ParseMode.STRICT)) {
            for (io.vprop.market.Tick t; (t = r.next()) != null; ) {
                long m = Math.floorDiv(t.timeMs(), 60_000L) * 60_000L;
                if (m < minute) throw new IllegalArgumentException(p.getFileName() + ": ticks are not in time order at " + t.timeMs());
                if (m != minute) {
                    if (n > 0) list.add(new Bar(symbol, Timeframe.M1, minute, o, h, l, c, n, 0));
                    minute = m;
                    o = h = l = c = t.bid();
                    n = 0;
                }
                h = Math.max(h, t.bid());
                l = Math.min(l, t.bid());
                c = t.bid();
                n++;
            }
        }
        if (n > 0) list.add(new Bar(symbol, Timeframe.M1, minute, o, h, l, c, n, 0));
        if (list.isEmpty()) throw new IllegalArgumentException(p.getFileName() + " has no ticks");
        return BarSeries.of(symbol, Timeframe.M1, list.toArray(new Bar[0]));
    }

    /** [open time of the first bar, close time of the last], UTC ms. */
    public long[] span(String symbol, Timeframe tf) {
        BarSeries b = bars(symbol, tf);
        return new long[]{b.openTimeMs(0), b.openTimeMs(b.size() - 1) + tf.millis()};
    }

    /** SHA-256 of the file's bytes, hex: part of the runner's fingerprint and of a report's provenance. */
    public String sha256(String symbol, Timeframe tf) {
        Path p = file(symbol, tf);
        return hashes.computeIfAbsent(new Key(symbol, tf), k -> sha256(p));
    }

    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The close of the last bar closed at or before {@code ms}, else the first bar's open; NaN without bars. */
    static double lastPrice(BarSeries bars, Timeframe tf, long ms) {
        int i = bars.firstAtOrAfter(ms - tf.millis() + 1) - 1;
        if (i >= 0) return bars.close(i);
        return bars.size() == 0 ? Double.NaN : bars.open(0);
    }

    @Override
    public String toString() {
        return "bars " + Arrays.toString(files.values().stream().map(p -> p.getFileName().toString()).toArray());
    }
}
