package io.vprop.analytics;

import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Side;

import java.time.Instant;

/** Small builders for deals in tests. */
final class Fixtures {
    private Fixtures() { }

    static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    static PeerFill in(long deal, long pos, String sym, Side side, double price, double vol, double comm, String iso, String signal) {
        return new PeerFill("p1", new Fill(deal, 0, pos, signal, sym, side, FillEntry.IN, price, vol, comm, 0, 0, t(iso), "expert"));
    }

    static PeerFill out(long deal, long pos, String sym, Side side, double price, double vol, double profit, String iso, String reason) {
        return new PeerFill("p1", new Fill(deal, 0, pos, "", sym, side, FillEntry.OUT, price, vol, 0, 0, profit, t(iso), reason));
    }

    /** A closed one-deal-each-way trade with the given net result, closing at {@code closeIso}. */
    static Trade trade(long pos, String alpha, String sym, double net, String openIso, String closeIso) {
        return new Trade("p1", pos, sym, Side.BUY, alpha, "", "", "", "tp", TradingSession.of(t(openIso)), t(openIso), t(closeIso),
                1.0, 1.0, 1.0, 1.0, net, 0, 0, net, 2, true);
    }
}
