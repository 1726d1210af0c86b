package io.vprop.signal.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * Execution-quality state of the whole book: per-symbol quote flicker and slippage learnt from real fills, and the
 * EA round-trip latency that pauses all trading. Pauses and resumes are recorded as {@link PauseEvent}s (allocation
 * only on a transition).
 */
public final class ExecutionQuality {
    private final String[] symbols;
    private final FlickerDetector[] flicker;
    private final boolean[] flickerPaused;
    private final double[] slipMean, slipVar;
    private final int[] fills;
    private final double slipAlpha;
    private final long maxRoundTripMs;
    private final int goodRoundTripsToResume;
    private boolean latencyPaused;
    private int goodStreak;
    private long lastRoundTripMs = -1;
    private final List<PauseEvent> events = new ArrayList<>();

    public ExecutionQuality(String[] symbols, int flickerReversals, long flickerWindowMs, long flickerQuietMs,
                            long maxRoundTripMs, int goodRoundTripsToResume, double slippageAlpha) {
        this.symbols = symbols.clone();
        int n = symbols.length;
        flicker = new FlickerDetector[n];
        for (int i = 0; i < n; i++) flicker[i] = new FlickerDetector(flickerReversals, flickerWindowMs, flickerQuietMs);
        flickerPaused = new boolean[n];
        slipMean = new double[n];
        slipVar = new double[n];
        fills = new int[n];
        this.slipAlpha = slippageAlpha;
        this.maxRoundTripMs = maxRoundTripMs;
        this.goodRoundTripsToResume = goodRoundTripsToResume;
    }

    /** Per accepted tick; returns whether the symbol is flickering. */
    public boolean onMidChange(int symbol, long timeMs, double dMid) {
        boolean f = flicker[symbol].onMidChange(timeMs, dMid);
        if (f != flickerPaused[symbol]) {
            flickerPaused[symbol] = f;
            events.add(new PauseEvent(timeMs, symbols[symbol], f,
                    f ? "quote flicker: mid reversing repeatedly" : "quotes stable again"));
        }
        return f;
    }

    public boolean flickering(int symbol) { return flickerPaused[symbol]; }

    /** EA round trip (send → ack) measured by the transport. */
    public void onRoundTrip(long timeMs, long roundTripMs) {
        if (roundTripMs < 0) throw new IllegalArgumentException("round trip must be >= 0 ms, was " + roundTripMs);
        lastRoundTripMs = roundTripMs;
        if (roundTripMs > maxRoundTripMs) {
            goodStreak = 0;
            if (!latencyPaused) {
                latencyPaused = true;
                events.add(new PauseEvent(timeMs, "*", true,
                        "EA round trip " + roundTripMs + " ms > " + maxRoundTripMs + " ms"));
            }
        } else if (latencyPaused && ++goodStreak >= goodRoundTripsToResume) {
            latencyPaused = false;
            goodStreak = 0;
            events.add(new PauseEvent(timeMs, "*", false,
                    goodRoundTripsToResume + " round trips <= " + maxRoundTripMs + " ms (last " + roundTripMs + " ms)"));
        }
    }

    public boolean latencyPaused() { return latencyPaused; }

    public long lastRoundTripMs() { return lastRoundTripMs; }

    /**
     * A realised fill: adverse slippage = (fill − requested) × side sign, in price (positive = worse than asked).
     */
    public void onFill(int symbol, int sideSign, double requestedPrice, double fillPrice) {
        if (!Double.isFinite(requestedPrice) || !Double.isFinite(fillPrice) || requestedPrice <= 0 || fillPrice <= 0)
            throw new IllegalArgumentException("fill prices must be finite and > 0, got requested=" + requestedPrice
                    + " fill=" + fillPrice + " for " + symbols[symbol]);
        double s = (fillPrice - requestedPrice) * sideSign;
        double a = fills[symbol] == 0 ? 1.0 : slipAlpha;
        double d = s - slipMean[symbol];
        slipMean[symbol] += a * d;
        slipVar[symbol] = fills[symbol] == 0 ? 0 : (1 - a) * (slipVar[symbol] + a * d * d);
        fills[symbol]++;
    }

    /** Predicted adverse slippage in price: mean + one σ of past fills, never negative; 0 before any fill. */
    public double predictedSlippage(int symbol) {
        if (fills[symbol] == 0) return 0.0;
        return Math.max(0.0, slipMean[symbol] + Math.sqrt(slipVar[symbol]));
    }

    public int fills(int symbol) { return fills[symbol]; }

    /** Pause/resume events since the last drain, oldest first. */
    public List<PauseEvent> drain() {
        if (events.isEmpty()) return List.of();
        List<PauseEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }
}
