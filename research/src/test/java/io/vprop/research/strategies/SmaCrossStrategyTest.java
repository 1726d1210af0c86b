package io.vprop.research.strategies;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.backtest.BacktestConfig;
import io.vprop.research.backtest.Backtester;
import io.vprop.research.backtest.BarPath;
import io.vprop.research.backtest.MarketFeed;
import io.vprop.research.backtest.SpreadModel;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The SMA crossover on hand-made H1 bars: the cross, the stop, the size and the cost worked out by hand. */
class SmaCrossStrategyTest {
    static final long T0 = Instant.parse("2024-03-05T08:00:00Z").toEpochMilli();
    static final long H = 3_600_000L;

    static Bar bar(int i, double o, double h, double l, double c) {
        return new Bar("EURUSD", Timeframe.H1, T0 + i * H, o, h, l, c, 0, 0);
    }

    static BarSource of(List<Bar> bars) {
        Iterator<Bar> it = bars.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    @Test
    void buysTheCloseOfTheCrossWithAStopOfOneAtrAndRisksHalfAPercent() {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 5; i++) bars.add(bar(i, 1.1000, 1.1005, 1.0995, 1.1000));   // flat: true range 0.0010
        bars.add(bar(5, 1.1000, 1.1025, 1.0995, 1.1020));  // closes up: SMA(2) 1.1010 > SMA(4) 1.1005, true range 0.0030
        bars.add(bar(6, 1.1020, 1.1022, 1.0990, 1.0995));  // falls through the stop
        bars.add(bar(7, 1.0995, 1.1000, 1.0990, 1.0995));  // SMA(2) 1.0995 < SMA(4) 1.10025: sell
        SymbolSpec eurusd = InstrumentTable.builtIn().get("EURUSD").toSymbolSpec(1.0);
        BacktestConfig c = BacktestConfig.defaults(List.of(eurusd), 100_000).withBars(BarPath.OHLC, SpreadModel.fixed(10));
        SmaCrossStrategy s = new SmaCrossStrategy(Map.of("fast", 2.0, "slow", 4.0, "atr", 2.0, "stop_atr", 1.0, "risk_pct", 0.5));
        BacktestResult r = new Backtester(c).run(s, MarketFeed.bars(List.of(of(bars)), c.specs(), BarPath.OHLC,
                SpreadModel.fixed(10), Long.MIN_VALUE, Long.MAX_VALUE));

        assertThat(r.trades()).hasSize(2);
        BacktestTrade t = r.trades().get(0);
        assertThat(t.side()).isEqualTo(Side.BUY);
        assertThat(t.openMs()).as("at bar 5's close quote").isEqualTo(T0 + 6 * H - 1);
        assertThat(t.entryPrice()).as("the ask: 1.1020 + 10 points").isEqualTo(1.1021);
        // ATR(2) = (0.0010 + 0.0030) / 2 = 0.0020; stop = bid 1.1020 − 0.0020 = 1.1000; loss per lot with the spread:
        // (0.0020 + 0.0001) × 100,000 = 210 USD; 0.5 % of 100,000 = 500 USD → 2.38 lots
        assertThat(t.lots()).isEqualTo(2.38);
        assertThat(t.exitReason()).isEqualTo("sl");
        assertThat(t.exitPrice()).isEqualTo(1.1000);
        // (1.1000 − 1.1021) × 238,000 = −499.80, commission 2 × 2.38 × 3.50 = 16.66
        assertThat(t.commission()).isEqualTo(-16.66, within(1e-9));
        assertThat(t.pnl()).isEqualTo(-516.46, within(1e-9));
        assertThat(t.riskMoney()).isEqualTo(499.80, within(1e-9));
        assertThat(t.alpha()).isEqualTo("sma_cross");
        assertThat(t.timeframe()).isEqualTo("H1");
        assertThat(t.regime()).as("ATR(2) 0.0020 above ATR(8) 0.00143").isEqualTo("vol_expanding");
        // the cross down at bar 7's close: ATR(2) = (0.0032 + 0.0010) / 2 = 0.0021, 220 USD a lot at the stop with the
        // spread; 0.5 % of the equity 99,483.54 = 497.42 USD → 2.26 lots sold at the bid, closed at the end of the data
        BacktestTrade sell = r.trades().get(1);
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.openMs()).isEqualTo(T0 + 8 * H - 1);
        assertThat(sell.lots()).isEqualTo(2.26);
        assertThat(sell.entryPrice()).isEqualTo(1.0995);
        assertThat(sell.exitReason()).isEqualTo("end_of_data");
    }

    @Test
    void unknownOrBadParametersAreErrorsNamingThem() {
        assertThatThrownBy(() -> new SmaCrossStrategy(Map.of("fast", 10.0, "slowest", 50.0)))
                .hasMessageContaining("no parameter 'slowest'").hasMessageContaining("[fast, slow, stop_atr, atr, risk_pct, tp_r]");
        assertThatThrownBy(() -> new SmaCrossStrategy(Map.of("fast", 10.5))).hasMessageContaining("fast must be a whole number");
        assertThatThrownBy(() -> new SmaCrossStrategy(Map.of("fast", 30.0, "slow", 30.0))).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new SmaCrossStrategy(Map.of("risk_pct", 0.0))).hasMessageContaining("risk_pct");
    }
}
