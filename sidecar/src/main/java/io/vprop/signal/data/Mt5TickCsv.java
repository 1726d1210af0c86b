package io.vprop.signal.data;

import io.vprop.market.Tick;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reader for MT5 tick exports (shared/data README: tab-separated, header
 * {@code <DATE> <TIME> <BID> <ASK> <LAST> <VOLUME> <FLAGS>}, times UTC, optionally gzip). Streams rows to a consumer;
 * a malformed row fails with the file, line number and offending text. Prices are parsed, not validated: validation
 * is the engine's job (it counts what it rejects).
 */
public final class Mt5TickCsv {
    public static final String HEADER = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>";

    private Mt5TickCsv() {}

    /** @return number of rows read */
    public static long read(Path file, String symbol, Consumer<Tick> sink) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "MT5 tick file not found");
        try (BufferedReader r = open(file)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER))
                throw new IOException(file + ": line 1: expected MT5 tick header '" + HEADER + "', got '" + header + "'");
            long n = 0, line = 1;
            String row;
            while ((row = r.readLine()) != null) {
                line++;
                if (row.isEmpty()) continue;
                sink.accept(parse(row, symbol, file, line));
                n++;
            }
            return n;
        }
    }

    static Tick parse(String row, String symbol, Path file, long line) throws IOException {
        String[] c = row.split("\t", -1);
        if (c.length != 7) throw new IOException(file + ": line " + line + ": expected 7 tab-separated columns, got " + c.length + ": '" + row + "'");
        try {
            long t = Mt5Time.parse(c[0], c[1]);
            double bid = Double.parseDouble(c[2]);
            double ask = Double.parseDouble(c[3]);
            double last = c[4].isEmpty() ? 0 : Double.parseDouble(c[4]);
            double vol = c[5].isEmpty() ? 0 : Double.parseDouble(c[5]);
            int flags = c[6].isEmpty() ? 0 : Integer.parseInt(c[6].strip());
            return new Tick(symbol, t, bid, ask, last, vol, flags);
        } catch (RuntimeException e) {
            throw new IOException(file + ": line " + line + ": " + e.getMessage() + " in '" + row + "'", e);
        }
    }

    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
    }
}
