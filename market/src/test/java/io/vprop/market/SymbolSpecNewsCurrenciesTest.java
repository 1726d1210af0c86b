package io.vprop.market;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolSpecNewsCurrenciesTest {
    private static SymbolSpec spec(String symbol, String base, String profit) {
        return new SymbolSpec(symbol, 2, 0.01, 0.01, 1.0, 100, 0.01, 0.01, 100, 0, 0, base, profit);
    }

    @Test
    void aSymbolMovesWithItsBaseAndProfitCurrencyInUpperCase() {
        assertThat(spec("EURJPY", "EUR", "JPY").newsCurrencies()).containsExactly("EUR", "JPY");
        assertThat(spec("XAUUSD", "xau", " usd ").newsCurrencies()).containsExactly("USD", "XAU");
    }

    @Test
    void anIndexWithOneCurrencyMovesWithThatOneOnly() {
        // a CFD whose name is not a pair: the broker's currencies are the whole answer, never the letters of its name
        assertThat(spec("US30.cash", "USD", "USD").newsCurrencies()).containsExactly("USD");
        assertThat(spec("GER40cash", "", "EUR").newsCurrencies()).containsExactly("EUR");
    }

    @Test
    void withoutCurrenciesASixLetterNameIsReadAsAPair() {
        assertThat(spec("gbpusd", "", "").newsCurrencies()).containsExactly("GBP", "USD");
        assertThat(spec("XYZ", "", "").newsCurrencies()).isEmpty();
    }

    @Test
    void severalSpecsGiveEachCurrencyOnce() {
        Set<String> all = SymbolSpec.newsCurrencies(List.of(spec("EURUSD", "EUR", "USD"), spec("USDJPY", "USD", "JPY"),
                spec("XAUUSD", "XAU", "USD")));
        assertThat(all).containsExactly("EUR", "JPY", "USD", "XAU");
    }
}
