package io.vprop.signal.data;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for MT5 bar exports (tab-separated, header
 * {@code <DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> <TICKVOL> <VOL> <SPREAD>}, bar open time in UTC, bid OHLC,
 * optionally gzip). A malformed row fails with the file, line number and text.
 */
public final class Mt5BarCsv {
    public static final String HEADER = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>";

    private Mt5BarCsv() {}

    public static List<Bar> read(Path file, String symbol, Timeframe timeframe) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "MT5 bar file not found");
        List<Bar> out = new ArrayList<>();
        try (BufferedReader r = Mt5TickCsv.open(file)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER))
                throw new IOException(file + ": line 1: expected MT5 bar header '" + HEADER + "', got '" + header + "'");
            String row;
            long line = 1;
            while ((row = r.readLine()) != null) {
                line++;
                if (row.isEmpty()) continue;
                String[] c = row.split("\t", -1);
                if (c.length != 9)
                    throw new IOException(file + ": line " + line + ": expected 9 tab-separated columns, got " + c.length);
                try {
                    out.add(new Bar(symbol, timeframe, Mt5Time.parse(c[0], c[1]), Double.parseDouble(c[2]),
                            Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5]),
                            Long.parseLong(c[6]), Integer.parseInt(c[8])));
                } catch (RuntimeException e) {
                    throw new IOException(file + ": line " + line + ": " + e.getMessage() + " in '" + row + "'", e);
                }
            }
        }
        return out;
    }
}
