package io.vprop.paper.broker;

import io.vprop.market.Tick;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.instrument.NoConversionRouteException;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The paper broker values metals, JPY pairs, crosses and index CFDs with the built-in instrument table, in USD.
 * Every expected number is worked out by hand in the comment next to it; rates are the mids of the quotes.
 */
class InstrumentMoneyTest {
    static final InstrumentTable TABLE = InstrumentTable.builtIn();
    static final long T0 = Instant.parse("2024-03-05T10:00:00Z").toEpochMilli(); // a Tuesday
    static final long HOUR = 3_600_000L;

    static PaperBroker broker(InstrumentTable table, String... symbols) {
        List<Instrument> list = List.of(symbols).stream().map(table::get).toList();
        return new PaperBroker(BrokerConfig.of(100_000, "USD", 100, AccountMode.HEDGING, list, Map.of()));
    }

    static PaperBroker broker(String... symbols) { return broker(TABLE, symbols); }

    static void quote(PaperBroker b, String symbol, long time, double bid, double ask) {
        b.onTick(new Tick(symbol, time, bid, ask, 0, 0, 6));
    }

    static ExecutionResult order(PaperBroker b, String symbol, Side side, double lots, long time) {
        ExecutionResult r = b.execute(new TradeRequest(symbol, side, lots, 0, 0, 0, 0, 0, "", time));
        assertThat(r.retcode()).as(r.comment()).isEqualTo(Retcode.DONE);
        return r;
    }

    static Deal close(PaperBroker b, ExecutionResult open, Side side, long time) {
        Deal in = open.deals().get(0);
        return b.execute(new TradeRequest(in.symbol(), side, in.volume(), 0, 0, 0, 0, in.position(), "", time)).deals().get(0);
    }

    @Test
    void goldIsOneHundredDollarsPerDollarPerLot() {
        PaperBroker b = broker("XAUUSD");
        quote(b, "XAUUSD", T0, 2650.00, 2650.20);
        ExecutionResult open = order(b, "XAUUSD", Side.BUY, 1.0, T0);
        assertThat(open.price()).isEqualTo(2650.20);
        assertThat(open.deals().get(0).commission()).isEqualTo(-3.50);         // $3.50 per lot per side
        assertThat(b.snapshot().margin()).isEqualTo(2_650.20);                  // 1 × 100 oz × 2650.20 × max(1/100, 0.005)
        assertThat(b.tickValue("XAUUSD")).isEqualTo(1.0, within(1e-12));        // 0.01 × 100 oz
        quote(b, "XAUUSD", T0 + 1000, 2651.20, 2651.40);
        Deal out = close(b, open, Side.SELL, T0 + 1000);
        assertThat(out.profit()).isEqualTo(100.00);                             // (2651.20 − 2650.20) × 100 oz × 1 lot
        assertThat(b.balance()).isEqualTo(100_093.00);                          // 100,000 − 3.50 + 100 − 3.50
    }

    @Test
    void silverIsFiveThousandOuncesPerLot() {
        PaperBroker b = broker("XAGUSD");
        quote(b, "XAGUSD", T0, 30.000, 30.020);
        ExecutionResult open = order(b, "XAGUSD", Side.BUY, 0.5, T0);
        assertThat(open.deals().get(0).commission()).isEqualTo(-1.75);         // 0.5 × 3.50
        assertThat(b.snapshot().margin()).isEqualTo(750.50);                    // 0.5 × 5,000 × 30.020 × max(1/100, 0.01)
        quote(b, "XAGUSD", T0 + 1000, 30.120, 30.140);
        assertThat(b.snapshot().positions().get(0).profit()).isEqualTo(250.00); // (30.120 − 30.020) × 5,000 × 0.5
    }

    @Test
    void usdJpyProfitIsConvertedAtTheUsdJpyRate() {
        PaperBroker b = broker("USDJPY");
        quote(b, "USDJPY", T0, 150.000, 150.010);
        ExecutionResult open = order(b, "USDJPY", Side.BUY, 1.0, T0);
        assertThat(b.snapshot().margin()).isEqualTo(1_000.00);                  // base USD: 1 × 100,000 × 1/100
        assertThat(b.tickValue("USDJPY")).isEqualTo(100 / 150.005, within(1e-12)); // ¥0.001 × 100,000 = ¥100 at the mid
        quote(b, "USDJPY", T0 + 1000, 151.000, 151.010);
        Deal out = close(b, open, Side.SELL, T0 + 1000);
        // (151.000 − 150.010) × 100,000 = ¥99,000; / mid 151.005 = $655.607… → $655.61
        assertThat(out.profit()).isEqualTo(655.61);
        assertThat(b.tickValue("USDJPY")).isEqualTo(100 / 151.005, within(1e-12)); // the tick value followed the rate
    }

    @Test
    void eurJpyNeedsAUsdJpyQuoteAndIsValuedThroughIt() {
        PaperBroker b = broker("EURJPY", "USDJPY");
        quote(b, "EURJPY", T0, 162.000, 162.020);
        ExecutionResult early = b.execute(new TradeRequest("EURJPY", Side.SELL, 2.0, 0, 0, 0, 0, 0, "", T0));
        assertThat(early.retcode()).isEqualTo(Retcode.MARKET_CLOSED);
        assertThat(early.comment()).isEqualTo("no USDJPY quote yet to convert JPY to USD");
        quote(b, "USDJPY", T0, 150.000, 150.010);                                 // mid 150.005
        ExecutionResult open = order(b, "EURJPY", Side.SELL, 2.0, T0);
        assertThat(open.price()).isEqualTo(162.000);
        // margin: 2 × 100,000 × 162.000 = ¥32,400,000 × 1/100 = ¥324,000 / 150.005 = $2,159.928… → $2,159.93
        assertThat(b.snapshot().margin()).isEqualTo(2_159.93);
        quote(b, "EURJPY", T0 + 1000, 161.480, 161.500);
        Deal out = close(b, open, Side.BUY, T0 + 1000);
        // (162.000 − 161.500) × 100,000 × 2 = ¥100,000 / 150.005 = $666.644… → $666.64
        assertThat(out.profit()).isEqualTo(666.64);
        assertThat(out.commission()).isEqualTo(-7.00);                            // 2 lots × 3.50
    }

    @Test
    void aGbpCrossIsValuedAtGbpUsdAndItsSwapInPointsToo() {
        PaperBroker b = broker("EURGBP", "GBPUSD");
        quote(b, "GBPUSD", T0, 1.25000, 1.25010);                                // mid 1.25005
        quote(b, "EURGBP", T0, 0.83000, 0.83010);
        ExecutionResult open = order(b, "EURGBP", Side.BUY, 1.0, T0);
        quote(b, "EURGBP", T0 + 1000, 0.83210, 0.83220);
        // (0.83210 − 0.83010) × 100,000 = £200 × 1.25005 = $250.01
        assertThat(b.snapshot().positions().get(0).profit()).isEqualTo(250.01);
        // EURGBP long swap −5.7 points: −5.7 × 0.00001 × 100,000 = −£5.70 × 1.25005 = −$7.1253 per lot per day.
        // Tuesday 21:00 → −7.13; Wednesday 21:00 counts three days: −21.3759 → −21.38; total −28.51
        quote(b, "GBPUSD", T0 + 12 * HOUR, 1.25000, 1.25010);
        assertThat(b.snapshot().positions().get(0).swap()).isEqualTo(-7.13);
        quote(b, "GBPUSD", T0 + 36 * HOUR, 1.25000, 1.25010);
        assertThat(b.snapshot().positions().get(0).swap()).isEqualTo(-28.51);
        Deal out = close(b, open, Side.SELL, T0 + 36 * HOUR);
        assertThat(out.swap()).isEqualTo(-28.51);
    }

    @Test
    void indexCfdsPayNoCommissionAndTheirTripleSwapIsOnFriday() {
        PaperBroker b = broker("US30", "GER40", "EURUSD");
        quote(b, "US30", T0, 44000.0, 44001.5);
        ExecutionResult us30 = order(b, "US30", Side.BUY, 0.5, T0);
        assertThat(us30.deals().get(0).commission()).isZero();
        assertThat(b.snapshot().margin()).isEqualTo(220.01);                     // 0.5 × 1 × 44001.5 × max(1/100, 0.005) = 220.0075
        quote(b, "US30", T0 + 1000, 44101.5, 44103.0);
        assertThat(b.snapshot().positions().get(0).profit()).isEqualTo(50.00);   // 100 index points × $1 × 0.5 lot

        quote(b, "EURUSD", T0, 1.08000, 1.08010);                                // mid 1.08005
        quote(b, "GER40", T0, 21000.0, 21001.0);
        order(b, "GER40", Side.BUY, 1.0, T0);
        quote(b, "GER40", T0 + 1000, 21051.0, 21052.0);
        assertThat(b.snapshot().positions().get(1).profit()).isEqualTo(54.00);   // €50 × 1.08005 = $54.0025

        // US30 long swap −82.88 points × 0.1 × 1 = −$8.288 per lot per day, × 0.5 lot = −$4.144 → −4.14 a day.
        // Tue, Wed (1 day for an index, 3 for FX), Thu: 3 × −4.14 = −12.42; Fri counts 3: −12.432 → −12.43; total −24.85
        quote(b, "US30", T0 + 3 * 24 * HOUR + 1000, 44101.5, 44103.0);          // Friday 10:00: Tue, Wed, Thu rollovers
        assertThat(b.snapshot().positions().get(0).swap()).isEqualTo(-12.42);
        quote(b, "US30", T0 + 4 * 24 * HOUR, 44101.5, 44103.0);                  // Saturday 10:00: Friday's triple
        assertThat(b.snapshot().positions().get(0).swap()).isEqualTo(-24.85);
    }

    @Test
    void commissionPerMillionAndPercentOfNotional() {
        InstrumentTable t = TABLE.withOverrides("broker.csv", new StringReader("""
                symbol,commission_kind,commission
                EURUSD,per_million,30
                US30,percent,0.01
                """));
        PaperBroker b = broker(t, "EURUSD", "US30");
        quote(b, "EURUSD", T0, 1.10000, 1.10010);
        quote(b, "US30", T0, 44000.0, 44001.5);
        // 1 lot at 1.10010 = $110,010 notional × 30 / 1,000,000 = $3.3003 → 3.30
        assertThat(order(b, "EURUSD", Side.BUY, 1.0, T0).deals().get(0).commission()).isEqualTo(-3.30);
        // 0.5 lot at 44001.5 = $22,000.75 × 0.01 % = $2.200075 → 2.20
        assertThat(order(b, "US30", Side.BUY, 0.5, T0).deals().get(0).commission()).isEqualTo(-2.20);
    }

    @Test
    void aSymbolWithoutAConversionRouteIsAConfigErrorUnlessAFixedRateIsGiven() {
        assertThatThrownBy(() -> broker("EURJPY"))
                .isInstanceOf(NoConversionRouteException.class)
                .hasMessageStartingWith("EURJPY profits are in JPY: no way to convert JPY to USD: quotes of USDJPY are needed");
        PaperBroker b = new PaperBroker(BrokerConfig.of(100_000, "USD", 100, AccountMode.HEDGING,
                List.of(TABLE.get("EURJPY")), Map.of("USDJPY", 160.0)));
        quote(b, "EURJPY", T0, 162.000, 162.020);
        ExecutionResult open = order(b, "EURJPY", Side.BUY, 1.0, T0);
        quote(b, "EURJPY", T0 + 1000, 163.620, 163.640);
        // (163.620 − 162.020) × 100,000 = ¥160,000 / 160 (fixed) = $1,000.00
        assertThat(close(b, open, Side.SELL, T0 + 1000).profit()).isEqualTo(1_000.00);
    }

    @Test
    void anAudCrossIsValuedThroughEurAudAndEurUsdWhenNoAudUsdIsQuoted() {
        PaperBroker b = broker("EURAUD", "EURUSD");
        assertThat(b.conversion("EURAUD").describe()).isEqualTo("AUD→USD: 1 / EURAUD mid × EURUSD mid");
        quote(b, "EURAUD", T0, 1.65000, 1.65020);
        ExecutionResult early = b.execute(new TradeRequest("EURAUD", Side.BUY, 1.0, 0, 0, 0, 0, 0, "", T0));
        assertThat(early.retcode()).isEqualTo(Retcode.MARKET_CLOSED);
        assertThat(early.comment()).isEqualTo("no EURAUD and EURUSD quote yet to convert AUD to USD");
        quote(b, "EURUSD", T0, 1.08000, 1.08010);
        ExecutionResult open = order(b, "EURAUD", Side.BUY, 1.0, T0);
        quote(b, "EURAUD", T0 + 1000, 1.66670, 1.66690);
        // (1.66670 − 1.65020) × 100,000 = A$1,650 × EURUSD mid 1.08005 / EURAUD mid 1.66680 = $1,069.16
        assertThat(close(b, open, Side.SELL, T0 + 1000).profit()).isEqualTo(1_069.16);
    }

    @Test
    void aEuroAccountValuesGoldInEuros() {
        PaperBroker b = new PaperBroker(BrokerConfig.of(100_000, "EUR", 100, AccountMode.HEDGING,
                List.of(TABLE.get("XAUUSD"), TABLE.get("EURUSD")), Map.of()));
        quote(b, "EURUSD", T0, 1.25000, 1.25000);
        quote(b, "XAUUSD", T0, 2650.00, 2650.00);
        ExecutionResult open = order(b, "XAUUSD", Side.BUY, 1.0, T0);
        quote(b, "XAUUSD", T0 + 1000, 2652.50, 2652.50);
        // $2.50 × 100 oz = $250 / 1.25 = €200; commission stays 3.50 in the account currency
        assertThat(close(b, open, Side.SELL, T0 + 1000).profit()).isEqualTo(200.00);
        assertThat(b.conversion("XAUUSD").describe()).isEqualTo("USD→EUR: 1 / EURUSD mid");
    }
}
