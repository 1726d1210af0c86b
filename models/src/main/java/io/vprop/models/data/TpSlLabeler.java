package io.vprop.models.data;

import io.vprop.market.Bar;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds TP/SL rows from bars: at each bar close, for a long and a short entry at the close, TP = +tpSigma·σ_H and
 * SL = −slSigma·σ_H with σ_H = σ(1-bar) · √horizon. Label 1 if a later bar's high/low reaches TP before any bar
 * reaches SL within {@code horizon} bars; a bar touching both counts as SL (we cannot know the order inside it —
 * the conservative choice). Rows that hit neither, or whose horizon spans a data gap (weekend), are dropped.
 * Prices are bid OHLC (the shared data); spread is not modelled here.
 */
public final class TpSlLabeler {
    private final int horizon;
    private final double tpSigma;
    private final double slSigma;

    public TpSlLabeler(int horizon, double tpSigma, double slSigma) {
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1 bar, got " + horizon);
        if (!(tpSigma > 0)) throw new IllegalArgumentException("tpSigma must be > 0, got " + tpSigma);
        if (!(slSigma > 0)) throw new IllegalArgumentException("slSigma must be > 0, got " + slSigma);
        this.horizon = horizon;
        this.tpSigma = tpSigma;
        this.slSigma = slSigma;
    }

    public int horizon() { return horizon; }
    public double tpSigma() { return tpSigma; }
    public double slSigma() { return slSigma; }

    public TpSlDataset label(List<Bar> bars) {
        if (bars.isEmpty()) throw new IllegalArgumentException("no bars to label");
        long barMs = bars.get(0).timeframe().millis();
        TpSlFeatures state = new TpSlFeatures();
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        List<Long> entries = new ArrayList<>(), exits = new ArrayList<>();
        for (int t = 0; t < bars.size(); t++) {
            Bar b = bars.get(t);
            state.onBar(b);
            if (!state.ready() || t + horizon >= bars.size()) continue;
            // a horizon crossing a gap of more than twice its nominal length is not the same trade
            if (bars.get(t + horizon).openTimeMs() - b.openTimeMs() > 2L * horizon * barMs) continue;
            double sigmaH = state.sigma1(TpSlFeatures.LOOKBACK) * Math.sqrt(horizon);
            if (!(sigmaH > 0)) continue;
            long entryMs = b.openTimeMs() + barMs;
            for (int side : new int[]{1, -1}) {
                float[] f = new float[TpSlFeatures.NAMES.size()];
                if (!state.vector(side, f)) continue;
                double tp = b.close() * Math.exp(side * tpSigma * sigmaH);
                double sl = b.close() * Math.exp(-side * slSigma * sigmaH);
                for (int j = t + 1; j <= t + horizon; j++) {
                    Bar n = bars.get(j);
                    boolean hitSl = side > 0 ? n.low() <= sl : n.high() >= sl;
                    boolean hitTp = side > 0 ? n.high() >= tp : n.low() <= tp;
                    if (hitSl || hitTp) {
                        xs.add(f);
                        ys.add(hitSl ? 0 : 1);
                        entries.add(entryMs);
                        exits.add(n.openTimeMs() + barMs);
                        break;
                    }
                }
            }
        }
        int n = ys.size();
        float[][] x = xs.toArray(new float[0][]);
        int[] y = new int[n];
        long[] e = new long[n], z = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = ys.get(i);
            e[i] = entries.get(i);
            z[i] = exits.get(i);
        }
        return new TpSlDataset(TpSlFeatures.NAMES, x, y, e, z);
    }
}
