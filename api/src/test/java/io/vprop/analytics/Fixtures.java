package io.vprop.analytics;

import java.time.Instant;

/** Small builders for deals in tests. */
final class Fixtures {
    private Fixtures() { }

    static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    static Fill in(long deal, long pos, String sym, String side, double price, double vol, double comm, String iso, String signal) {
        return new Fill("p1", deal, pos, signal, sym, side, "in", price, vol, comm, 0, 0, t(iso), "expert");
    }

    static Fill out(long deal, long pos, String sym, String side, double price, double vol, double profit, String iso, String reason) {
        return new Fill("p1", deal, pos, "", sym, side, "out", price, vol, 0, 0, profit, t(iso), reason);
    }

    /** A closed one-deal-each-way trade with the given net result, closing at {@code closeIso}. */
    static Trade trade(long pos, String alpha, String sym, double net, String openIso, String closeIso) {
        return new Trade("p1", pos, sym, "buy", alpha, "", "", "", "tp", TradingSession.of(t(openIso)), t(openIso), t(closeIso),
                1.0, 1.0, 1.0, 1.0, net, 0, 0, net, 2, true);
    }
}
