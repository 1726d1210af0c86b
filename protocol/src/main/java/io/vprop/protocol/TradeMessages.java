package io.vprop.protocol;

import io.vprop.market.Bar;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
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

import java.util.ArrayList;
import java.util.List;

/**
 * The one place where protocol payloads become the domain's types (io.vprop.market, io.vprop.trade) and back:
 * wire words become enums, and broker server time ({@code time_msc}) becomes UTC with the terminal's
 * {@code server_offset_s} from its hello ({@code utc = time_msc − offset}). Everything past the protocol edge —
 * strategies, the risk engine, the governors — sees only domain types.
 *
 * <p>Payloads reaching here were validated by {@link ProtocolCodec}, so a bad word is a bug, not a peer's error.
 */
public final class TradeMessages {
    private TradeMessages() { }

    // ------------------------------------------------------------------ terminal → sidecar

    public static Tick toTick(Payload.Tick t, long serverOffsetMs) {
        return new Tick(t.symbol(), t.timeMsc() - serverOffsetMs, t.bid(), t.ask(), t.last(), t.volume(), t.flags());
    }

    public static Bar toBar(Payload.Bar b, long serverOffsetMs) {
        return new Bar(b.symbol(), Timeframe.parse(b.timeframe()), b.timeMsc() - serverOffsetMs, b.open(), b.high(),
                b.low(), b.close(), b.tickVolume(), b.spread());
    }

    public static AccountState toAccount(Payload.Account a, long serverOffsetMs) {
        List<Position> positions = new ArrayList<>(a.positions().size());
        for (Payload.PositionInfo p : a.positions()) positions.add(toPosition(p, serverOffsetMs));
        List<PendingOrder> orders = new ArrayList<>(a.orders().size());
        for (Payload.PendingInfo o : a.orders()) orders.add(toPendingOrder(o, serverOffsetMs));
        return new AccountState(a.balance(), a.equity(), a.margin(), a.freeMargin(), positions, orders);
    }

    /** A resting order of {@code account.orders}; its expiry (server time, 0 = none) becomes UTC. */
    public static PendingOrder toPendingOrder(Payload.PendingInfo o, long serverOffsetMs) {
        return new PendingOrder(o.ticket(), o.symbol(), OrderType.parse(o.type()), o.volume(), o.price(), o.sl(), o.tp(),
                o.expiryMsc() == 0 ? 0 : o.expiryMsc() - serverOffsetMs, o.signalId());
    }

    /** The order an {@code order} message describes, as it stands after the step. */
    public static PendingOrder toPendingOrder(Payload.Order o, long serverOffsetMs) {
        return new PendingOrder(o.ticket(), o.symbol(), OrderType.parse(o.type()), o.volume(), o.price(), o.sl(), o.tp(),
                o.expiryMsc() == 0 ? 0 : o.expiryMsc() - serverOffsetMs, o.signalId());
    }

    /** The {@code order} message for a step ({@code state}: placed, modified, ...) in {@code o}'s life at {@code timeMs} UTC. */
    public static Payload.Order toPayload(PendingOrder o, String state, String reason, long timeMs, long serverOffsetMs) {
        return new Payload.Order(o.ticket(), state, o.symbol(), o.type().wire(), o.volume(), o.price(), o.sl(), o.tp(),
                o.expiryMs() == 0 ? 0 : o.expiryMs() + serverOffsetMs, o.signalId(), reason, timeMs + serverOffsetMs);
    }

    public static Position toPosition(Payload.PositionInfo p, long serverOffsetMs) {
        return new Position(p.ticket(), p.symbol(), Side.parse(p.side()), p.volume(), p.priceOpen(), p.sl(), p.tp(),
                p.profit(), p.swap(), p.commission(), p.timeMsc() - serverOffsetMs, p.signalId());
    }

    public static Fill toFill(Payload.Fill f, long serverOffsetMs) {
        return new Fill(f.deal(), f.order(), f.position(), f.signalId(), f.symbol(), Side.parse(f.side()),
                FillEntry.parse(f.entry()), f.price(), f.volume(), f.commission(), f.swap(), f.profit(),
                f.timeMsc() - serverOffsetMs, f.reason());
    }

    public static OrderUpdate toOrderUpdate(Payload.SignalAck a) {
        return new OrderUpdate(a.signalId(), OrderStatus.parse(a.status()), a.rule(), a.reason(), a.ticket(), a.price());
    }

    // ------------------------------------------------------------------ sidecar → terminal

    /** The {@code signal} that carries {@code intent} under the id the kernel gave it. */
    public static Payload.Signal toSignal(String id, OrderIntent i) {
        return new Payload.Signal(id, i.kind().wire(), i.symbol(), i.side().wire(), i.lots(), i.price(), i.maxDeviation(),
                i.sl(), i.tp1(), i.tp2(), i.expiryMs(), i.alpha(), i.regime(), i.confidence(), i.reason(), i.position(),
                i.type().wire());
    }

    // ------------------------------------------------------------------ the terminal's side of the same mapping

    /** What a received {@code signal} asks for (its id aside). */
    public static OrderIntent toIntent(Payload.Signal s) {
        return new OrderIntent(OrderKind.parse(s.kind()), s.symbol(), Side.parse(s.side()), s.lots(), s.price(),
                s.maxDeviation(), s.sl(), s.tp1(), s.tp2(), s.expiryMs(), s.alpha(), s.regime(), s.confidence(),
                s.reason(), s.position(), OrderType.parse(s.orderType()));
    }

    public static Payload.Account toPayload(AccountState a, long serverOffsetMs) {
        List<Payload.PositionInfo> positions = new ArrayList<>(a.positions().size());
        for (Position p : a.positions())
            positions.add(new Payload.PositionInfo(p.ticket(), p.symbol(), p.side().wire(), p.volume(), p.openPrice(),
                    p.sl(), p.tp(), p.profit(), p.swap(), p.commission(), p.openTimeMs() + serverOffsetMs, p.signalId()));
        List<Payload.PendingInfo> orders = new ArrayList<>(a.orders().size());
        for (PendingOrder o : a.orders())
            orders.add(new Payload.PendingInfo(o.ticket(), o.symbol(), o.type().wire(), o.volume(), o.price(), o.sl(), o.tp(),
                    o.expiryMs() == 0 ? 0 : o.expiryMs() + serverOffsetMs, o.signalId()));
        return new Payload.Account(a.balance(), a.equity(), a.margin(), a.freeMargin(), positions, orders);
    }

    public static Payload.Fill toPayload(Fill f, long serverOffsetMs) {
        return new Payload.Fill(f.deal(), f.order(), f.position(), f.signalId(), f.symbol(), f.side().wire(),
                f.entry().wire(), f.price(), f.volume(), f.commission(), f.swap(), f.profit(), f.timeMs() + serverOffsetMs,
                f.reason());
    }

    public static Payload.SignalAck toPayload(OrderUpdate u) {
        return new Payload.SignalAck(u.signalId(), u.status().wire(), u.rule(), u.reason(), u.ticket(), u.price());
    }
}
