package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every number here is computed by hand in the comment next to it (EURUSD: 1 point = $1 per lot). */
class PaperBrokerTest {
    static final SymbolSpec EURUSD = SymbolSpec.fxMajor("EURUSD");
    static final long T0 = Instant.parse("2024-03-05T10:00:00Z").toEpochMilli(); // a Tuesday

    static BrokerConfig config(AccountMode mode) {
        return BrokerConfig.usd(10_000, 100, mode, List.of(EURUSD, SymbolSpec.fxMajor("USDJPY"),
                new SymbolSpec("EURGBP", 5, 0.00001, 0.00001, 1.265, 100_000, 0.01, 0.01, 50, 0, 0, "EUR", "GBP")));
    }

    static Tick tick(String symbol, long time, double bid, double ask) { return new Tick(symbol, time, bid, ask, 0, 0, 6); }

    static Tick eu(long time, double bid, double ask) { return tick("EURUSD", time, bid, ask); }

    static TradeRequest buy(double lots, double sl, double tp, long time) {
        return new TradeRequest("EURUSD", Side.BUY, lots, 0, 0, sl, tp, 0, "sig-1", time);
    }

    static TradeRequest sell(double lots, double sl, double tp, long time) {
        return new TradeRequest("EURUSD", Side.SELL, lots, 0, 0, sl, tp, 0, "sig-2", time);
    }

    static TradeRequest close(long ticket, Side side, double lots, long time) {
        return new TradeRequest("EURUSD", side, lots, 0, 0, 0, 0, ticket, "close", time);
    }

    @Test
    void buyFillsAtAskChargesCommissionAndPartialCloseRealisesProfit() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING).withCommission(3.5));
        b.onTick(eu(T0, 1.10000, 1.10010));
        ExecutionResult open = b.execute(buy(1.0, 0, 0, T0));
        assertThat(open.retcode()).isEqualTo(Retcode.DONE);
        assertThat(open.price()).isEqualTo(1.10010);
        Deal in = open.deals().get(0);
        assertThat(in.entry()).isEqualTo(FillEntry.IN);
        assertThat(in.commission()).isEqualTo(-3.50);
        assertThat(in.comment()).isEqualTo("sig-1");
        assertThat(in.position()).isEqualTo(open.order());
        assertThat(b.snapshot().balance()).isEqualTo(9_996.50);
        assertThat(b.snapshot().margin()).isEqualTo(1_100.10);          // 1 × 100000 × 1.10010 / 100

        assertThat(b.onTick(eu(T0 + 1000, 1.10110, 1.10120))).isEmpty();
        AccountState s = b.snapshot();
        assertThat(s.positions().get(0).profit()).isEqualTo(100.00);     // (1.10110 − 1.10010) / 0.00001 × $1
        assertThat(s.equity()).isEqualTo(10_096.50);
        assertThat(s.freeMargin()).isEqualTo(8_996.40);

        ExecutionResult part = b.execute(close(open.order(), Side.SELL, 0.4, T0 + 2000));
        Deal out = part.deals().get(0);
        assertThat(out.entry()).isEqualTo(FillEntry.OUT);
        assertThat(out.price()).isEqualTo(1.10110);                       // sell closes at the bid
        assertThat(out.profit()).isEqualTo(40.00);                        // 0.4 × 100 points
        assertThat(out.commission()).isEqualTo(-1.40);
        s = b.snapshot();
        assertThat(s.balance()).isEqualTo(10_035.10);                    // 9996.50 + 40 − 1.40
        Position rest = s.positions().get(0);
        assertThat(rest.volume()).isEqualTo(0.6);
        assertThat(rest.profit()).isEqualTo(60.00);
        assertThat(rest.commission()).isEqualTo(-2.10);                   // entry commission of the remaining 0.6 lot
        assertThat(s.equity()).isEqualTo(10_095.10);
    }

    @Test
    void stopLossFillsAtTheQuoteThatGappedThroughItAndTakeProfitAtItsPrice() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING));
        b.onTick(eu(T0, 1.10000, 1.10010));
        ExecutionResult longPos = b.execute(buy(1.0, 1.09900, 0, T0));
        ExecutionResult shortPos = b.execute(sell(0.5, 0, 1.09800, T0));
        assertThat(b.onTick(eu(T0 + 1000, 1.09901, 1.09911))).isEmpty(); // SL not touched yet

        List<Deal> deals = b.onTick(eu(T0 + 2000, 1.09850, 1.09860)); // gap through the SL
        assertThat(deals).hasSize(1);
        Deal sl = deals.get(0);
        assertThat(sl.reason()).isEqualTo(DealReason.SL);
        assertThat(sl.position()).isEqualTo(longPos.order());
        assertThat(sl.price()).isEqualTo(1.09850);                        // worse than the SL 1.09900
        assertThat(sl.profit()).isEqualTo(-160.00);                       // (1.09850 − 1.10010) / 0.00001
        assertThat(sl.side()).isEqualTo(Side.SELL);
        assertThat(sl.comment()).isEqualTo("sig-1");

        deals = b.onTick(eu(T0 + 3000, 1.09780, 1.09790));               // ask 1.09790 <= TP 1.09800
        assertThat(deals).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DealReason.TP);
            assertThat(d.position()).isEqualTo(shortPos.order());
            assertThat(d.price()).isEqualTo(1.09800);                     // TP price, not the better ask
            assertThat(d.profit()).isEqualTo(100.00);                     // 0.5 × (1.10000 − 1.09800) / 0.00001
        });
        assertThat(b.snapshot().balance()).isEqualTo(9_940.00);          // 10000 − 160 + 100
        assertThat(b.snapshot().positions()).isEmpty();
    }

    @Test
    void nettingAddsAtAveragePriceAndReversesWithAnInOutDeal() {
        PaperBroker b = new PaperBroker(config(AccountMode.NETTING).withCommission(3.5));
        b.onTick(eu(T0, 1.10000, 1.10010));
        long ticket = b.execute(buy(1.0, 0, 0, T0)).order();
        b.onTick(eu(T0 + 1000, 1.10100, 1.10110));
        ExecutionResult add = b.execute(buy(1.0, 0, 0, T0 + 1000));
        assertThat(add.deals().get(0).position()).isEqualTo(ticket);
        Position p = b.snapshot().positions().get(0);
        assertThat(p.volume()).isEqualTo(2.0);
        assertThat(p.openPrice()).isCloseTo(1.10060, within(1e-12));       // (1.10010 + 1.10110) / 2

        b.onTick(eu(T0 + 2000, 1.10200, 1.10210));
        ExecutionResult rev = b.execute(sell(3.0, 0, 0, T0 + 2000));
        Deal d = rev.deals().get(0);
        assertThat(d.entry()).isEqualTo(FillEntry.INOUT);
        assertThat(d.volume()).isEqualTo(3.0);
        assertThat(d.price()).isEqualTo(1.10200);
        assertThat(d.profit()).isEqualTo(280.00);                          // 2 lots × (1.10200 − 1.10060) / 0.00001
        assertThat(d.commission()).isEqualTo(-10.50);                      // 3 lots × 3.5
        p = b.snapshot().positions().get(0);
        assertThat(p.ticket()).isEqualTo(ticket);
        assertThat(p.side()).isEqualTo(Side.SELL);
        assertThat(p.volume()).isEqualTo(1.0);
        assertThat(p.openPrice()).isEqualTo(1.10200);
        // 10000 − 3.5 − 3.5 + 280 − 10.5
        assertThat(b.snapshot().balance()).isEqualTo(10_262.50);
    }

    @Test
    void hedgingKeepsSeparatePositionsAndAddsTheirMargins() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING));
        b.onTick(eu(T0, 1.10000, 1.10010));
        long a = b.execute(buy(1.0, 0, 0, T0)).order();
        long c = b.execute(sell(1.0, 0, 0, T0)).order();
        AccountState s = b.snapshot();
        assertThat(s.positions()).extracting(Position::ticket).containsExactly(a, c);
        assertThat(s.margin()).isEqualTo(2_200.10);                        // 1100.10 + 1100.00
        assertThat(s.equity()).isEqualTo(9_980.00);                        // each position starts one 10-point spread under water
        ExecutionResult wrongSide = b.execute(close(a, Side.BUY, 1.0, T0));
        assertThat(wrongSide.retcode()).isEqualTo(Retcode.INVALID);
        assertThat(b.execute(close(a, Side.SELL, 1.5, T0)).retcode()).isEqualTo(Retcode.INVALID_VOLUME);
        assertThat(b.execute(close(a, Side.SELL, 1.0, T0)).deals().get(0).profit()).isEqualTo(-10.00);
        assertThat(b.execute(close(a, Side.SELL, 1.0, T0)).retcode()).isEqualTo(Retcode.POSITION_CLOSED);
    }

    @Test
    void marginAndProfitForUsdBaseAndCrossPairs() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING));
        b.onTick(tick("USDJPY", T0, 150.000, 150.010));
        b.onTick(tick("EURGBP", T0, 0.85000, 0.85010));
        b.execute(new TradeRequest("USDJPY", Side.BUY, 1, 0, 0, 0, 0, 0, "", T0));
        b.execute(new TradeRequest("EURGBP", Side.SELL, 1, 0, 0, 0, 0, 0, "", T0));
        // USDJPY: 100000 / 100 = 1000; EURGBP: 100000 × 0.85 × 1.265 / 100 = 1075.25
        assertThat(b.snapshot().margin()).isEqualTo(2_075.25);
        b.onTick(tick("USDJPY", T0 + 1000, 150.510, 150.520));
        Position jpy = b.snapshot().positions().get(0);
        // 500 points = 0.500 × 100,000 = ¥50,000, converted at the USDJPY mid (150.510 + 150.520) / 2 = 150.515:
        // 50,000 / 150.515 = $332.19 (the spec's static tick value 0.67 would have said $335.00)
        assertThat(jpy.profit()).isEqualTo(332.19);
    }

    @Test
    void swapIsChargedAtRolloverTripleOnWednesdayAndNotOnWeekends() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING).withSwaps(-7.0, 2.0));
        b.onTick(eu(T0, 1.10000, 1.10010));                               // Tue 10:00
        long longTicket = b.execute(buy(1.0, 0, 0, T0)).order();
        b.execute(sell(0.5, 0, 0, T0));
        b.onTick(eu(T0 + 10 * 3_600_000L, 1.10000, 1.10010));            // Tue 20:00: nothing yet
        assertThat(b.snapshot().positions()).extracting(Position::swap).containsExactly(0.0, 0.0);
        b.onTick(eu(T0 + 11 * 3_600_000L, 1.10000, 1.10010));            // Tue 21:00: one day
        assertThat(b.snapshot().positions()).extracting(Position::swap).containsExactly(-7.0, 1.0);
        b.onTick(eu(T0 + 48 * 3_600_000L, 1.10000, 1.10010));            // Thu 10:00: Wed 21:00 counted triple
        assertThat(b.snapshot().positions()).extracting(Position::swap).containsExactly(-28.0, 4.0);
        assertThat(b.snapshot().equity()).isEqualTo(10_000 - 10 - 5 - 28 + 4);
        b.onTick(eu(T0 + 6 * 24 * 3_600_000L, 1.10000, 1.10010));       // next Mon 10:00: Thu + Fri, no Sat/Sun
        assertThat(b.snapshot().positions()).extracting(Position::swap).containsExactly(-42.0, 6.0);
        Deal out = b.execute(close(longTicket, Side.SELL, 1.0, T0 + 6 * 24 * 3_600_000L)).deals().get(0);
        assertThat(out.swap()).isEqualTo(-42.0);
        assertThat(b.snapshot().balance()).isEqualTo(10_000 - 10 - 42);   // spread cost + swap
    }

    @Test
    void swapsOfTicksEveryFewMinutesAreTheSwapsOfOneTickAtTheEnd() {
        // ticks 7 minutes apart (one lands on 21:00 exactly every 7 days) against one tick 17 days later: the same
        // rollovers charged, however many ticks the days between hold
        PaperBroker often = new PaperBroker(config(AccountMode.HEDGING).withSwaps(-7.0, 2.0));
        PaperBroker once = new PaperBroker(config(AccountMode.HEDGING).withSwaps(-7.0, 2.0));
        long end = T0 + 17 * 86_400_000L;
        for (PaperBroker b : List.of(often, once)) {
            b.onTick(eu(T0, 1.10000, 1.10010));                           // Tue 10:00
            b.execute(buy(1.0, 0, 0, T0));
            b.execute(sell(0.5, 0, 0, T0));
        }
        for (long t = T0 + 420_000L; t < end; t += 420_000L) often.onTick(eu(t, 1.10000, 1.10010));
        often.onTick(eu(end, 1.10000, 1.10010));
        once.onTick(eu(end, 1.10000, 1.10010));
        // the 21:00 of Tue, Wed (triple) and Thu of three weeks, of two Fridays and two Mondays: 3 × 5 + 2 + 2 = 19 days
        assertThat(often.snapshot().positions()).extracting(Position::swap).containsExactly(-133.0, 19.0);
        assertThat(once.snapshot().positions()).extracting(Position::swap).containsExactly(-133.0, 19.0);
    }

    @Test
    void stopOutClosesTheLargestLoserFirstUntilTheLevelRecovers() {
        PaperBroker b = new PaperBroker(BrokerConfig.usd(1_000, 100, AccountMode.HEDGING, List.of(EURUSD)).withStopOut(50));
        b.onTick(eu(T0, 1.10000, 1.10010));
        long loser = b.execute(buy(0.5, 0, 0, T0)).order();
        long winner = b.execute(sell(0.2, 0, 0, T0)).order();
        assertThat(b.snapshot().margin()).isEqualTo(770.05);               // 550.05 + 220.00
        // A: 0.5 × (1.08000 − 1.10010) = −1005, B: 0.2 × (1.10000 − 1.08010) = +398; equity 393 = 51.0 %
        assertThat(b.onTick(eu(T0 + 1000, 1.08000, 1.08010))).isEmpty();
        assertThat(b.snapshot().equity()).isEqualTo(393.00);
        // A −1055, B +418: equity 363 = 47.1 % < 50 %
        List<Deal> deals = b.onTick(eu(T0 + 2000, 1.07900, 1.07910));
        assertThat(deals).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DealReason.STOP_OUT);
            assertThat(d.position()).isEqualTo(loser);
            assertThat(d.price()).isEqualTo(1.07900);
            assertThat(d.profit()).isEqualTo(-1_055.00);
        });
        AccountState s = b.snapshot();
        assertThat(s.balance()).isEqualTo(-55.00);
        assertThat(s.positions()).extracting(Position::ticket).containsExactly(winner);
        assertThat(s.equity()).isEqualTo(363.00);
    }

    @Test
    void rejectsWithMt5Retcodes() {
        SymbolSpec strict = new SymbolSpec("EURUSD", 5, 0.00001, 0.00001, 1, 100_000, 0.01, 0.01, 50, 10, 10, "EUR", "USD");
        PaperBroker b = new PaperBroker(BrokerConfig.usd(1_000, 100, AccountMode.HEDGING, List.of(strict)));
        assertThat(b.execute(buy(0.1, 0, 0, T0)).retcode()).isEqualTo(Retcode.MARKET_CLOSED);
        b.onTick(eu(T0, 1.10000, 1.10010));
        assertThat(b.execute(buy(0.005, 0, 0, T0)).retcode()).isEqualTo(Retcode.INVALID_VOLUME);
        assertThat(b.execute(buy(0.015, 0, 0, T0)).comment()).contains("not a multiple of the step 0.01");
        assertThat(b.execute(buy(51, 0, 0, T0)).retcode()).isEqualTo(Retcode.INVALID_VOLUME);
        assertThat(b.execute(buy(Double.NaN, 0, 0, T0)).retcode()).isEqualTo(Retcode.INVALID_VOLUME);
        assertThat(b.execute(new TradeRequest("XAUUSD", Side.BUY, 1, 0, 0, 0, 0, 0, "", T0)).comment()).contains("XAUUSD");
        // stops: a BUY's SL must be >= 10 points below the bid 1.10000
        assertThat(b.execute(buy(0.1, 1.10005, 0, T0)).retcode()).isEqualTo(Retcode.INVALID_STOPS);
        assertThat(b.execute(buy(0.1, 1.09995, 0, T0)).comment()).contains("by at least 10 points");
        assertThat(b.execute(sell(0.1, 1.10015, 0, T0)).retcode()).isEqualTo(Retcode.INVALID_STOPS); // ask + 5
        assertThat(b.execute(sell(0.1, 0, 1.10020, T0)).retcode()).isEqualTo(Retcode.INVALID_STOPS); // TP above ask
        // 1 lot needs 1100.10 margin, equity is 1000
        ExecutionResult noMoney = b.execute(buy(1.0, 0, 0, T0));
        assertThat(noMoney.retcode()).isEqualTo(Retcode.NO_MONEY);
        assertThat(noMoney.comment()).contains("1100.10");
        // deviation: fill 1.10010 is 0.0002 from 1.09990
        assertThat(b.execute(new TradeRequest("EURUSD", Side.BUY, 0.1, 1.09990, 0.00005, 0, 0, 0, "", T0)).retcode())
                .isEqualTo(Retcode.REQUOTE);
        ExecutionResult ok = b.execute(new TradeRequest("EURUSD", Side.BUY, 0.1, 1.10008, 0.00005, 1.09990, 1.10100, 0, "", T0));
        assertThat(ok.retcode()).isEqualTo(Retcode.DONE);
        // freeze: the bid comes within 10 points of the SL 1.09990: no closing, no modifying
        b.onTick(eu(T0 + 1000, 1.09995, 1.10005));
        assertThat(b.execute(close(ok.order(), Side.SELL, 0.1, T0 + 1000)).retcode()).isEqualTo(Retcode.FROZEN);
        assertThat(b.modify(ok.order(), 1.09900, 0).retcode()).isEqualTo(Retcode.FROZEN);
        b.onTick(eu(T0 + 2000, 1.10050, 1.10060));
        assertThat(b.modify(ok.order(), 1.10045, 0).retcode()).isEqualTo(Retcode.INVALID_STOPS);
        assertThat(b.modify(ok.order(), 1.09900, 1.10200).retcode()).isEqualTo(Retcode.DONE);
        assertThat(b.snapshot().positions().get(0).tp()).isEqualTo(1.10200);
        assertThat(b.modify(999, 0, 0).retcode()).isEqualTo(Retcode.POSITION_CLOSED);
        assertThat(b.execute(close(ok.order(), Side.SELL, 0.1, T0 + 2000)).retcode()).isEqualTo(Retcode.DONE);
    }

    @Test
    void latencyDelaysTheFillToTheFirstTickAtOrAfterTheDueTime() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING).withLatency(200));
        b.onTick(eu(T0, 1.10000, 1.10010));
        ExecutionResult placed = b.execute(buy(1.0, 0, 0, T0));
        assertThat(placed.retcode()).isEqualTo(Retcode.PLACED);
        assertThat(placed.deals()).isEmpty();
        assertThat(b.onTick(eu(T0 + 150, 1.10010, 1.10020))).isEmpty();
        assertThat(b.drainDelayedResults()).isEmpty();
        List<Deal> deals = b.onTick(eu(T0 + 230, 1.10020, 1.10030));
        assertThat(deals).singleElement().satisfies(d -> {
            assertThat(d.price()).isEqualTo(1.10030);
            assertThat(d.order()).isEqualTo(placed.order());
            assertThat(d.timeMs()).isEqualTo(T0 + 230);
        });
        assertThat(b.drainDelayedResults()).singleElement().satisfies(r -> {
            assertThat(r.retcode()).isEqualTo(Retcode.DONE);
            assertThat(r.order()).isEqualTo(placed.order());
        });
        assertThat(b.drainDelayedResults()).isEmpty();
    }

    @Test
    void slippageIsSeededBoundedAndAlwaysAgainstTheTrader() {
        int[] buys = new int[2], sells = new int[2];
        for (int run = 0; run < 2; run++) {
            PaperBroker b = new PaperBroker(config(AccountMode.HEDGING).withSlippage(3, 99));
            b.onTick(eu(T0, 1.10000, 1.10010));
            for (int i = 0; i < 50; i++) {
                double buy = b.execute(buy(0.01, 0, 0, T0)).price();
                double sell = b.execute(sell(0.01, 0, 0, T0)).price();
                assertThat(buy).isBetween(1.10010, 1.10013);
                assertThat(sell).isBetween(1.09997, 1.10000);
                buys[run] += (int) Math.round((buy - 1.10010) / 0.00001);
                sells[run] += (int) Math.round((1.10000 - sell) / 0.00001);
            }
        }
        assertThat(buys[0]).isEqualTo(buys[1]).isPositive();
        assertThat(sells[0]).isEqualTo(sells[1]).isPositive();
    }

    @Test
    void badConfigAndBadTicksAreClearErrors() {
        assertThatThrownBy(() -> BrokerConfig.usd(-5, 100, AccountMode.NETTING, List.of(EURUSD)))
                .hasMessageContaining("initialBalance");
        assertThatThrownBy(() -> BrokerConfig.usd(1000, Double.NaN, AccountMode.NETTING, List.of(EURUSD)))
                .hasMessageContaining("leverage");
        assertThatThrownBy(() -> config(AccountMode.NETTING).withCommission(-1)).hasMessageContaining("commissionPerLotPerSide");
        assertThatThrownBy(() -> BrokerConfig.usd(1000, 100, AccountMode.NETTING,
                List.of(new SymbolSpec("X", 5, 0.00001, 0.00001, 0, 100_000, 0.01, 0.01, 50, 0, 0, "E", "U"))))
                .hasMessageContaining("symbol X");
        PaperBroker b = new PaperBroker(config(AccountMode.NETTING));
        assertThatThrownBy(() -> b.onTick(eu(T0, Double.NaN, 1.1))).hasMessageContaining("bid");
        assertThatThrownBy(() -> b.onTick(eu(T0, 1.2, 1.1))).hasMessageContaining("ask 1.1 must be finite and >= bid 1.2");
    }
}
