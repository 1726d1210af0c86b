package io.vprop.market.instrument;

import io.vprop.market.SymbolSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveMergeTest {
    static final Instrument GOLD = InstrumentTable.builtIn().get("XAUUSD");

    @Test
    void theBrokersLiveValuesWinFieldByFieldAndTheTableKeepsWhatTheHelloLacks() {
        // a broker quoting gold with 3 digits, 0.005 ticks, 10 oz lots, min 0.1 lot and a stops level
        SymbolSpec live = new SymbolSpec("XAUUSD", 3, 0.001, 0.005, 0.05, 10, 0.1, 0.1, 20, 15, 5, "XAU", "USD");
        Instrument m = GOLD.withLive(live);
        assertThat(m.digits()).isEqualTo(3);
        assertThat(m.point()).isEqualTo(0.001);
        assertThat(m.tickSize()).isEqualTo(0.005);
        assertThat(m.contractSize()).isEqualTo(10);
        assertThat(m.volumeMin()).isEqualTo(0.1);
        assertThat(m.volumeMax()).isEqualTo(20);
        assertThat(m.stopsLevel()).isEqualTo(15);
        assertThat(m.freezeLevel()).isEqualTo(5);
        assertThat(m.commission()).isEqualTo(GOLD.commission());
        assertThat(m.swap()).isEqualTo(GOLD.swap());
        assertThat(m.spread()).isEqualTo(GOLD.spread());
        assertThat(m.marginRate()).isEqualTo(GOLD.marginRate());
        assertThat(m.assetClass()).isEqualTo(AssetClass.METAL);
        // profit now follows the broker's 10 oz: $1 × 10 = $10
        assertThat(m.profitCurrencyMoney(1.0, 1.0)).isEqualTo(10.0);
    }

    @Test
    void unusableLiveFieldsKeepTheTableValue() {
        SymbolSpec partial = new SymbolSpec("XAUUSD", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "");
        Instrument m = GOLD.withLive(partial);
        assertThat(m.contractSize()).isEqualTo(100);
        assertThat(m.tickSize()).isEqualTo(0.01);
        assertThat(m.volumeStep()).isEqualTo(GOLD.volumeStep());
        assertThat(m.profitCurrency()).isEqualTo("USD");
        assertThatThrownBy(() -> GOLD.withLive(SymbolSpec.fxMajor("EURUSD"))).hasMessageContaining("EURUSD");
    }

    @Test
    void aSymbolSpecFromTheTableCarriesTheTickValueGiven() {
        SymbolSpec s = GOLD.toSymbolSpec(GOLD.tickValue(1.0));
        assertThat(s.tickValue()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12)); // 0.01 × 100 oz
        assertThat(s.moneyPerPriceMove(2.50, 0.4)).isEqualTo(100.0, org.assertj.core.api.Assertions.within(1e-9)); // $2.50 × 100 × 0.4
    }
}
