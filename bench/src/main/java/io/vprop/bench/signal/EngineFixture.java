package io.vprop.bench.signal;

import io.vprop.market.SymbolSpec;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.SignalPorts;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.Rng;

import java.util.List;

/**
 * A warmed-up engine over the 28 major and cross FX pairs with the default configuration (M5, M15, H1): 48 simulated
 * hours of random-walk quotes with alternating trend segments, one quote per symbol every 2 s, so every timeframe
 * is past warm-up and the alphas fire. Quotes are precomputed into primitive arrays so that benchmarks measure the
 * engine, not the generator.
 */
final class EngineFixture {
    static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD",
            "EURGBP", "EURJPY", "EURCHF", "EURAUD", "EURCAD", "EURNZD", "GBPJPY", "GBPCHF", "GBPAUD", "GBPCAD",
            "GBPNZD", "AUDJPY", "AUDCHF", "AUDCAD", "AUDNZD", "CADJPY", "CADCHF", "CHFJPY", "NZDJPY", "NZDCHF", "NZDCAD");

    final SignalEngine engine;
    final int n = SYMBOLS.size();
    final double[] mid = new double[n];
    final double[] point = new double[n];
    static final long STEP_MS = 2000; // every symbol quotes once per 2 s of simulated time
    long timeMs = 1_399_248_000_000L; // 2014-05-05 00:00 UTC
    private final Rng rng = new Rng(2024);
    private final double[] drift = new double[n];

    EngineFixture() {
        List<SymbolSpec> specs = SYMBOLS.stream().map(SymbolSpec::fxMajor).toList();
        PropFirmRiskBudget risk = PropFirmRiskBudget.typical(100_000);
        engine = new SignalEngine(SignalConfig.defaults(), specs, SignalPorts.baseline(risk, EventSource.NONE), 100_000);
        for (int s = 0; s < n; s++) {
            point[s] = specs.get(s).point();
            mid[s] = SYMBOLS.get(s).endsWith("JPY") ? 120 : 1.1;
        }
        for (int i = 0; i < 48 * 1800 * n; i++) step(i % n);
    }

    /** Moves symbol s by one quote and feeds it to the engine; returns the decision's class hash for blackholing. */
    Object step(int s) {
        if (s == 0) {
            timeMs += STEP_MS;
            if (rng.nextDouble() < 0.001) for (int k = 0; k < n; k++) drift[k] = (rng.nextDouble() - 0.5) * 4 * point[k];
        }
        mid[s] += drift[s] + rng.nextGaussian() * 3 * point[s];
        double half = (5 + (rng.nextLong() & 7)) * point[s] * 0.5;
        return engine.onQuote(s, timeMs, mid[s] - half, mid[s] + half, 0);
    }

    /** Precomputes {@code count} quotes (symbol, time delta, bid, ask) continuing the same processes. */
    Quotes precompute(int count) {
        Quotes q = new Quotes(count);
        long t = timeMs;
        double[] m = mid.clone();
        for (int i = 0; i < count; i++) {
            int s = i % n;
            if (s == 0) t += STEP_MS;
            m[s] += drift[s] + rng.nextGaussian() * 3 * point[s];
            double half = (5 + (rng.nextLong() & 7)) * point[s] * 0.5;
            q.symbol[i] = s;
            q.bid[i] = m[s] - half;
            q.ask[i] = m[s] + half;
            q.dt[i] = s == 0 ? STEP_MS : 0;
        }
        return q;
    }

    static final class Quotes {
        final int[] symbol;
        final double[] bid, ask;
        final long[] dt;

        Quotes(int count) {
            symbol = new int[count];
            bid = new double[count];
            ask = new double[count];
            dt = new long[count];
        }
    }
}
