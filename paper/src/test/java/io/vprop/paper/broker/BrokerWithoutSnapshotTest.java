package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the backtester reads from the broker without a snapshot (the path's levels, the equity curve's numbers) is what
 * a snapshot says: the same levels from the same positions in the same order, the same balance and equity to the bit,
 * while positions open, take TP1, get swaps and close.
 */
class BrokerWithoutSnapshotTest {
    private static final long T0 = 1_700_000_000_000L;     // 2023-11-14 22:13 UTC, a Tuesday
    private static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD");

    private static Tick tick(String symbol, long t, double bid) { return new Tick(symbol, t, bid, bid + 0.00012, 0, 0, 6); }

    private static OrderIntent open(String symbol, Side side, double lots, double price, double sl, double tp1, double tp2) {
        return OrderIntent.open(symbol, side, lots, price, 0.001, sl, tp1, tp2, T0 + 10_000_000, "test", "", 0.5, "test");
    }

    @Test
    void levelsStopsBalanceAndEquityWithoutASnapshotAreTheSnapshots() {
        BrokerConfig config = BrokerConfig.usd(10_000, 100, AccountMode.HEDGING,
                        List.of(SymbolSpec.fxMajor("EURUSD"), SymbolSpec.fxMajor("GBPUSD")))
                .withSwaps(-7.5, 2.25);
        SignalExecutor x = new SignalExecutor(new PaperBroker(config), true, w -> { });
        x.onTick(tick("EURUSD", T0, 1.10000));
        x.onTick(tick("GBPUSD", T0, 1.25000));
        assertSame(x);
        for (OrderIntent o : List.of(
                open("EURUSD", Side.BUY, 0.20, 1.10012, 1.09900, 1.10100, 1.10200),   // TP1 plan and TP2
                open("EURUSD", Side.SELL, 0.10, 1.10000, 1.10300, 0, 1.09700),        // no TP1
                open("GBPUSD", Side.BUY, 0.10, 1.25012, 0, 0, 1.25500),               // no stop
                open("EURUSD", Side.SELL, 0.10, 1.10000, 0, 0, 0))) {                 // no levels at all
            assertThat(x.execute("s", o, T0, SignalExecutor.Gate.NONE).update().status()).isEqualTo(OrderStatus.EXECUTED);
        }
        assertThat(x.broker().snapshot().positions()).hasSize(4);
        assertSame(x);
        assertThat(PathLevels.stopFirst(x, "EURUSD", 1.09800, 1.10400, 1.09812, 1.10412)).as("both stopped and at target").isNotZero();
        assertThat(PathLevels.nextLevel(x, "EURUSD", 1.10000, 1.10500, 0.00012, 1e5)).isEqualTo(1.10100);

        long t = T0;
        double[] path = {1.10050, 1.10100, 1.10150, 1.09950, 1.10210, 1.10400};  // TP1, a rollover, TP2, the sell's stop
        for (double bid : path) {
            t += 4 * 3_600_000;                                           // (the 21:00 UTC rollover on the way)
            x.onTick(tick("GBPUSD", t, 1.25000 + (bid - 1.1)));
            assertSame(x);
            x.onTick(tick("EURUSD", t, bid));
            assertSame(x);
        }
        List<Position> left = x.broker().snapshot().positions();
        assertThat(left).as("some closed on the way, some are open").hasSizeBetween(1, 3);
        assertThat(left).anySatisfy(p -> assertThat(p.swap()).isNotZero());
    }

    /** Every leg of a grid, both symbols: the broker's levels are the snapshot's; balance and equity are its numbers. */
    private static void assertSame(SignalExecutor x) {
        PaperBroker b = x.broker();
        AccountState a = b.snapshot();
        assertThat(b.snapshotBalance()).isEqualTo(a.balance());
        assertThat(b.snapshotEquity()).isEqualTo(a.equity());
        for (String s : SYMBOLS) {
            double base = s.equals("EURUSD") ? 1.1 : 1.25;
            for (int i = -60; i <= 60; i += 3) {
                for (int j = -60; j <= 60; j += 7) {
                    double from = base + i * 1e-4, to = base + j * 1e-4;
                    double level = PathLevels.nextLevel(x, s, from, to, 0.00012, 1e5);   // NaN: none on the way
                    assertThat(Double.doubleToLongBits(level)).as("%s %s -> %s: %s", s, from, to, level)
                            .isEqualTo(Double.doubleToLongBits(PathLevels.nextLevel(a.positions(), x, s, from, to, 0.00012, 1e5)));
                    double lo = Math.min(from, to), hi = Math.max(from, to);
                    assertThat(PathLevels.stopFirst(x, s, lo, hi, lo + 0.00012, hi + 0.00012))
                            .isEqualTo(PathLevels.stopFirst(a.positions(), x, s, lo, hi, lo + 0.00012, hi + 0.00012));
                }
            }
        }
    }
}
