package io.vprop.protocol;

import io.vprop.market.Bar;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.testing.RepoPaths;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderKind;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderType;
import io.vprop.trade.PendingOrder;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden vectors as domain types: words become enums, broker server time becomes UTC with the hello's offset
 * (the vectors' terminal runs at UTC+2, server_offset_s 7200), and every mapping goes back to the same payload.
 */
class TradeMessagesTest {
    private static final Path VALID = RepoPaths.root().resolve("protocol/vectors/valid");
    private static final long OFFSET_MS = 7_200_000;
    private final ProtocolCodec codec = new ProtocolCodec();

    private Payload vector(String name) throws Exception {
        return codec.decode(Files.readAllBytes(VALID.resolve(name + ".json"))).payload();
    }

    @Test
    void theHelloOfTheVectorsSetsTheirServerOffset() throws Exception {
        assertThat(((Payload.Hello) vector("hello")).serverOffsetS() * 1000L).isEqualTo(OFFSET_MS);
    }

    @Test
    void restingPendingOrdersBecomeDomainOrdersWithUtcExpiryAndBack() throws Exception {
        Payload.Account wire = (Payload.Account) vector("account_orders");
        AccountState a = TradeMessages.toAccount(wire, OFFSET_MS);
        assertThat(a.orders()).containsExactly(
                new PendingOrder(80002, "EURUSD", OrderType.BUY_LIMIT, 0.5, 1.083, 1.082, 1.085, 1_700_003_600_000L, "sig-000002"),
                new PendingOrder(80003, "GBPUSD", OrderType.SELL_STOP, 1.0, 1.25, 1.255, 0, 0, ""));  // 0 = no expiry, not shifted
        assertThat(a.orders().get(0).side()).isEqualTo(Side.BUY);
        assertThat(TradeMessages.toPayload(a, OFFSET_MS)).isEqualTo(wire);
        assertThat(TradeMessages.toAccount((Payload.Account) vector("account"), OFFSET_MS).orders()).isEmpty();
    }

    @Test
    void aPendingSignalCarriesItsOrderTypeBothWaysAndAnOrderMessageItsOrder() throws Exception {
        Payload.Signal wire = (Payload.Signal) vector("signal_pending");
        OrderIntent i = TradeMessages.toIntent(wire);
        assertThat(i.type()).isEqualTo(OrderType.BUY_LIMIT);
        assertThat(i.price()).isEqualTo(1.083);
        assertThat(TradeMessages.toSignal("sig-000002", i)).isEqualTo(wire);
        assertThat(TradeMessages.toIntent((Payload.Signal) vector("signal")).type()).isEqualTo(OrderType.MARKET);

        Payload.Order order = (Payload.Order) vector("order");
        PendingOrder o = TradeMessages.toPendingOrder(order, OFFSET_MS);
        assertThat(o).isEqualTo(new PendingOrder(80002, "EURUSD", OrderType.BUY_LIMIT, 0.5, 1.083, 1.082, 1.085,
                1_700_003_600_000L, "sig-000002"));
        assertThat(TradeMessages.toPayload(o, "placed", "", 1_700_000_002_100L, OFFSET_MS)).isEqualTo(order);
    }

    @Test
    void aFillBecomesADomainFillInUtcAndBack() throws Exception {
        Payload.Fill wire = (Payload.Fill) vector("fill");
        Fill f = TradeMessages.toFill(wire, OFFSET_MS);
        assertThat(f).isEqualTo(new Fill(70001, 80001, 90001, "sig-000001", "EURUSD", Side.BUY, FillEntry.IN, 1.08524, 1.0,
                -3.0, 0.0, 0.0, 1_700_000_000_390L, "expert"));
        assertThat(f.opens()).isTrue();
        assertThat(TradeMessages.toPayload(f, OFFSET_MS)).isEqualTo(wire);
    }

    @Test
    void anAccountSnapshotBecomesAnAccountStateWithUtcOpenTimesAndBack() throws Exception {
        Payload.Account wire = (Payload.Account) vector("account");
        AccountState a = TradeMessages.toAccount(wire, OFFSET_MS);
        assertThat(a.balance()).isEqualTo(100_000.0);
        assertThat(a.equity()).isEqualTo(99_987.5);
        assertThat(a.margin()).isEqualTo(1085.12);
        assertThat(a.freeMargin()).isEqualTo(98_902.38);
        assertThat(a.positions()).containsExactly(new Position(90001, "EURUSD", Side.BUY, 1.0, 1.08524, 1.08424, 1.08764,
                -12.0, 0.0, -0.5, 1_700_000_000_300L, "sig-000001"));
        assertThat(TradeMessages.toPayload(a, OFFSET_MS)).isEqualTo(wire);
    }

    @Test
    void signalAcksBecomeOrderUpdatesWithTheirRuleAndBack() throws Exception {
        for (String name : new String[]{"signal_ack", "signal_ack_rejected"}) {
            Payload.SignalAck wire = (Payload.SignalAck) vector(name);
            OrderUpdate u = TradeMessages.toOrderUpdate(wire);
            assertThat(u.status().wire()).isEqualTo(wire.status());
            assertThat(TradeMessages.toPayload(u)).isEqualTo(wire);
        }
        OrderUpdate rejected = TradeMessages.toOrderUpdate((Payload.SignalAck) vector("signal_ack_rejected"));
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.rule()).isEqualTo("daily_loss.buffer");
    }

    @Test
    void anOrderIntentGoesOutAsTheSignalOfItsIdAndComesBackTheSame() throws Exception {
        Payload.Signal open = (Payload.Signal) vector("signal");
        OrderIntent intent = TradeMessages.toIntent(open);
        assertThat(intent).isEqualTo(OrderIntent.open("EURUSD", Side.BUY, 1.0, 1.08524, 0.0002, 1.08424, 1.08674, 1.08764,
                1_700_000_005_150L, "momentum", "normal_trend", 0.62, "EMA slope up, grade A"));
        assertThat(TradeMessages.toSignal("sig-000001", intent)).isEqualTo(open);

        Payload.Signal close = (Payload.Signal) vector("signal_close");
        OrderIntent closing = TradeMessages.toIntent(close);
        assertThat(closing.kind()).isEqualTo(OrderKind.CLOSE);
        assertThat(closing.side()).isEqualTo(Side.SELL);
        assertThat(closing.position()).isEqualTo(90001);
        assertThat(TradeMessages.toSignal("sig-000002", closing)).isEqualTo(close);
    }

    @Test
    void ticksAndBarsAreStampedInUtc() throws Exception {
        Payload.Tick t = (Payload.Tick) vector("tick");
        Tick tick = TradeMessages.toTick(t, OFFSET_MS);
        assertThat(tick).isEqualTo(new Tick(t.symbol(), t.timeMsc() - OFFSET_MS, t.bid(), t.ask(), t.last(), t.volume(), t.flags()));

        Payload.Bar b = (Payload.Bar) vector("bar");
        Bar bar = TradeMessages.toBar(b, OFFSET_MS);
        assertThat(bar.timeframe()).isEqualTo(Timeframe.parse(b.timeframe()));
        assertThat(bar.openTimeMs()).isEqualTo(b.timeMsc() - OFFSET_MS);
        assertThat(new double[]{bar.open(), bar.high(), bar.low(), bar.close()})
                .containsExactly(b.open(), b.high(), b.low(), b.close());
        assertThat(bar.tickVolume()).isEqualTo(b.tickVolume());
        assertThat(bar.spread()).isEqualTo(b.spread());
    }
}
