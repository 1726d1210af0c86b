package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.io.MarketFiles;
import io.vprop.market.io.Mt5TickReader;
import io.vprop.testing.SharedData;
import io.vprop.trade.AccountState;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two weeks of real EURUSD ticks through the broker with a mechanical strategy (a 1-lot trade every 4,000 ticks,
 * alternating sides, SL 15 / TP 20 pips, commission, swaps, slippage). Checks the books balance to the cent and
 * that every SL/TP fill obeys the documented rule.
 */
class RealDataReplayTest {

    @Test
    void twoWeeksOfEurusdTicksKeepTheBooksConsistent() {
        SymbolSpec spec = SymbolSpec.fxMajor("EURUSD");
        PaperBroker b = new PaperBroker(BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(spec))
                .withCommission(3.5).withSwaps(-6.0, 1.5).withSlippage(1, 7));
        List<Deal> deals = new ArrayList<>();
        Map<Long, double[]> slTpByPosition = new HashMap<>();
        Map<Long, Double> openPrice = new HashMap<>();
        Map<Long, Side> sideOf = new HashMap<>();
        long n = 0;
        int rejected = 0;
        try (Mt5TickReader r = MarketFiles.openTicks(SharedData.file(SharedData.EURUSD_TICKS), null)) {
            Tick t;
            while ((t = r.next()) != null) {
                deals.addAll(b.onTick(t));
                if (++n % 4_000 == 0) {
                    boolean buy = (n / 4_000) % 2 == 0;
                    double ref = buy ? t.ask() : t.bid();
                    double sl = buy ? t.bid() - 0.00150 : t.ask() + 0.00150;
                    double tp = buy ? t.bid() + 0.00200 : t.ask() - 0.00200;
                    ExecutionResult res = b.execute(new TradeRequest("EURUSD", buy ? Side.BUY : Side.SELL, 1.0,
                            ref, 0, round5(sl), round5(tp), 0, "sig-" + n, t.timeMs()));
                    if (!res.ok()) { rejected++; continue; }
                    Deal in = res.deals().get(0);
                    deals.add(in);
                    slTpByPosition.put(in.position(), new double[]{round5(sl), round5(tp)});
                    openPrice.put(in.position(), in.price());
                    sideOf.put(in.position(), in.side());
                }
            }
        }
        assertThat(rejected).isZero();
        double sum = 0;
        int sl = 0, tp = 0, swapped = 0;
        for (Deal d : deals) {
            sum += d.profit() + d.commission() + d.swap();
            if (d.entry() == FillEntry.OUT) {
                double[] stops = slTpByPosition.get(d.position());
                Side side = sideOf.get(d.position());
                double expected = side.sign() * (d.price() - openPrice.get(d.position())) / 0.00001 * d.volume();
                assertThat(d.profit()).isCloseTo(expected, within(0.011));
                if (d.reason() == DealReason.SL) {
                    sl++;
                    // worse than or at the SL
                    assertThat(side == Side.BUY ? d.price() <= stops[0] + 1e-9 : d.price() >= stops[0] - 1e-9).isTrue();
                } else if (d.reason() == DealReason.TP) {
                    tp++;
                    assertThat(d.price()).isEqualTo(stops[1]);
                }
                if (d.swap() != 0) swapped++;
                assertThat(d.comment()).startsWith("sig-");
            }
        }
        AccountState s = b.snapshot();
        assertThat(s.balance()).isCloseTo(100_000 + sum, within(0.005));
        double floating = s.positions().stream().mapToDouble(p -> p.profit() + p.swap()).sum();
        assertThat(s.equity()).isCloseTo(s.balance() + floating, within(0.011));
        assertThat(sl).isGreaterThan(10);
        assertThat(tp).isGreaterThan(10);
        assertThat(swapped).isPositive();
    }

    static double round5(double p) { return Math.round(p * 1e5) / 1e5; }
}
