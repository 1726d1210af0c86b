package io.vprop.bench.memory;

import java.util.Arrays;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Benchmark vectors. "Real" entry feature vectors are built from the shared market data the way an
 * entry context would be: at every tick (mid price) and every bar (close) of every series, the last 28
 * log returns scaled by the recent volatility, plus 4 cumulative returns (4, 8, 16, 32 steps) on the
 * same scale. 32 dimensions, all finite.
 */
final class FeatureVectors {

    static final int DIM = 32;
    private static final int LAGS = 28;
    private static final int VOL_WINDOW = 64;

    private FeatureVectors() {}

    static float[] random(long seed, int n) {
        Random rnd = new Random(seed);
        float[] v = new float[n * DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat();
        }
        return v;
    }

    /** Real vectors from every tick and bar file in shared data, up to {@code max} vectors. */
    static float[] real(Path sharedData, int max) throws IOException {
        List<Path> series = new ArrayList<>();
        try (var s = Files.list(sharedData.resolve("ticks"))) {
            s.filter(p -> p.toString().endsWith(".ticks.csv.gz")).sorted().forEach(series::add);
        }
        try (var s = Files.list(sharedData.resolve("bars"))) {
            s.filter(p -> p.toString().endsWith(".bars.csv.gz")).sorted().forEach(series::add);
        }
        if (series.isEmpty()) {
            throw new IOException("no *.ticks.csv.gz / *.bars.csv.gz under " + sharedData + " (set -Dvprop.shared.data)");
        }
        float[] out = new float[max * DIM];
        int n = 0;
        for (Path p : series) {
            double[] prices = readPrices(p);
            n = appendVectors(prices, out, n, max);
            if (n == max) {
                break;
            }
        }
        return n == max ? out : Arrays.copyOf(out, n * DIM);
    }

    /** Mid (ticks, bid+ask / 2) or close (bars) prices, in file order. */
    static double[] readPrices(Path file) throws IOException {
        boolean ticks = file.toString().endsWith(".ticks.csv.gz");
        double[] prices = new double[1 << 16];
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            if (header == null || !header.startsWith("<DATE>")) {
                throw new IOException(file + ": unexpected header " + header);
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", -1);
                double price = ticks ? (Double.parseDouble(f[2]) + Double.parseDouble(f[3])) / 2 : Double.parseDouble(f[5]);
                if (!(price > 0)) {
                    throw new IOException(file + ": non-positive price in line " + line);
                }
                if (n == prices.length) {
                    prices = Arrays.copyOf(prices, n * 2);
                }
                prices[n++] = price;
            }
        }
        return Arrays.copyOf(prices, n);
    }

    private static int appendVectors(double[] p, float[] out, int n, int max) {
        int len = p.length;
        double[] r = new double[len];
        for (int i = 1; i < len; i++) {
            r[i] = Math.log(p[i] / p[i - 1]);
        }
        double sum2 = 0;
        for (int t = 1; t < len && n < max; t++) {
            sum2 += r[t] * r[t];
            if (t > VOL_WINDOW) {
                sum2 -= r[t - VOL_WINDOW] * r[t - VOL_WINDOW];
            }
            if (t < VOL_WINDOW + LAGS) {
                continue;
            }
            double vol = Math.sqrt(Math.max(sum2, 0) / VOL_WINDOW);
            if (vol <= 1e-9) {
                continue; // a frozen market gives no usable context
            }
            int base = n * DIM;
            for (int i = 0; i < LAGS; i++) {
                out[base + i] = (float) (r[t - i] / vol);
            }
            int[] horizons = {4, 8, 16, 32};
            for (int h = 0; h < 4; h++) {
                double cum = Math.log(p[t] / p[t - horizons[h]]);
                out[base + LAGS + h] = (float) (cum / (vol * Math.sqrt(horizons[h])));
            }
            n++;
        }
        return n;
    }
}
