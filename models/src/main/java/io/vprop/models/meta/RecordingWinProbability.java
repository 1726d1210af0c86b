package io.vprop.models.meta;

import io.vprop.market.Timeframe;
import io.vprop.models.ServedWinProbability;
import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.port.WinQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WinProbabilityModel} that answers exactly like the wrapped {@link ServedWinProbability} (classifier if it
 * answers, else the fallback, refined by a meta model if that one serves one) and records, for every query, the query itself and both probabilities at that moment. The engine
 * calls it once per candidate that reaches scoring — trades and skips alike — so the recording is the meta
 * learner's population. Not thread-safe (the engine is single-threaded).
 */
final class RecordingWinProbability implements WinProbabilityModel {
    /**
     * One query as the engine asked it; {@code classifierP} is NaN when the classifier did not answer;
     * {@code seqPUp}/{@code seqVol} are the served sequence model's heads, NaN when it did not answer.
     */
    public record Recorded(WinQuery query, double classifierP, double fallbackP, double seqPUp, double seqVol) {
    }

    private final ServedWinProbability classifier;
    private final WinProbabilityModel fallback;
    private final List<Recorded> recorded = new ArrayList<>();
    private final float[] seqOut = new float[2];

    /** @param classifier the served stack (its counters count as usual), or null to answer with the fallback only */
    public RecordingWinProbability(ServedWinProbability classifier, WinProbabilityModel fallback) {
        if (fallback == null) throw new IllegalArgumentException("fallback is required");
        this.classifier = classifier;
        this.fallback = fallback;
    }

    @Override
    public double pTp1BeforeSl(WinQuery q) {
        double c = classifier == null ? Double.NaN : classifier.served(q);
        double f = fallback.pTp1BeforeSl(q);
        boolean seq = classifier != null && classifier.seqOutputs(q, seqOut);
        recorded.add(new Recorded(q, c, f, seq ? seqOut[0] : Double.NaN, seq ? seqOut[1] : Double.NaN));
        return classifier == null ? f : classifier.pTp1BeforeSl(q);
    }

    @Override
    public void onBar(String symbol, Timeframe tf, long openTimeMs, double open, double high, double low, double close,
                      double volume) {
        // the served stack forwards bars to its own fallback; ours gets them too (DriftWinProbability ignores them)
        if (classifier != null) classifier.onBar(symbol, tf, openTimeMs, open, high, low, close, volume);
        fallback.onBar(symbol, tf, openTimeMs, open, high, low, close, volume);
    }

    /** Everything recorded since the last call, in call order. */
    public List<Recorded> drain() {
        List<Recorded> out = List.copyOf(recorded);
        recorded.clear();
        return out;
    }
}
