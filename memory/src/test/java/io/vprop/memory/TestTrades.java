package io.vprop.memory;

import io.vprop.trade.Side;

import java.util.Map;
import java.util.Random;

/** Builds valid trade records for tests; individual fields are varied by the caller. */
public final class TestTrades {
    private TestTrades() {}

    public static TradeRecord trade(long id, String account, String alpha, String regime, String symbol, double pnl, float[] features) {
        double risk = 50.0;
        return new TradeRecord(id, account, symbol, id % 2 == 0 ? Side.BUY : Side.SELL, alpha, regime, "A", "M1",
                features, Map.of("quality", "q-1.0", "regime", "r-2.1"),
                1_400_000_000_000L + id * 60_000L, 1_400_000_000_000L + id * 60_000L + 30_000L,
                1.3850, 1.3850 + pnl / 100_000.0 + (pnl < 0 ? 0.5 : 0), 0.00001, 1500 + id, pnl, pnl / risk,
                Math.abs(Math.min(pnl, 0)) + 5, Math.max(pnl, 0) + 3, pnl > 0 ? "TP" : "SL");
    }

    public static TradeRecord trade(long id, String account, double pnl) {
        return trade(id, account, "breakout", "trend", "EURUSD", pnl, new float[] {(float) id, 1f, 2f});
    }

    public static float[] randomVector(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = rnd.nextFloat();
        }
        return v;
    }
}
