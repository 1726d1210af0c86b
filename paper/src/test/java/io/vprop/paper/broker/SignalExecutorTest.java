package io.vprop.paper.broker;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The EA's handling of a signal on the simulated trade server, with hand-computed numbers: EURUSD, 1.0 lot = 100,000
 * EUR, so 1.0 lot earns 1 USD per point (0.00001) and 0.10 lot 0.10 USD; no commission unless stated.
 */
class SignalExecutorTest {
    private static final SymbolSpec EURUSD = SymbolSpec.fxMajor("EURUSD");
    private static final long T0 = 1_700_000_000_000L;
    private final List<String> warnings = new ArrayList<>();

    private static Tick tick(long t, double bid, double ask) { return new Tick("EURUSD", t, bid, ask, 0, 0, 6); }

    private static OrderIntent buy(double lots, double price, double sl, double tp1, double tp2, long expiry) {
        return OrderIntent.open("EURUSD", Side.BUY, lots, price, 0.0002, sl, tp1, tp2, expiry, "test", "", 0.5, "test");
    }

    private SignalExecutor executor(BrokerConfig config, boolean breakEven) {
        return new SignalExecutor(new PaperBroker(config), breakEven, warnings::add);
    }

    private static BrokerConfig usd() { return BrokerConfig.usd(100_000, 100, AccountMode.HEDGING, List.of(EURUSD)); }

    @Test
    void tp1ClosesHalfAtTp1ThenTheStopMovesToTheEntryAndTheRestClosesThere() {
        SignalExecutor x = executor(usd(), true);
        x.onTick(tick(T0, 1.10000, 1.10010));
        SignalExecutor.Outcome open = x.execute("s1", buy(0.10, 1.10010, 1.09900, 1.10100, 1.10200, T0 + 30_000), T0,
                SignalExecutor.Gate.NONE);
        assertThat(open.update().status()).isEqualTo(OrderStatus.EXECUTED);
        assertThat(open.update().price()).isEqualTo(1.10010);
        assertThat(open.deals()).singleElement().satisfies(d -> {
            assertThat(d.entry()).isEqualTo(FillEntry.IN);
            assertThat(d.volume()).isEqualTo(0.10);
        });
        long ticket = open.update().ticket();
        Position p = x.broker().snapshot().positions().get(0);
        assertThat(p.tp()).as("the broker holds TP2; TP1 is the EA's").isEqualTo(1.10200);
        assertThat(x.tp1Of(ticket)).isEqualTo(1.10100);

        assertThat(x.onTick(tick(T0 + 1_000, 1.10099, 1.10109))).as("one point short of TP1").isEmpty();
        List<Deal> partial = x.onTick(tick(T0 + 2_000, 1.10100, 1.10110));
        assertThat(partial).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DealReason.TP1_PARTIAL);
            assertThat(d.volume()).isEqualTo(0.05);
            assertThat(d.price()).isEqualTo(1.10100);
            assertThat(d.profit()).as("90 points × 0.05 USD per point").isCloseTo(4.50, within(1e-9));
            assertThat(d.comment()).isEqualTo("s1");
        });
        assertThat(x.broker().snapshot().positions().get(0).sl()).as("break-even").isEqualTo(1.10010);
        assertThat(x.tp1Of(ticket)).as("taken once").isZero();
        assertThat(x.onTick(tick(T0 + 3_000, 1.10150, 1.10160))).as("no second partial").isEmpty();

        List<Deal> rest = x.onTick(tick(T0 + 4_000, 1.10010, 1.10020));
        assertThat(rest).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DealReason.SL);
            assertThat(d.volume()).isEqualTo(0.05);
            assertThat(d.profit()).isZero();
        });
        assertThat(x.broker().balance()).isEqualTo(100_004.50);
    }

    @Test
    void withoutBreakEvenTheStopStaysWhereTheSignalPutIt() {
        SignalExecutor x = executor(usd(), false);
        x.onTick(tick(T0, 1.10000, 1.10010));
        x.execute("s1", buy(0.10, 1.10010, 1.09900, 1.10100, 1.10200, T0 + 30_000), T0, SignalExecutor.Gate.NONE);
        x.onTick(tick(T0 + 1_000, 1.10100, 1.10110));
        assertThat(x.onTick(tick(T0 + 2_000, 1.10010, 1.10020))).isEmpty();
        assertThat(x.broker().snapshot().positions().get(0).sl()).isEqualTo(1.09900);
    }

    @Test
    void aPositionTooSmallToHalveGetsNoTp1() {
        SignalExecutor x = executor(usd(), true);
        x.onTick(tick(T0, 1.10000, 1.10010));
        SignalExecutor.Outcome o = x.execute("s1", buy(0.01, 1.10010, 1.09900, 1.10100, 1.10200, T0 + 30_000), T0,
                SignalExecutor.Gate.NONE);
        assertThat(x.tp1Of(o.update().ticket())).isZero();
        assertThat(x.onTick(tick(T0 + 1_000, 1.10100, 1.10110))).isEmpty();
    }

    @Test
    void refusalsCarryTheirRuleAndLeaveTheBrokerAlone() {
        SignalExecutor x = executor(usd(), true);
        OrderIntent order = buy(0.10, 1.10010, 1.09900, 1.10100, 1.10200, T0 + 30_000);
        assertThat(x.execute("a", order, T0, SignalExecutor.Gate.NONE).update().rule()).isEqualTo("market.no_quote");
        x.onTick(tick(T0, 1.10000, 1.10010));
        assertThat(x.execute("b", order, T0 + 30_005, SignalExecutor.Gate.NONE).update().reason())
                .isEqualTo("expired 5 ms ago");
        Tick[] seen = new Tick[1];
        SignalExecutor.Outcome gated = x.execute("c", order, T0, (o, q) -> {
            seen[0] = q;
            return new SignalExecutor.Refusal("failsafe.sidecar_stale", "sidecar silent");
        });
        assertThat(gated.update().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(gated.update().rule()).isEqualTo("failsafe.sidecar_stale");
        assertThat(seen[0].ask()).as("the gate sees the quote").isEqualTo(1.10010);
        x.onTick(tick(T0 + 1, 1.10030, 1.10040));
        assertThat(x.execute("d", order, T0 + 1, SignalExecutor.Gate.NONE).update().rule())
                .as("30 points from the signal's price, 20 allowed").isEqualTo("execution.off_price");
        assertThat(x.execute("e", OrderIntent.close("EURUSD", Side.SELL, 0, T0 + 30_000, "exit"), T0 + 1,
                SignalExecutor.Gate.NONE).update().rule()).isEqualTo("execution.no_position");
        assertThat(x.broker().snapshot().positions()).isEmpty();
    }

    @Test
    void aCloseSignalClosesItsPositionAndFlatteningLabelsTheDeals() {
        SignalExecutor x = executor(usd().withCommission(3.5), true);
        x.onTick(tick(T0, 1.10000, 1.10010));
        long first = x.execute("s1", buy(0.10, 1.10010, 1.09900, 0, 0, T0 + 30_000), T0, SignalExecutor.Gate.NONE).update().ticket();
        x.execute("s2", buy(0.20, 1.10010, 1.09900, 0, 0, T0 + 30_000), T0, SignalExecutor.Gate.NONE);
        x.onTick(tick(T0 + 1_000, 1.10050, 1.10060));
        SignalExecutor.Outcome closed = x.execute("c1", OrderIntent.close("EURUSD", Side.SELL, first, T0 + 31_000, "exit"),
                T0 + 1_000, SignalExecutor.Gate.NONE);
        assertThat(closed.update().ticket()).isEqualTo(first);
        assertThat(closed.deals()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DealReason.EXPERT);
            assertThat(d.profit()).as("40 points × 0.10 USD per point").isCloseTo(4.00, within(1e-9));
            assertThat(d.commission()).isEqualTo(-0.35);
        });
        List<Deal> flat = x.closeAll(T0 + 1_000, DealReason.GOVERNOR);
        assertThat(flat).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DealReason.GOVERNOR);
            assertThat(d.volume()).isEqualTo(0.20);
            assertThat(d.comment()).as("the position's signal id").isEqualTo("s2");
        });
        assertThat(x.broker().snapshot().positions()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aDelayedFillIsReportedOnceAndGetsItsTp1Plan() {
        SignalExecutor x = executor(usd().withLatency(100), true);
        x.onTick(tick(T0, 1.10000, 1.10010));
        SignalExecutor.Outcome placed = x.execute("s1", buy(0.10, 1.10010, 1.09900, 1.10100, 1.10200, T0 + 30_000), T0,
                SignalExecutor.Gate.NONE);
        assertThat(placed.update().status()).isEqualTo(OrderStatus.EXECUTED);
        assertThat(placed.update().ticket()).as("placed: the position comes with the fill").isZero();
        assertThat(placed.deals()).isEmpty();
        assertThat(x.onTick(tick(T0 + 50, 1.10001, 1.10011))).as("before the latency").isEmpty();
        List<Deal> fill = x.onTick(tick(T0 + 100, 1.10002, 1.10012));
        assertThat(fill).singleElement().satisfies(d -> assertThat(d.price()).isEqualTo(1.10012));
        assertThat(x.tp1Of(fill.get(0).position())).isEqualTo(1.10100);
        assertThat(x.onTick(tick(T0 + 200, 1.10003, 1.10013))).as("reported once").isEmpty();
    }

    @Test
    void eachPositionKeepsItsOwnTp1PlanUntilItsTp1IsTakenAndANettingAddReplacesThePlan() {
        SignalExecutor x = executor(usd(), true);
        x.onTick(tick(T0, 1.10000, 1.10010));
        long first = x.execute("s1", buy(0.10, 1.10010, 1.09900, 1.10100, 1.10200, T0 + 30_000), T0, SignalExecutor.Gate.NONE).update().ticket();
        long second = x.execute("s2", buy(0.20, 1.10010, 1.09900, 1.10150, 1.10300, T0 + 30_000), T0, SignalExecutor.Gate.NONE).update().ticket();
        assertThat(first).isNotEqualTo(second);
        assertThat(x.tp1Of(first)).isEqualTo(1.10100);
        assertThat(x.tp1Of(second)).isEqualTo(1.10150);
        assertThat(x.tp1Of(first + second + 1)).as("no such position").isZero();
        List<Deal> partial = x.onTick(tick(T0 + 1_000, 1.10100, 1.10110));
        assertThat(partial).singleElement().satisfies(d -> assertThat(d.position()).isEqualTo(first));
        assertThat(x.tp1Of(first)).isZero();
        assertThat(x.tp1Of(second)).as("the other plan stays").isEqualTo(1.10150);
        assertThat(x.onTick(tick(T0 + 2_000, 1.10150, 1.10160))).singleElement().satisfies(d -> {
            assertThat(d.position()).isEqualTo(second);
            assertThat(d.volume()).isEqualTo(0.10);
        });

        SignalExecutor net = executor(BrokerConfig.usd(100_000, 100, AccountMode.NETTING, List.of(EURUSD)), true);
        net.onTick(tick(T0, 1.10000, 1.10010));
        long ticket = net.execute("n1", buy(0.10, 1.10010, 1.09900, 1.10100, 1.10200, T0 + 30_000), T0, SignalExecutor.Gate.NONE).update().ticket();
        long again = net.execute("n2", buy(0.20, 1.10010, 1.09900, 1.10150, 1.10300, T0 + 30_000), T0, SignalExecutor.Gate.NONE).update().ticket();
        assertThat(again).as("netting: one position").isEqualTo(ticket);
        assertThat(net.tp1Of(ticket)).as("the later plan").isEqualTo(1.10150);
        assertThat(net.onTick(tick(T0 + 1_000, 1.10100, 1.10110))).as("the first plan's TP1 is gone").isEmpty();
        assertThat(net.onTick(tick(T0 + 2_000, 1.10150, 1.10160))).singleElement()
                .satisfies(d -> assertThat(d.volume()).as("half the later order").isEqualTo(0.10));
    }
}
