package io.vprop.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pearson correlation of log returns between price series sampled at the same instants. Pure.
 */
final class Correlation {
    private Correlation() { }

    /** Pearson correlation of two equal-length samples; NaN when either has no variance or fewer than 3 points. */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("samples differ in length: " + a.length + " vs " + b.length);
        int n = a.length;
        if (n < 3) return Double.NaN;
        double ma = Metrics.mean(a), mb = Metrics.mean(b), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    /** log(p[i+1] / p[i]); prices must be positive. */
    public static double[] logReturns(double[] prices) {
        double[] r = new double[Math.max(0, prices.length - 1)];
        for (int i = 0; i < prices.length; i++)
            if (!(prices[i] > 0) || !Double.isFinite(prices[i]))
                throw new IllegalArgumentException("price[" + i + "] must be positive and finite, got " + prices[i]);
        for (int i = 0; i < r.length; i++) r[i] = Math.log(prices[i + 1] / prices[i]);
        return r;
    }

    /** The matrix as {symbols, values} with null where undefined; every series must have the same length. */
    public static Matrix matrix(Map<String, double[]> prices) {
        List<String> names = new ArrayList<>(prices.keySet());
        Map<String, double[]> rets = new LinkedHashMap<>();
        for (String s : names) rets.put(s, logReturns(prices.get(s)));
        Double[][] v = new Double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++)
            for (int j = 0; j < names.size(); j++)
                v[i][j] = MetricSet.num(pearson(rets.get(names.get(i)), rets.get(names.get(j))));
        return new Matrix(names, v, names.isEmpty() ? 0 : prices.get(names.get(0)).length);
    }

    public record Matrix(List<String> symbols, Double[][] values, int samples) {
    }
}
