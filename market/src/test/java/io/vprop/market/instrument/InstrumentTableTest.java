package io.vprop.market.instrument;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentTableTest {
    static final InstrumentTable TABLE = InstrumentTable.builtIn();

    static InstrumentTable override(String csv) {
        return TABLE.withOverrides("broker.csv", new StringReader(csv));
    }

    @Test
    void theBuiltInTableHoldsThe28PairsTheMetalsAndTheIndexCfds() {
        List<String> ccy = List.of("EUR", "GBP", "AUD", "NZD", "USD", "CAD", "CHF", "JPY");
        int fx = 0;
        for (int i = 0; i < ccy.size(); i++) {
            for (int j = i + 1; j < ccy.size(); j++) {
                Instrument p = TABLE.get(ccy.get(i) + ccy.get(j));
                fx++;
                assertThat(p.assetClass()).isEqualTo(AssetClass.FX);
                assertThat(p.contractSize()).isEqualTo(100_000);
                assertThat(p.digits()).as(p.symbol()).isEqualTo(ccy.get(j).equals("JPY") ? 3 : 5);
                assertThat(p.baseCurrency() + p.profitCurrency()).isEqualTo(p.symbol());
                assertThat(p.swap().tripleDay()).isEqualTo(DayOfWeek.WEDNESDAY);
            }
        }
        assertThat(fx).isEqualTo(28);
        Instrument gold = TABLE.get("XAUUSD");
        assertThat(gold.contractSize()).isEqualTo(100);
        assertThat(gold.digits()).isEqualTo(2);
        assertThat(gold.point()).isEqualTo(0.01);
        assertThat(TABLE.get("XAGUSD").contractSize()).isEqualTo(5_000);
        for (String index : List.of("US30", "US500", "NAS100", "GER40", "UK100", "JP225")) {
            assertThat(TABLE.get(index).assetClass()).isEqualTo(AssetClass.INDEX);
            assertThat(TABLE.get(index).commission().rate()).isZero();
            assertThat(TABLE.get(index).swap().tripleDay()).isEqualTo(DayOfWeek.FRIDAY);
        }
        assertThat(TABLE.get("GER40").profitCurrency()).isEqualTo("EUR");
        assertThat(TABLE.get("JP225").profitCurrency()).isEqualTo("JPY");
        assertThat(TABLE.get("EURUSD").point()).isEqualTo(0.00001);
    }

    @Test
    void anUnknownSymbolIsAnErrorNamingItAndItsCloseMatches() {
        assertThatThrownBy(() -> TABLE.get("XAUUSD.m"))
                .isInstanceOf(UnknownInstrumentException.class)
                .hasMessageContaining("'XAUUSD.m'")
                .hasMessageContaining("close matches: XAUUSD");
        UnknownInstrumentException inverted = (UnknownInstrumentException) catchThrowable(() -> TABLE.get("USDEUR"));
        assertThat(inverted.closeMatches()).contains("EURUSD");
        UnknownInstrumentException typo = (UnknownInstrumentException) catchThrowable(() -> TABLE.get("GER30"));
        assertThat(typo.closeMatches()).contains("GER40");
        UnknownInstrumentException none = (UnknownInstrumentException) catchThrowable(() -> TABLE.get("BTCUSDT"));
        assertThat(none.closeMatches()).isEmpty();
        assertThat(none).hasMessageContaining("'BTCUSDT'").hasMessageNotContaining("close matches");
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no exception");
    }

    @Test
    void aPartialOverrideRowChangesOnlyTheColumnsItGives() {
        InstrumentTable t = override("""
                # my broker: cheaper gold, a wider London EURUSD
                symbol,commission,spread_london,volume_max
                XAUUSD,2.5,,
                EURUSD,,5,
                """);
        Instrument gold = t.get("XAUUSD"), builtInGold = TABLE.get("XAUUSD");
        assertThat(gold.commission().rate()).isEqualTo(2.5);
        assertThat(gold.contractSize()).isEqualTo(builtInGold.contractSize());
        assertThat(gold.swap()).isEqualTo(builtInGold.swap());
        assertThat(gold.spread()).isEqualTo(builtInGold.spread());
        assertThat(t.get("EURUSD").spread().london()).isEqualTo(5);
        assertThat(t.get("EURUSD").spread().asia()).isEqualTo(TABLE.get("EURUSD").spread().asia());
        assertThat(t.sources()).containsExactly(InstrumentTable.BUILT_IN, "broker.csv");
        assertThat(TABLE.get("XAUUSD").commission().rate()).isEqualTo(3.5); // the built-in table is unchanged
    }

    @Test
    void aNewSymbolNeedsAFullRowAndThenLooksUpLikeTheOthers() {
        String header = String.join(",", InstrumentCsv.COLUMNS);
        InstrumentTable t = override(header + "\n"
                + "HK50,index,HKD,HKD,1,0.1,1,0.1,0.1,500,0,0,0.01,per_lot,0,money,-1.5,-0.5,fri,80,60,60,80,120\n");
        Instrument hk = t.get("HK50");
        assertThat(hk.profitCurrency()).isEqualTo("HKD");
        assertThat(hk.swap().unit()).isEqualTo(SwapModel.Unit.MONEY);
        assertThat(hk.swap().tripleDay()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(t.symbols()).endsWith("HK50");

        assertThatThrownBy(() -> override("symbol,digits\nHK50,1\n"))
                .isInstanceOf(InstrumentFileException.class)
                .hasMessageStartingWith("broker.csv:2: HK50 is not in the table yet")
                .hasMessageContaining("missing: asset_class, base, profit");
    }

    @Test
    void badOverrideValuesAreReportedWithFileAndLine() {
        assertThat(error("symbol,digits\n\n# a comment\nEURUSD,five\n")).isEqualTo("broker.csv:4: column digits: 'five' is not a whole number");
        assertThat(error("symbol,commision\nEURUSD,1\n"))
                .startsWith("broker.csv:1: unknown column 'commision'");
        assertThat(error("symbol,comission_kind\nEURUSD,1\n")).contains("unknown column 'comission_kind'");
        assertThat(error("symbol,commission_kind\nEURUSD,per_trade\n"))
                .isEqualTo("broker.csv:2: column commission_kind: 'per_trade' is not a commission kind (per_lot, per_million, percent)");
        assertThat(error("symbol,tick_size\nEURUSD,0.000015\n")).startsWith("broker.csv:2: column tick_size: 0.000015 is not a whole number of points");
        assertThat(error("symbol,margin_rate\nEURUSD,5\n")).isEqualTo("broker.csv:2: column margin_rate: 5 must be in [0, 1]");
        assertThat(error("symbol,volume_min\nEURUSD,500\n")).startsWith("broker.csv:2: columns volume_min 500 > volume_max 100");
        assertThat(error("symbol,triple_swap_day\nEURUSD,saturday\n")).startsWith("broker.csv:2: column triple_swap_day: 'saturday' is not a weekday");
        assertThat(error("symbol,commission\nEURUSD,1\nEURUSD,2\n")).isEqualTo("broker.csv:3: EURUSD is already given on line 2");
        assertThat(error("symbol,commission\nEURUSD,1,2\n")).isEqualTo("broker.csv:2: row has 3 cells, the header 2 columns");
        assertThat(error("symbol,swap_long\nEURUSD,NaN\n")).isEqualTo("broker.csv:2: column swap_long: 'NaN' is not a finite number");
        assertThat(error("commission,symbol\n1,EURUSD\n")).startsWith("broker.csv:1: the first column must be 'symbol'");
        assertThat(error("# nothing but a comment\n")).startsWith("broker.csv:1: no header line");
    }

    private static String error(String csv) {
        try {
            override(csv);
        } catch (InstrumentFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + csv);
    }

    @Test
    void anOverrideFileIsReadFromDiskAndAMissingOneIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("my-broker.csv");
        Files.writeString(f, "symbol,contract_size\nXAGUSD,1000\n");
        assertThat(TABLE.withOverrides(f).get("XAGUSD").contractSize()).isEqualTo(1_000);
        assertThatThrownBy(() -> TABLE.withOverrides(dir.resolve("nope.csv"))).hasMessageContaining("nope.csv");
        Files.writeString(f, "symbol,contract_size\nXAGUSD,-1\n");
        assertThatThrownBy(() -> TABLE.withOverrides(f)).hasMessage(f + ":2: column contract_size: -1 must be > 0");
    }
}
