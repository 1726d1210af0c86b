package io.vprop.models.data;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole bar file (MT5 or CSV, gzip or not) into memory, in file order. */
public final class BarFiles {
    private BarFiles() {
    }

    public static List<Bar> readAll(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("bar file not found: " + file);
        Timeframe tf = MarketFiles.timeframeFromFileName(file);
        if (tf == null) throw new IllegalArgumentException("cannot tell the timeframe of " + file.getFileName() + " from its name");
        List<Bar> out = new ArrayList<>();
        try (BarSource src = MarketFiles.openBars(file, null, tf)) {
            for (Bar b = src.next(); b != null; b = src.next()) out.add(b);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("bar file has no bars: " + file);
        return out;
    }
}
