package io.vprop.app;

import io.vprop.config.ConfigException;
import io.vprop.config.VpropConfig;
import io.vprop.market.SymbolSpec;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.instrument.NoConversionRouteException;
import io.vprop.market.instrument.UnknownInstrumentException;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The paper terminal's specs come from the instrument table; nothing falls back to a stand-in. */
class PaperSetupTest {
    @TempDir
    Path dir;

    static VpropConfig cfg(Map<String, String> overrides) { return VpropConfig.load(null, Map.of(), overrides); }

    @Test
    void anUnknownSymbolIsAStartupErrorNamingIt() throws Exception {
        Path file = dir.resolve("XAUUSDm_M1.csv");
        Files.writeString(file, "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
                + "2024.01.02\t00:00:00\t2063.10\t2064.35\t2062.90\t2063.50\t10\t0\t0\n");
        assertThatThrownBy(() -> PaperSetup.replay(file))
                .isInstanceOf(UnknownInstrumentException.class)
                .hasMessageContaining("'XAUUSDM'").hasMessageContaining("close matches: XAUUSD");
        assertThatThrownBy(() -> PaperSetup.market(cfg(Map.of("paper.symbols", "EURUSD,EURUSX"))))
                .isInstanceOf(UnknownInstrumentException.class).hasMessageContaining("'EURUSX'");
    }

    @Test
    void aJpyReplayStatesItsTickValueAtItsFirstPrice() {
        PaperSetup.Market m = PaperSetup.replay(SharedData.file("bars/h4_d1/USDJPY_snowguru_H4_2007-2023.bars.csv.gz"));
        SymbolSpec s = m.specs().get(0);
        assertThat(s.digits()).isEqualTo(3);
        // first bar opens at 118.28: ¥0.001 × 100,000 = ¥100 per tick / 118.28 = $0.8455
        assertThat(s.tickValue()).isEqualTo(100 / 118.28, within(1e-12));
        assertThat(m.findings()).isEmpty();
        m.close();
    }

    @Test
    void aCrossWithoutItsConversionPairNeedsAFixedRate() {
        List<Path> eurjpy = List.of(SharedData.file("bars/h4_d1/EURJPY_snowguru_H4_2007-2023.bars.csv.gz"));
        assertThatThrownBy(() -> PaperSetup.replay(eurjpy))
                .isInstanceOf(NoConversionRouteException.class)
                .hasMessageStartingWith("EURJPY profits are in JPY (set paper.fx.rates or add the pair)")
                .hasMessageContaining("USDJPY");
        PaperSetup.Market fixed = PaperSetup.replay(cfg(Map.of("paper.fx.rates", "USDJPY=125")), eurjpy);
        assertThat(fixed.specs().get(0).tickValue()).isEqualTo(0.8, within(1e-12));   // ¥100 / 125
        fixed.close();
        PaperSetup.Market withPair = PaperSetup.replay(List.of(eurjpy.get(0),
                SharedData.file("bars/h4_d1/USDJPY_snowguru_H4_2007-2023.bars.csv.gz")));
        assertThat(withPair.specs()).extracting(SymbolSpec::symbol).containsExactly("EURJPY", "USDJPY");
        assertThat(withPair.specs().get(0).tickValue()).isEqualTo(100 / 118.28, within(1e-12)); // USDJPY's first open
        withPair.close();
    }

    @Test
    void aFileWhoseDigitsDisagreeIsReported() throws Exception {
        Path file = dir.resolve("USDJPY_M1.csv");   // 5-decimal prices under a 3-digit symbol's name
        Files.writeString(file, "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
                + "2024.01.02\t00:00:00\t1.10412\t1.10450\t1.10400\t1.10420\t10\t0\t0\n");
        PaperSetup.Market m = PaperSetup.replay(file);
        assertThat(m.findings()).singleElement().asString()
                .contains("USDJPY_M1.csv: prices have 5 decimals").contains("USDJPY spec has 3 digits");
        m.close();
    }

    /**
     * paper.data in a broker's server time: paper.data.tz moves every tick by the server's offset. The shared EURUSD
     * ticks start on 2014-05-01, New York summer time, when a NY+7 server runs GMT+3: its 00:00 is 21:00 UTC the day before.
     */
    @Test
    void paperDataIsReadInPaperDataTz() {
        String ticks = SharedData.file(SharedData.EURUSD_TICKS).toString();
        PaperSetup.Market utc = PaperSetup.market(cfg(Map.of("paper.data", ticks, "paper.data.tz", "UTC")));
        PaperSetup.Market ny = PaperSetup.market(cfg(Map.of("paper.data", ticks, "paper.data.tz", "NY+7")));
        for (int i = 0; i < 100; i++) {
            var u = utc.source().next();
            var n = ny.source().next();
            assertThat(u.timeMs() - n.timeMs()).as("tick " + i).isEqualTo(3 * 3_600_000L);
            assertThat(n.bid()).isEqualTo(u.bid());
        }
        utc.close();
        ny.close();
    }

    @Test
    void theSyntheticMarketTakesItsSpecsFromTheTable() {
        PaperSetup.Market m = PaperSetup.market(cfg(Map.of("paper.symbols", "EURUSD,USDJPY,EURJPY")));
        assertThat(m.specs()).extracting(SymbolSpec::symbol).containsExactly("EURUSD", "USDJPY", "EURJPY");
        assertThat(m.specs().get(0).volumeMax()).isEqualTo(InstrumentTable.builtIn().get("EURUSD").volumeMax());
        assertThat(m.specs().get(2).tickValue()).isEqualTo(100 / 150.0, within(1e-12)); // synthetic USDJPY starts at 150
        assertThatThrownBy(() -> PaperSetup.market(cfg(Map.of("paper.symbols", "EURJPY"))))
                .isInstanceOf(NoConversionRouteException.class).hasMessageContaining("USDJPY");
    }

    @Test
    void badInstrumentAndRateSettingsAreConfigErrors() throws Exception {
        assertThatThrownBy(() -> cfg(Map.of("paper.fx.rates", "USDJPY:150", "paper.instruments", dir.resolve("none.csv").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("paper.fx.rates: fixed rate 'USDJPY:150' must be PAIR=price")
                .hasMessageContaining("paper.instruments: file '" + dir.resolve("none.csv") + "' does not exist");
        Path bad = dir.resolve("broker.csv");
        Files.writeString(bad, "symbol,contract_size\nXAUUSD,lots\n");
        VpropConfig c = cfg(Map.of("paper.instruments", bad.toString()));
        assertThatThrownBy(() -> PaperSetup.instruments(c)).hasMessage(bad + ":2: column contract_size: 'lots' is not a number");
    }
}
