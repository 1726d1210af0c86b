package io.vprop.paper.broker;

import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderType;
import io.vprop.trade.PendingOrder;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vprop.paper.broker.InstrumentMoneyTest.T0;
import static io.vprop.paper.broker.InstrumentMoneyTest.broker;
import static io.vprop.paper.broker.InstrumentMoneyTest.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Limit and stop orders at the paper server (issue 17): as MT5 — buy orders trigger on the ask, sell orders on the bid. */
class PendingOrdersTest {
    private static TradeRequest request(Side side, double trigger, double sl, String signal, long time) {
        return new TradeRequest("EURUSD", side, 1.0, trigger, 0, sl, 0, 0, signal, time);
    }

    @Test
    void aBuyLimitRestsThenFillsWhenTheAskReachesItAsAPositionWithTheOrdersTicket() {
        PaperBroker b = broker("EURUSD");
        quote(b, "EURUSD", T0, 1.08500, 1.08510);
        ExecutionResult r = b.place(OrderType.BUY_LIMIT, request(Side.BUY, 1.08400, 1.08300, "sig-1", T0), T0 + 3_600_000);
        assertThat(r.retcode()).as(r.comment()).isEqualTo(Retcode.DONE);
        PendingOrder o = new PendingOrder(r.order(), "EURUSD", OrderType.BUY_LIMIT, 1.0, 1.08400, 1.08300, 0, T0 + 3_600_000, "sig-1");
        assertThat(b.restingOrders()).containsExactly(o);
        assertThat(b.snapshot().orders()).containsExactly(o);
        assertThat(b.snapshot().positions()).isEmpty();
        assertThat(b.drainOrderEvents()).containsExactly(new OrderEvent("placed", o, T0, ""));

        quote(b, "EURUSD", T0 + 1000, 1.08395, 1.08405);                  // the bid below the limit does not fill a buy
        assertThat(b.restingOrders()).hasSize(1);
        quote(b, "EURUSD", T0 + 2000, 1.08388, 1.08398);                  // the ask at or below 1.08400 does
        assertThat(b.restingOrders()).isEmpty();
        assertThat(b.snapshot().orders()).isEmpty();
        assertThat(b.snapshot().positions()).singleElement().satisfies(p -> {
            assertThat(p.ticket()).isEqualTo(r.order());
            assertThat(p.openPrice()).isEqualTo(1.08398);                 // the market price, better than the limit
            assertThat(p.sl()).isEqualTo(1.08300);
            assertThat(p.signalId()).isEqualTo("sig-1");
        });
        List<OrderEvent> events = b.drainOrderEvents();
        assertThat(events).extracting(OrderEvent::state).containsExactly("filled");
        assertThat(events.get(0).timeMs()).isEqualTo(T0 + 2000);
    }

    @Test
    void aSellStopTriggersOnTheBidAndExpiresUnfilledOtherwise() {
        PaperBroker b = broker("EURUSD");
        quote(b, "EURUSD", T0, 1.08500, 1.08510);
        ExecutionResult stop = b.place(OrderType.SELL_STOP, request(Side.SELL, 1.08450, 1.08550, "", T0), 0);
        ExecutionResult late = b.place(OrderType.SELL_STOP, request(Side.SELL, 1.08000, 1.08100, "", T0), T0 + 60_000);
        assertThat(stop.ok()).isTrue();
        assertThat(late.ok()).isTrue();
        b.drainOrderEvents();
        var deals = b.onTick(new io.vprop.market.Tick("EURUSD", T0 + 61_000, 1.08450, 1.08460, 0, 0, 6));
        assertThat(deals).singleElement().satisfies(d -> {
            assertThat(d.entry()).isEqualTo(FillEntry.IN);
            assertThat(d.position()).isEqualTo(stop.order());
            assertThat(d.price()).isEqualTo(1.08450);
        });
        assertThat(b.drainOrderEvents()).extracting(e -> e.state() + " " + e.order().ticket())
                .containsExactlyInAnyOrder("filled " + stop.order(), "expired " + late.order());
        assertThat(b.restingOrders()).isEmpty();
    }

    @Test
    void aTriggerOnTheWrongSideOrStopsThatDoNotFitAreRefusedAndCancelRemovesAnOrder() {
        PaperBroker b = broker("EURUSD");
        quote(b, "EURUSD", T0, 1.08500, 1.08510);
        assertThat(b.place(OrderType.BUY_STOP, request(Side.BUY, 1.08400, 1.08300, "", T0), 0).retcode()).isEqualTo(Retcode.INVALID_PRICE);
        assertThat(b.place(OrderType.BUY_LIMIT, request(Side.BUY, 1.08400, 1.08450, "", T0), 0).retcode()).isEqualTo(Retcode.INVALID_STOPS);
        assertThat(b.place(OrderType.SELL_LIMIT, request(Side.BUY, 1.08600, 0, "", T0), 0).retcode()).isEqualTo(Retcode.INVALID);
        assertThat(b.place(OrderType.BUY_LIMIT, request(Side.BUY, 1.08400, 0, "", T0), T0).retcode()).isEqualTo(Retcode.INVALID);
        ExecutionResult r = b.place(OrderType.SELL_LIMIT, request(Side.SELL, 1.08600, 1.08700, "", T0), 0);
        assertThat(b.cancel(r.order(), T0 + 5).ok()).isTrue();
        assertThat(b.cancel(r.order(), T0 + 6).ok()).isFalse();
        assertThat(b.restingOrders()).isEmpty();
        assertThat(b.drainOrderEvents()).extracting(OrderEvent::state).containsExactly("placed", "cancelled");
    }
}
