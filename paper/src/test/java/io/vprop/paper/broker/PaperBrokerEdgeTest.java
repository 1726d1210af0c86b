package io.vprop.paper.broker;

import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vprop.paper.broker.PaperBrokerTest.T0;
import static io.vprop.paper.broker.PaperBrokerTest.buy;
import static io.vprop.paper.broker.PaperBrokerTest.close;
import static io.vprop.paper.broker.PaperBrokerTest.config;
import static io.vprop.paper.broker.PaperBrokerTest.eu;
import static io.vprop.paper.broker.PaperBrokerTest.sell;
import static org.assertj.core.api.Assertions.assertThat;

/** Sell-side triggers, netting partial closes and rejections that happen at a delayed fill. */
class PaperBrokerEdgeTest {

    @Test
    void sellStopLossTriggersOnTheAsk() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING));
        b.onTick(eu(T0, 1.10000, 1.10010));
        b.execute(sell(1.0, 1.10100, 0, T0));                             // short at 1.10000, SL 1.10100
        assertThat(b.onTick(eu(T0 + 1000, 1.10095, 1.10099))).isEmpty();    // bid above SL, ask not: no trigger
        List<Deal> d = b.onTick(eu(T0 + 2000, 1.10092, 1.10102));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.reason()).isEqualTo(DealReason.SL);
            assertThat(x.side()).isEqualTo(Side.BUY);
            assertThat(x.price()).isEqualTo(1.10102);
            assertThat(x.profit()).isEqualTo(-102.00);                       // (1.10000 − 1.10102) / 0.00001
        });
    }

    @Test
    void nettingOppositeOrderSmallerThanThePositionReducesIt() {
        PaperBroker b = new PaperBroker(config(AccountMode.NETTING).withCommission(2));
        b.onTick(eu(T0, 1.10000, 1.10010));
        long ticket = b.execute(sell(1.0, 0, 0, T0)).order();
        b.onTick(eu(T0 + 1000, 1.09900, 1.09910));
        Deal out = b.execute(buy(0.3, 0, 0, T0 + 1000)).deals().get(0);
        assertThat(out.entry()).isEqualTo(FillEntry.OUT);
        assertThat(out.position()).isEqualTo(ticket);
        assertThat(out.profit()).isEqualTo(27.00);                           // 0.3 × (1.10000 − 1.09910) / 0.00001
        assertThat(out.commission()).isEqualTo(-0.60);
        Position p = b.snapshot().positions().get(0);
        assertThat(p.volume()).isEqualTo(0.7);
        assertThat(p.side()).isEqualTo(Side.SELL);
        assertThat(b.snapshot().balance()).isEqualTo(10_000 - 2 + 27 - 0.6);
        // closing by ticket on a netting account works the same; more than the position is refused
        assertThat(b.execute(close(ticket, Side.BUY, 0.8, T0 + 1000)).retcode()).isEqualTo(Retcode.INVALID_VOLUME);
        assertThat(b.execute(close(ticket, Side.BUY, 0.7, T0 + 1000)).deals().get(0).entry()).isEqualTo(FillEntry.OUT);
        assertThat(b.snapshot().positions()).isEmpty();
    }

    @Test
    void aDelayedOrderIsCheckedAgainstItsFillTick() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING).withLatency(100));
        b.onTick(eu(T0, 1.10000, 1.10010));
        ExecutionResult placed = b.execute(new TradeRequest("EURUSD", Side.BUY, 1, 1.10010, 0.00005, 0, 0, 0, "s", T0));
        assertThat(placed.retcode()).isEqualTo(Retcode.PLACED);
        assertThat(b.onTick(eu(T0 + 100, 1.10020, 1.10030))).isEmpty();     // moved 2 points > 0.5 allowed
        ExecutionResult late = b.drainDelayedResults().get(0);
        assertThat(late.retcode()).isEqualTo(Retcode.REQUOTE);
        assertThat(late.order()).isEqualTo(placed.order());
        assertThat(b.snapshot().positions()).isEmpty();
        // a delayed order on another symbol's tick does not fill
        b.execute(buy(0.1, 0, 0, T0 + 100));
        assertThat(b.onTick(new Tick("USDJPY", T0 + 500, 150, 150.01, 0, 0, 6))).isEmpty();
        assertThat(b.onTick(eu(T0 + 600, 1.10020, 1.10030))).hasSize(1);
    }

    @Test
    void perSymbolSwapOverridesTheAccountRate() {
        PaperBroker b = new PaperBroker(config(AccountMode.HEDGING).withSwaps(-5, -5).withSymbolSwap("USDJPY", 12.5, -30));
        b.onTick(eu(T0, 1.10000, 1.10010));
        b.onTick(new Tick("USDJPY", T0, 150.000, 150.010, 0, 0, 6));
        b.execute(buy(2.0, 0, 0, T0));
        b.execute(new TradeRequest("USDJPY", Side.BUY, 2.0, 0, 0, 0, 0, 0, "", T0));
        b.onTick(eu(T0 + 12 * 3_600_000L, 1.10000, 1.10010));               // Tue 22:00, one rollover
        assertThat(b.snapshot().positions()).extracting(Position::swap).containsExactly(-10.0, 25.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config(AccountMode.HEDGING).withSymbolSwap("XAUUSD", 1, 1))
                .hasMessageContaining("XAUUSD");
    }

    @Test
    void snapshotBeforeAnyTickIsTheInitialBalance() {
        AccountState s = new PaperBroker(config(AccountMode.NETTING)).snapshot();
        assertThat(s.balance()).isEqualTo(10_000);
        assertThat(s.equity()).isEqualTo(10_000);
        assertThat(s.freeMargin()).isEqualTo(10_000);
        assertThat(s.positions()).isEmpty();
    }
}
