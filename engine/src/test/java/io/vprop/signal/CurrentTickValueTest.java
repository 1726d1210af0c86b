package io.vprop.signal;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.risk.PropFirmRiskBudget;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine sizes crosses and JPY pairs with the tick value at the current rate of the conversion pair it sees. */
class CurrentTickValueTest {
    static SymbolSpec hello(String symbol, double statedTickValue) {
        Instrument i = InstrumentTable.builtIn().get(symbol);
        return i.toSymbolSpec(statedTickValue);
    }

    static SignalEngine engine(String accountCurrency) {
        // the terminal stated the tick values at its hello, at USDJPY 140 (¥100 / 140 = $0.714…)
        List<SymbolSpec> specs = List.of(hello("USDJPY", 100 / 140.0), hello("EURJPY", 100 / 140.0),
                hello("EURGBP", 1.27), hello("XAUUSD", 1.0));
        return new SignalEngine(SignalConfig.defaults(), specs,
                SignalPorts.baseline(PropFirmRiskBudget.typical(100_000), EventSource.NONE), 100_000, accountCurrency);
    }

    @Test
    void jpyTickValuesFollowUsdJpyOnceItIsQuoted() {
        SignalEngine e = engine("USD");
        assertThat(e.tickValue("EURJPY")).isEqualTo(100 / 140.0, within(1e-12));   // no USDJPY tick yet: the stated value
        e.onTick(new Tick("USDJPY", 1_000, 159.990, 160.010, 0, 0, 6));           // mid 160.000
        assertThat(e.tickValue("USDJPY")).isEqualTo(0.625, within(1e-12));        // ¥100 / 160
        assertThat(e.tickValue("EURJPY")).isEqualTo(0.625, within(1e-12));
        assertThat(e.tickValue("EURGBP")).isEqualTo(1.27);                        // GBPUSD is not among its symbols
        assertThat(e.tickValue("XAUUSD")).isEqualTo(1.0);                         // USD profits: as stated
    }

    @Test
    void theTerminalsLiveTickValueWinsFromThenOn() {
        SignalEngine e = engine("USD");
        e.liveTickValue("EURGBP", 1.2655);                                        // GBPUSD is not among its symbols
        assertThat(e.tickValue("EURGBP")).isEqualTo(1.2655);
        e.onTick(new Tick("USDJPY", 1_000, 159.990, 160.010, 0, 0, 6));
        e.liveTickValue("EURJPY", 0.6301);                                        // the broker's, over the engine's 0.625
        assertThat(e.tickValue("EURJPY")).isEqualTo(0.6301);
        e.onTick(new Tick("USDJPY", 2_000, 149.990, 150.010, 0, 0, 6));
        assertThat(e.tickValue("EURJPY")).as("stays the broker's until it sends another").isEqualTo(0.6301);
        assertThat(e.tickValue("USDJPY")).isEqualTo(100 / 150.0, within(1e-12));
        e.liveTickValue("EURGBP", Double.NaN);                                    // ignored, as an unknown symbol
        e.liveTickValue("GBPUSD", 1.0);
        assertThat(e.tickValue("EURGBP")).isEqualTo(1.2655);
    }

    @Test
    void withoutTheAccountCurrencyTheStatedTickValuesStay() {
        SignalEngine e = engine(null);
        e.onTick(new Tick("USDJPY", 1_000, 159.990, 160.010, 0, 0, 6));
        assertThat(e.tickValue("USDJPY")).isEqualTo(100 / 140.0, within(1e-12));
    }
}
