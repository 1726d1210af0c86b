package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * When a terminal tells a symbol's tick value (protocol §4c): EURGBP in a USD account moves with GBPUSD, EURUSD's is
 * 1.0 always. Every symbol after a welcome (once its value is known), then a symbol that moved more than 0.01 % since
 * last told, looked at on its own quotes once a second of market time at most.
 */
class TickValueReportsTest {
    private static final long T0 = 1_709_632_800_000L; // a Tuesday, 10:00 UTC
    private static final SymbolSpec GBPUSD = SymbolSpec.fxMajor("GBPUSD"), EURGBP = SymbolSpec.fxMajor("EURGBP"),
            EURUSD = SymbolSpec.fxMajor("EURUSD");

    private final PaperBroker broker = new PaperBroker(BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(GBPUSD, EURGBP, EURUSD)));
    private final TickValueReports reports = new TickValueReports(broker, List.of("GBPUSD", "EURUSD", "EURGBP", "XAUUSD"));
    private final List<String> told = new ArrayList<>();

    private void quote(String symbol, long t, double bid, double ask) {
        broker.onTick(new Tick(symbol, t, bid, ask, 0, 0, 6));
        reports.onQuote(symbol, t, (s, v) -> told.add(s.name() + "=" + Math.round(v * 1e6) / 1e6));
    }

    @Test
    void tellsEverySymbolAfterAWelcomeThenWhatMovedAtMostOnceASecond() {
        assertThat(reports.symbol("XAUUSD")).as("not traded by the broker: never told").isNull();
        assertThat(reports.symbol("EURGBP").index()).as("the constructor's order").isEqualTo(2);
        quote("EURGBP", T0, 0.85000, 0.85010);                     // GBPUSD unquoted: EURGBP's value is not known yet
        assertThat(told).as("the welcome's reports, in symbol order, of the values known").containsExactly("EURUSD=1.0", "GBPUSD=1.0");
        told.clear();
        quote("GBPUSD", T0 + 100, 1.26495, 1.26505);               // GBPUSD's own value stays 1.0
        quote("EURGBP", T0 + 200, 0.85000, 0.85010);               // looked at T0: not again within a second
        assertThat(told).isEmpty();
        quote("EURGBP", T0 + 1_000, 0.85000, 0.85010);             // a second later: known now, told
        assertThat(told).containsExactly("EURGBP=1.265");
        told.clear();
        quote("GBPUSD", T0 + 1_100, 1.26500, 1.26510);             // mid 1.26505: +0.004 %, below the threshold
        quote("EURGBP", T0 + 2_000, 0.85000, 0.85010);
        assertThat(told).isEmpty();
        quote("GBPUSD", T0 + 2_100, 1.26510, 1.26520);             // mid 1.26515: +0.012 % of the value told
        quote("EURGBP", T0 + 2_900, 0.85000, 0.85010);             // 0.9 s after its last look: not yet
        assertThat(told).isEmpty();
        quote("EURGBP", T0 + 3_000, 0.85000, 0.85010);
        assertThat(told).containsExactly("EURGBP=1.26515");
        told.clear();
        reports.welcomed();                                         // a reconnect: everything again, unchanged or not
        quote("EURUSD", T0 + 3_100, 1.08000, 1.08010);
        assertThat(told).containsExactly("EURGBP=1.26515", "EURUSD=1.0", "GBPUSD=1.0");
    }

    @Test
    void theSameQuotesTellTheSameValuesEveryTime() {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            PaperBroker b = new PaperBroker(BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(GBPUSD, EURGBP)));
            TickValueReports r = new TickValueReports(b, List.of("GBPUSD", "EURGBP"));
            TickValueReports.Symbol eurgbp = r.symbol("EURGBP"), gbpusd = r.symbol("GBPUSD");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long t = T0 + i * 700L;
                boolean cross = i % 2 == 0;
                double mid = cross ? 0.85 + i * 1e-5 : 1.265 + Math.sin(i / 7.0) * 0.002;
                b.onTick(new Tick(cross ? "EURGBP" : "GBPUSD", t, mid - 5e-5, mid + 5e-5, 0, 0, 6));
                r.onQuote(cross ? eurgbp : gbpusd, t, (s, v) -> out.add(t + " " + s.name() + "=" + v));
            }
            runs.add(out);
        }
        assertThat(runs.get(0)).hasSizeGreaterThan(10).isEqualTo(runs.get(1));
        // each value told differs from the one told before it for that symbol by more than 0.01 %
        double last = 0;
        for (String line : runs.get(0)) {
            if (!line.contains("EURGBP")) continue;
            double v = Double.parseDouble(line.substring(line.indexOf('=') + 1));
            if (last > 0) assertThat(Math.abs(v - last)).isGreaterThan(last * TickValueReports.MOVE);
            assertThat(v).isCloseTo(1.265, within(0.01));
            last = v;
        }
    }
}
