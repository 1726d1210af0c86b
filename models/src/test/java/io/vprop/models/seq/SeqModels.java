package io.vprop.models.seq;

import io.vprop.market.Bar;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sequence models for wiring tests that need no training: a GRU with seeded random weights (large enough that its
 * outputs vary from window to window), published with parity rows from real windows, like a trained version.
 */
public final class SeqModels {
    private SeqModels() {
    }

    public static GruNetwork random(int hidden, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[GruNetwork.parameterCount(SequenceFeatures.WIDTH, hidden)];
        for (int i = 0; i < p.length; i++) p[i] = (r.nextDouble() * 2 - 1) * 0.8;
        return GruNetwork.fromFlat(SequenceFeatures.WIDTH, hidden, p);
    }

    /** Publishes {@code net} for bars of {@code bars}' timeframe; parity rows = windows of those bars. */
    public static int publish(ModelRegistry<OnnxSequenceModel> reg, GruNetwork net, int window, int horizon, List<Bar> bars) {
        SequenceFeatures f = new SequenceFeatures(window);
        List<float[]> rows = new ArrayList<>();
        for (Bar b : bars) {
            f.onBar(b);
            float[] w = new float[window * SequenceFeatures.WIDTH];
            if (f.window(w) && rows.size() < 32) rows.add(w);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException("too few bars for one window of " + window);
        float[][] px = rows.toArray(new float[0][]);
        float[] py = new float[2 * px.length];
        for (int i = 0; i < px.length; i++) {
            GruNetwork.Output o = net.forward(px[i]);
            py[2 * i] = o.volatility();
            py[2 * i + 1] = o.direction();
        }
        Bar first = bars.get(0);
        ModelMetadata meta = new ModelMetadata(SequencePipeline.MODEL_NAME, 0, SequenceTraining.KIND, SequenceFeatures.NAMES,
                horizon, 0, 0, first.openTimeMs(), bars.get(bars.size() - 1).openTimeMs(), 1_700_000_000_000L, null, null,
                List.of(), px, py, Map.of(SequenceTraining.WINDOW, window, SequenceTraining.HORIZON, horizon,
                SequenceTraining.HIDDEN, net.hidden(), "timeframe", first.timeframe().name(), "symbol", first.symbol()));
        return reg.publish(OnnxSequenceExport.export(net, window, SequencePipeline.MODEL_NAME, Map.of()), meta);
    }
}
