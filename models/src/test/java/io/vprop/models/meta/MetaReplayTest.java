package io.vprop.models.meta;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.models.data.BarFiles;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.testing.SharedData;
import io.vprop.signal.port.WinQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Recording + labelling on real EURUSD H1 bars: every query is labelled from later bars only. */
class MetaReplayTest {
    static List<Bar> bars;

    @BeforeAll
    static void load() {
        bars = BarFiles.readAll(SharedData.file("bars/EURUSD_oanda_H1_2007-2018.bars.csv.gz")).subList(0, 3000);
    }

    static MetaReplay.Result replay(List<Bar> b) {
        return MetaReplay.run(List.of(b), MetaReplay.config(b.get(0).timeframe()), null, Long.MIN_VALUE);
    }

    @Test
    void engineQueriesAreRecordedAndLabelledFromLaterBarsOnly() {
        MetaReplay.Result full = replay(bars);
        assertThat(full.queries()).as("the real engine scores candidates on H1").isGreaterThan(200);
        assertThat(full.rows()).hasSizeGreaterThan(100);
        assertThat(full.rows().stream().filter(MetaReplay.Row::taken)).as("some candidates were traded").isNotEmpty();
        long barMs = bars.get(0).timeframe().millis();
        int h = MetaReplay.config(bars.get(0).timeframe()).horizonBars;
        for (MetaReplay.Row r : full.rows()) {
            WinQuery q = r.query();
            assertThat(r.exitMs()).isGreaterThan(r.entryMs());
            assertThat(q.timeMs()).isEqualTo(r.entryMs());
            assertThat(r.fromClassifier()).isFalse();
            assertThat(r.label()).isEqualTo(independentLabel(r, barMs, h));
        }

        // truncating the future changes nothing that was known before the cut: same queries, same labels
        List<Bar> head = bars.subList(0, 2000);
        long headEnd = head.get(head.size() - 1).openTimeMs() + barMs;
        MetaReplay.Result truncated = replay(head);
        List<MetaReplay.Row> known = full.rows().stream().filter(r -> r.exitMs() <= headEnd).toList();
        assertThat(truncated.rows()).isEqualTo(known);
    }

    @Test
    void everySymbolIsSizedWithItsOwnSpecificationInUsd() {
        long t = 1_700_000_000_000L;
        Bar eurusd = new Bar("EURUSD", Timeframe.H1, t, 1.1, 1.1, 1.1, 1.1, 0, 0);
        Bar gold = new Bar("XAUUSD", Timeframe.H1, t, 2000, 2000, 2000, 2000, 0, 0);
        Bar usdjpy = new Bar("USDJPY", Timeframe.H1, t, 150, 150, 150, 150, 0, 0);
        Bar eurjpy = new Bar("EURJPY", Timeframe.H1, t, 160, 160, 160, 160, 0, 0);
        List<SymbolSpec> specs = MetaReplay.specs(List.of(List.of(eurusd), List.of(gold), List.of(eurjpy), List.of(usdjpy)));
        assertThat(specs).extracting(SymbolSpec::symbol).containsExactly("EURUSD", "XAUUSD", "EURJPY", "USDJPY");
        assertThat(specs.get(0).tickValue()).isCloseTo(1.0, within(1e-9));          // 0.00001 × 100,000 USD
        assertThat(specs.get(1).contractSize()).as("gold is 100 oz a lot, not EURUSD's 100,000").isEqualTo(100);
        // 0.001 JPY × 100,000 = 100 JPY a tick, at USDJPY 150 of the first bar
        assertThat(specs.get(2).tickValue()).isCloseTo(100 / 150.0, within(1e-9));

        assertThatThrownBy(() -> MetaReplay.specs(List.of(List.of(eurjpy))))
                .hasMessageContaining("EURJPY").hasMessageContaining("USDJPY");
        Bar unknown = new Bar("FOOBAR", Timeframe.H1, t, 1, 1, 1, 1, 0, 0);
        assertThatThrownBy(() -> MetaReplay.specs(List.of(List.of(unknown))))
                .hasMessageContaining("no instrument specification for FOOBAR");
    }

    /** TpSlLabeler's rule written out again: entry at the query bar's close, σ_H from the 60 bars up to it. */
    private static int independentLabel(MetaReplay.Row r, long barMs, int h) {
        int t = 0;
        while (bars.get(t).openTimeMs() + barMs != r.entryMs()) t++;
        TpSlFeatures f = new TpSlFeatures();
        for (int i = Math.max(0, t - TpSlFeatures.LOOKBACK - 5); i <= t; i++) f.onBar(bars.get(i));
        double sigmaH = f.sigma1(TpSlFeatures.LOOKBACK) * Math.sqrt(h);
        int side = r.query().direction();
        double c = bars.get(t).close();
        double tp = c * Math.exp(side * r.query().tp1Sigma() * sigmaH), sl = c * Math.exp(-side * r.query().slSigma() * sigmaH);
        for (int j = t + 1; j <= t + h; j++) {
            Bar n = bars.get(j);
            if (side > 0 ? n.low() <= sl : n.high() >= sl) return 0;
            if (side > 0 ? n.high() >= tp : n.low() <= tp) {
                assertThat(n.openTimeMs() + barMs).isEqualTo(r.exitMs());
                return 1;
            }
        }
        throw new AssertionError("row at " + r.entryMs() + " has a label but no bar within " + h + " bars hit TP or SL");
    }
}
