package io.vprop.paper.broker;

import io.vprop.market.Tick;
import io.vprop.market.instrument.ConversionRoute;
import io.vprop.market.instrument.Instrument;
import io.vprop.trade.AccountState;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker keeps the account's sums (equity, floating profit, margin), its snapshot and the stop-out verdict until
 * something they read moves: a fill, a close, a swap, a modification, or a quote of a slot an open position reads (its
 * own symbol, or a leg of its conversion rate). These tests work the numbers out from nothing at every step and find
 * the kept ones equal to the bit (and the snapshot's views, kept while a position's numbers stand still, equal to views
 * made afresh), and a stop-out that only the conversion pair's quote brings.
 */
class KeptSumsTest {
    private static final long T0 = InstrumentMoneyTest.T0;            // a Tuesday, 10:00 UTC
    private static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "EURJPY", "GBPUSD", "EURGBP");
    private static final Map<String, Double> MIDS = Map.of("EURUSD", 1.10, "USDJPY", 150.0, "EURJPY", 165.0,
            "GBPUSD", 1.27, "EURGBP", 0.866);

    private static PaperBroker broker(double stopOut) {
        List<Instrument> list = SYMBOLS.stream().map(InstrumentMoneyTest.TABLE::get).toList();
        return new PaperBroker(BrokerConfig.of(20_000, "USD", 100, AccountMode.HEDGING, list, Map.of()).withStopOut(stopOut));
    }

    private static Tick tick(String symbol, long t, double mid) {
        double spread = mid > 10 ? 0.02 : 0.0002;
        return new Tick(symbol, t, mid, mid + spread, 0, 0, 6);
    }

    @Test
    void aConversionPairsQuoteAloneCanStopOutACross() {
        PaperBroker b = broker(50);
        b.onTick(tick("USDJPY", T0, 150.0));
        b.onTick(tick("EURJPY", T0, 162.0));
        assertThat(b.execute(new TradeRequest("EURJPY", Side.BUY, 3.0, 0, 0, 0, 0, 0, "", T0)).ok()).isTrue();
        assertThat(b.onTick(tick("EURJPY", T0 + 1000, 161.0))).isEmpty();     // a loss in yen; never quoted again
        check(b, true);
        // its loss and margin in USD are yen divided by USDJPY: as the dollar falls the level falls, and only the
        // conversion pair's quotes (and an unrelated symbol's) come
        List<Deal> out = List.of();
        long t = T0 + 2000;
        for (double u = 150.0; out.isEmpty() && u > 10; u -= 2.5) {
            assertThat(b.onTick(tick("EURUSD", t++, 1.1))).isEmpty();
            check(b, true);
            out = b.onTick(tick("USDJPY", t++, u));
            check(b, true);
        }
        assertThat(out).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo(DealReason.STOP_OUT));
        assertThat(b.snapshot().positions()).isEmpty();
    }

    @Test
    void keptNumbersAreTheNumbersWorkedOutAfresh() {
        PaperBroker b = broker(80);
        SplittableRandom random = new SplittableRandom(7);
        Map<String, double[]> mids = new java.util.HashMap<>();
        MIDS.forEach((s, m) -> mids.put(s, new double[]{m}));
        long t = T0;
        int stopOuts = 0, opened = 0;
        for (String s : SYMBOLS) b.onTick(tick(s, t, mids.get(s)[0]));
        for (int step = 0; step < 6_000; step++) {
            t += random.nextInt(1, 600_000);                          // rollovers on the way: swaps
            String s = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            double[] mid = mids.get(s);
            double base = MIDS.get(s);                                // a walk that keeps near its start
            mid[0] = mid[0] * (1 + (random.nextDouble() - 0.5) * 0.012) + (base - mid[0]) * 0.02;
            for (Deal d : b.onTick(tick(s, t, mid[0]))) if (d.reason() == DealReason.STOP_OUT) stopOuts++;
            check(b, true);
            int action = random.nextInt(10);
            AccountState a = b.snapshot();
            if (action < 2 && a.positions().size() < 8) {
                String o = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
                if (b.execute(new TradeRequest(o, random.nextBoolean() ? Side.BUY : Side.SELL, 0.5 + random.nextInt(6),
                        0, 0, 0, 0, 0, "", t)).ok()) opened++;
            } else if (action == 2 && !a.positions().isEmpty()) {
                Position p = a.positions().get(random.nextInt(a.positions().size()));
                double lots = random.nextBoolean() ? p.volume() : Math.max(0.01, Math.floor(p.volume() * 50) / 100);
                b.execute(new TradeRequest(p.symbol(), p.side().opposite(), lots, 0, 0, 0, 0, p.ticket(), "", t));
            } else if (action == 3 && !a.positions().isEmpty()) {
                Position p = a.positions().get(random.nextInt(a.positions().size()));
                Tick q = b.quote(p.symbol());
                double away = p.symbol().endsWith("JPY") ? 5 : 0.05;
                b.modify(p.ticket(), p.side() == Side.BUY ? q.bid() - away : q.ask() + away, 0);
            }
            check(b, false);
        }
        assertThat(opened).as("positions opened").isGreaterThan(150);
        assertThat(stopOuts).as("stop-outs on the way").isGreaterThan(5);
    }

    /**
     * The snapshot's and the equity curve's numbers against sums worked out here from the quotes and positions; after
     * a tick ({@code ticked}) the margin level is at or above the stop-out level.
     */
    private static void check(PaperBroker b, boolean ticked) {
        AccountState a = b.snapshot();
        double floating = 0, margin = 0, equity = b.balance();
        assertThat(a.positions()).as("the open positions").hasSize(b.openCount());
        assertThat(a.positions()).extracting(Position::ticket).as("in opening order").isSorted();
        for (Position p : a.positions()) {
            Instrument i = b.config().instrument(p.symbol());
            double rate = rate(b, p.symbol());
            Tick q = b.quote(p.symbol());
            double close = p.side() == Side.BUY ? q.bid() : q.ask();
            double profit = Money.cents(p.side().sign() * i.profitCurrencyMoney(close - p.openPrice(), p.volume()) * rate);
            assertThat(p.profit()).as("#%d's profit", p.ticket()).isEqualTo(profit);
            OpenPosition o = b.openPosition(p.ticket());            // every other field: the position's as it is now
            assertThat(p).as("#%d's view", p.ticket()).isEqualTo(new Position(o.ticket, o.symbol, o.side, o.volume,
                    o.priceOpen, o.sl, o.tp, profit, o.swap, o.commission, o.timeMs, o.comment));
            floating += profit + p.swap();
            equity += profit + p.swap();
            margin += Margin.of(i, p.volume(), p.openPrice(), b.config().leverage(), rate, "USD");
        }
        assertThat(a.equity()).isEqualTo(Money.cents(b.balance() + floating));
        assertThat(a.margin()).isEqualTo(Money.cents(margin));
        assertThat(b.snapshotEquity()).isEqualTo(a.equity());
        if (ticked && !a.positions().isEmpty()) {
            assertThat(margin <= 0 || equity / margin * 100 >= b.config().stopOutLevelPercent())
                    .as("no account left below the stop-out level after a tick").isTrue();
        }
    }

    private static double rate(PaperBroker b, String symbol) {
        ConversionRoute route = b.conversion(symbol);
        return route.rate(s -> b.quote(s) == null ? Double.NaN : b.quote(s).mid());
    }
}
