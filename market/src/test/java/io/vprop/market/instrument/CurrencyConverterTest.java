package io.vprop.market.instrument;

import io.vprop.market.SymbolSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Money of a price move in the account currency: every expected number is worked out by hand in the comment next
 * to it. Quotes are mids.
 */
class CurrencyConverterTest {
    static final InstrumentTable TABLE = InstrumentTable.builtIn();
    static final Map<String, Double> MIDS = Map.of("USDJPY", 150.0, "GBPUSD", 1.25, "EURUSD", 1.08, "USDCAD", 1.35);
    static final QuoteLookup QUOTES = s -> MIDS.getOrDefault(s, Double.NaN);

    static CurrencyConverter usd(String... symbols) {
        return CurrencyConverter.forInstruments("USD", List.of(symbols).stream().map(TABLE::get).toList(), Map.of());
    }

    /** Account-currency money of a move of {@code distance} for {@code lots} of {@code symbol}. */
    static double money(CurrencyConverter c, String symbol, double distance, double lots) {
        Instrument i = TABLE.get(symbol);
        return i.profitCurrencyMoney(distance, lots) * c.rate(i.profitCurrency(), QUOTES);
    }

    @Test
    void goldSilverAndAnIndexAreValuedOnTheirOwnContracts() {
        CurrencyConverter c = usd("XAUUSD", "XAGUSD", "US30");
        assertThat(money(c, "XAUUSD", 1.00, 1.0)).isEqualTo(100.0);          // $1 × 100 oz × 1 lot
        assertThat(money(c, "XAGUSD", 0.10, 1.0)).isEqualTo(500.0, within(1e-9)); // $0.10 × 5,000 oz
        assertThat(money(c, "US30", 25.0, 2.0)).isEqualTo(50.0);             // 25 index points × $1 × 2 lots
        // MT5's tick value: one 0.01 tick of 1 lot of gold = 0.01 × 100 = $1; one 0.001 tick of silver = $5
        assertThat(c.tickValue(TABLE.get("XAUUSD"), QUOTES)).isEqualTo(1.0, within(1e-12));
        assertThat(c.tickValue(TABLE.get("XAGUSD"), QUOTES)).isEqualTo(5.0, within(1e-12));
        // what EURUSD's spec said of gold before: $1 move / 0.00001 tick × $1 = $100,000 per lot, 1,000 times too much
        SymbolSpec euroSpec = SymbolSpec.fxMajor("XAUUSD");
        assertThat(euroSpec.moneyPerPriceMove(1.0, 1.0)).isEqualTo(100_000, within(1e-6));
    }

    @Test
    void jpyProfitsAreConvertedAtOneOverUsdJpy() {
        CurrencyConverter c = usd("USDJPY", "EURJPY");
        ConversionRoute r = c.route("JPY");
        assertThat(r.kind()).isEqualTo(ConversionRoute.Kind.INVERSE);
        assertThat(r.symbol()).isEqualTo("USDJPY");
        // 1 lot USDJPY up 1.000 yen: 100,000 × 1.000 = ¥100,000; at 150.0 → $666.67
        assertThat(money(c, "USDJPY", 1.000, 1.0)).isEqualTo(666.666_666_7, within(1e-6));
        // 0.5 lot EURJPY up 0.250: 50,000 × 0.25 = ¥12,500 → 12,500 / 150 = $83.33
        assertThat(money(c, "EURJPY", 0.250, 0.5)).isEqualTo(83.333_333_3, within(1e-6));
        // the tick value follows the rate: 0.001 × 100,000 = ¥100 → $0.6667 at 150, $0.6250 at 160
        assertThat(c.tickValue(TABLE.get("USDJPY"), QUOTES)).isEqualTo(100 / 150.0, within(1e-12));
        assertThat(c.tickValue(TABLE.get("USDJPY"), s -> s.equals("USDJPY") ? 160.0 : Double.NaN)).isEqualTo(0.625, within(1e-12));
    }

    @Test
    void gbpAndCadCrossesUseGbpUsdAndUsdCad() {
        CurrencyConverter c = usd("EURGBP", "GBPUSD", "GBPCAD", "USDCAD");
        assertThat(c.route("GBP").kind()).isEqualTo(ConversionRoute.Kind.DIRECT);
        // 1 lot EURGBP down 0.00200 (SELL wins): 100,000 × 0.002 = £200 → × 1.25 = $250
        assertThat(money(c, "EURGBP", 0.00200, 1.0)).isEqualTo(250.0, within(1e-9));
        // 1 lot GBPCAD up 0.01350: 100,000 × 0.0135 = C$1,350 → / 1.35 = $1,000
        assertThat(money(c, "GBPCAD", 0.01350, 1.0)).isEqualTo(1_000.0, within(1e-9));
    }

    @Test
    void missingRoutesAndQuotesAreErrorsNamingThePairNeeded() {
        CurrencyConverter c = usd("EURJPY", "EURGBP");
        assertThatThrownBy(() -> c.route("JPY"))
                .isInstanceOf(NoConversionRouteException.class)
                .hasMessageContaining("JPY to USD").hasMessageContaining("USDJPY").hasMessageContaining("never assumes 1.0");
        assertThat(((NoConversionRouteException) catchRoute(c, "GBP")).pairNeeded()).isEqualTo("GBPUSD");
        assertThat(((NoConversionRouteException) catchRoute(c, "CHF")).pairNeeded()).isEqualTo("USDCHF");
        CurrencyConverter quoted = usd("USDJPY");
        assertThatThrownBy(() -> quoted.rate("JPY", QuoteLookup.NONE)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no USDJPY quote yet to convert JPY to USD");
    }

    private static RuntimeException catchRoute(CurrencyConverter c, String ccy) {
        try {
            c.route(ccy);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no error for " + ccy);
    }

    @Test
    void fixedRatesFillGapsButQuotesWin() {
        Map<String, Double> fixed = CurrencyConverter.parseFixedRates("USDJPY=155, gbpusd = 1.30");
        CurrencyConverter c = CurrencyConverter.forInstruments("USD", List.of(TABLE.get("EURJPY"), TABLE.get("EURGBP"), TABLE.get("GBPUSD")), fixed);
        assertThat(c.route("JPY").kind()).isEqualTo(ConversionRoute.Kind.FIXED);
        assertThat(c.rate("JPY", QuoteLookup.NONE)).isEqualTo(1 / 155.0, within(1e-15));   // inverse of USDJPY=155
        assertThat(c.rate("GBP", QUOTES)).isEqualTo(1.25);                                  // GBPUSD is quoted: its 1.25 wins over 1.30
        assertThatThrownBy(() -> CurrencyConverter.parseFixedRates("USDJPY:150")).hasMessageContaining("'USDJPY:150' must be PAIR=price");
        assertThatThrownBy(() -> CurrencyConverter.parseFixedRates("USDJPY=abc")).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> CurrencyConverter.parseFixedRates("USDJPY=0")).hasMessageContaining("positive");
        assertThat(CurrencyConverter.parseFixedRates(" ")).isEmpty();
    }

    @Test
    void audAndCadWithoutTheirUsdPairGoThroughTwoQuotedSymbols() {
        // the shared H4 bars: EURAUD, GBPAUD, EURCAD, GBPCAD, EURUSD, GBPUSD, but no AUDUSD or USDCAD
        Map<String, Double> mids = Map.of("EURUSD", 1.08, "EURAUD", 1.62, "GBPAUD", 1.90, "GBPUSD", 1.26, "EURCAD", 1.458);
        QuoteLookup q = s -> mids.getOrDefault(s, Double.NaN);
        ConversionRoute aud = usd("EURAUD", "EURUSD", "GBPAUD", "GBPUSD").route("AUD");
        assertThat(aud.kind()).isEqualTo(ConversionRoute.Kind.CROSS);
        assertThat(aud.symbols()).containsExactly("EURAUD", "EURUSD");            // the first symbol quoting AUD
        assertThat(aud.describe()).isEqualTo("AUD→USD: 1 / EURAUD mid × EURUSD mid");
        assertThat(aud.rate(q)).isEqualTo(1.08 / 1.62, within(1e-15));            // A$1 = €(1 / 1.62) = $0.6667
        assertThat(usd("GBPAUD", "GBPUSD", "EURAUD", "EURUSD").route("AUD").symbols()).containsExactly("GBPAUD", "GBPUSD");
        // 1 lot EURCAD up 0.01350: C$1,350 × EURUSD / EURCAD = 1,350 × 1.08 / 1.458 = $1,000
        CurrencyConverter cad = usd("EURCAD", "EURUSD");
        assertThat(TABLE.get("EURCAD").profitCurrencyMoney(0.01350, 1.0) * cad.rate("CAD", q)).isEqualTo(1_000.0, within(1e-9));
        // a leg without a quote yet: no rate, and the message names both symbols
        assertThat(aud.rate(s -> s.equals("EURAUD") ? 1.62 : Double.NaN)).isNaN();
        assertThatThrownBy(() -> cad.rate("CAD", s -> s.equals("EURUSD") ? 1.08 : Double.NaN))
                .hasMessage("no EURCAD and EURUSD quote yet to convert CAD to USD");
    }

    @Test
    void aDirectPairOrAFixedRateComesBeforeACross() {
        assertThat(usd("EURAUD", "EURUSD", "AUDUSD").route("AUD").kind()).isEqualTo(ConversionRoute.Kind.DIRECT);
        CurrencyConverter fixed = CurrencyConverter.forInstruments("USD", List.of(TABLE.get("EURAUD"), TABLE.get("EURUSD")),
                Map.of("AUDUSD", 0.65));
        assertThat(fixed.route("AUD").kind()).isEqualTo(ConversionRoute.Kind.FIXED);
        // EURAUD alone (no EURUSD) still has no route: the error names the pair to add
        assertThat(((NoConversionRouteException) catchRoute(usd("EURAUD", "EURJPY"), "AUD")).pairNeeded()).isEqualTo("AUDUSD");
    }

    @Test
    void aEuroAccountConvertsUsdAtOneOverEurUsd() {
        CurrencyConverter c = CurrencyConverter.forInstruments("EUR", List.of(TABLE.get("EURUSD"), TABLE.get("XAUUSD")), Map.of());
        // gold up $1 on 1 lot = $100 → / 1.08 = €92.59
        assertThat(TABLE.get("XAUUSD").profitCurrencyMoney(1.0, 1.0) * c.rate("USD", QUOTES)).isEqualTo(92.592_592_6, within(1e-6));
        assertThat(c.rate("EUR", QUOTES)).isEqualTo(1.0);
    }

    @Test
    void marketPairNamesFollowConvention() {
        assertThat(CurrencyConverter.marketPair("JPY", "USD")).isEqualTo("USDJPY");
        assertThat(CurrencyConverter.marketPair("USD", "GBP")).isEqualTo("GBPUSD");
        assertThat(CurrencyConverter.marketPair("HKD", "USD")).isEqualTo("USDHKD");
    }
}
