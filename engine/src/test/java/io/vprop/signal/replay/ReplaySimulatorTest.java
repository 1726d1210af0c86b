package io.vprop.signal.replay;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.io.MarketFiles;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.SignalPorts;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.Grade;
import io.vprop.testing.SharedData;
import io.vprop.trade.Side;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReplaySimulatorTest {
    static List<Tick> ticks = new ArrayList<>();
    static final List<SymbolSpec> SPECS = List.of(SymbolSpec.fxMajor("EURUSD"));

    @BeforeAll
    static void load() throws Exception {
        try (var in = MarketFiles.openTicks(SharedData.file("ticks/EURUSD_histdata_2020-01-30_2020-01-31.ticks.csv.gz"), "EURUSD")) { for (var t = in.next(); t != null; t = in.next()) ticks.add(t); }
    }

    static ReplayReport run() {
        SignalConfig cfg = SignalConfig.builder().timeframes(Timeframe.M1, Timeframe.M5).regimeTimeframe(Timeframe.M5)
                .minGrade(Grade.C).build(); // every sized setup trades: this test is about the accounting
        PropFirmRiskBudget risk = PropFirmRiskBudget.typical(100_000);
        SignalEngine engine = new SignalEngine(cfg, SPECS, SignalPorts.baseline(risk, EventSource.NONE), 100_000);
        ReplaySimulator sim = new ReplaySimulator(engine, risk, new SpreadSlippageFillModel(0.5, 7), SPECS, 100_000, 3_600_000L);
        for (Tick t : ticks) sim.feed(t);
        return sim.report(List.of("EURUSD"));
    }

    @Test
    void realTicksReplayEndToEndWithConsistentAccounting() {
        ReplayReport r = run();
        assertThat(r.ticks()).isEqualTo(99_308);
        // HistData EURUSD has no crossed or locked quotes
        assertThat(r.acceptedTicks()).isEqualTo(99_308);
        assertThat(r.closedTrades()).as("setups trade on real data").isPositive();
        double sum = r.tradeList().stream().mapToDouble(ReplayTrade::pnl).sum();
        assertThat(r.netPnl()).isCloseTo(sum, within(1e-6));
        assertThat(r.finalEquity()).isCloseTo(r.initialEquity() + r.netPnl(), within(1e-6));
        assertThat(r.commission()).isCloseTo(r.tradeList().stream().mapToDouble(ReplayTrade::commission).sum()
                + 0.0, within(1e-6 + 7 * 50)); // open trades at the end have paid commission but are not in the list
        assertThat(r.maxDrawdown()).isGreaterThanOrEqualTo(0);
        assertThat(r.skipRate()).isBetween(0.0, 1.0);
        assertThat(r.trades()).isGreaterThanOrEqualTo(r.closedTrades());
        for (ReplayTrade t : r.tradeList()) {
            assertThat(t.lots()).isGreaterThanOrEqualTo(0.01);
            assertThat(t.exitTimeMs()).isGreaterThanOrEqualTo(t.entryTimeMs());
            assertThat(t.exit()).isIn("SL", "BE", "TP1", "TP2", "TIME");
            if (t.exit().equals("SL")) assertThat(t.pnl()).isNegative();
        }
        ReplayReport again = run();
        assertThat(again.tradeList()).as("deterministic").isEqualTo(r.tradeList());
    }

    @Test
    void fillModelByHand() {
        SymbolSpec eu = SPECS.get(0);
        SpreadSlippageFillModel m = new SpreadSlippageFillModel(0.5, 7);
        TradeCandidate buy = new TradeCandidate("EURUSD", 0, Side.BUY, 1, 1.10010, 0.00005, 1.0995, 1.1010, 1.1020,
                5000, AlphaId.MOMENTUM, Timeframe.M5, Regime.NORMAL_TREND, 0.5, Grade.A, 0.2, 0.001, List.of("test"));
        assertThat(m.entryPrice(buy, eu, 100, 1.10000, 1.10012)).isCloseTo(1.100125, within(1e-12));
        assertThat(m.entryPrice(buy, eu, 100, 1.10010, 1.10020)).as("beyond max deviation").isNaN();
        assertThat(m.entryPrice(buy, eu, 5001, 1.10000, 1.10012)).as("expired").isNaN();
        assertThat(m.marketExitPrice(Side.BUY, eu, 1.0990, 1.0991)).isCloseTo(1.098995, within(1e-12));
        assertThat(m.marketExitPrice(Side.SELL, eu, 1.0990, 1.0991)).isCloseTo(1.099105, within(1e-12));
        assertThat(m.commission(2.5)).isEqualTo(17.5);
    }
}
