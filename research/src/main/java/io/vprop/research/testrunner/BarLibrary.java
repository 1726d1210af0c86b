package io.vprop.research.testrunner;

import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The bar files of one timeframe in a folder, found by name ({@code EURUSD_snowguru_H4_2007-2023.bars.csv.gz}: the
 * symbol before the first '_', the timeframe as a name part), each read once on first use.
 */
final class BarLibrary {
    private final Path dir;
    private final Timeframe timeframe;
    private final Map<String, Path> files;
    private final Map<String, BarSeries> loaded = new ConcurrentHashMap<>();

    BarLibrary(Path dir, Timeframe timeframe) {
        this.dir = dir;
        this.timeframe = timeframe;
        Map<String, Path> found = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !name.contains(".bars.") && !name.endsWith(".csv") && !name.endsWith(".csv.gz")) continue;
                if (MarketFiles.timeframeFromFileName(p) != timeframe) continue;
                String symbol = MarketFiles.symbolFromFileName(p);
                Path before = found.put(symbol, p);
                if (before != null) {
                    throw new IllegalArgumentException("two " + timeframe + " bar files for " + symbol + " in " + dir + ": "
                            + before.getFileName() + " and " + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bar folder " + dir + ": " + e.getMessage(), e);
        }
        this.files = found;
    }

    Timeframe timeframe() { return timeframe; }

    Set<String> symbols() { return files.keySet(); }

    boolean has(String symbol) { return files.containsKey(symbol); }

    BarSeries series(String symbol) {
        return loaded.computeIfAbsent(symbol, s -> {
            Path p = files.get(s);
            if (p == null) throw new IllegalArgumentException("no " + timeframe + " bar file for " + s + " in " + dir
                    + " (found: " + files.keySet() + ")");
            return BarSeries.read(s, timeframe, MarketFiles.openBars(p, s, timeframe));
        });
    }

    /** Name, size and modification time of every file: part of the runner's fingerprint. */
    String fingerprint() {
        List<String> parts = new ArrayList<>();
        files.forEach((s, p) -> {
            try {
                parts.add(p.getFileName() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
            }
        });
        return String.join(";", parts);
    }
}
