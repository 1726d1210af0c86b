package io.vprop.research.edges;

import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * One setup an alpha emitted on the backtester and what it would have made at the engine's own geometry (SL, TP1
 * with a half close and the stop to break-even, TP2), after the instrument's costs, per lot.
 *
 * @param entryMs  the quote the setup was seen at (a bar's open or close quote)
 * @param exitMs   when the position would have been flat (the last partial close)
 * @param netR     profit after spread, commission and swaps, in units of the money at the initial stop
 * @param costR    spread at entry and the round-trip commission in R: what the engine subtracts live as cost_R
 * @param grossR   netR + costR: the part the fit estimates (swaps stay in it; the engine does not subtract them live)
 * @param exit     how it ended: sl, tp, tp1+sl (break-even), tp1+tp, open (still open at the data's end)
 */
public record Candidate(String symbol, Timeframe timeframe, AlphaId alpha, int direction, double strength, Regime regime,
                        Session session, long entryMs, long exitMs, double stopDistance, double netR, double costR,
                        double grossR, String exit) {

    /** The class the fit pools the symbol in (io.vprop.signal.edge.EdgeTable#symbolClass). */
    public String symbolClass() { return io.vprop.signal.edge.EdgeTable.symbolClass(symbol); }

    static final String HEADER = "symbol,timeframe,alpha,direction,strength,regime,session,entry_ms,exit_ms,stop_distance,net_r,cost_r,gross_r,exit";

    String csv() {
        return symbol + "," + timeframe + "," + alpha + "," + direction + "," + strength + "," + regime + "," + session
                + "," + entryMs + "," + exitMs + "," + stopDistance + "," + netR + "," + costR + "," + grossR + "," + exit;
    }

    static Candidate parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 14) throw new IllegalArgumentException("a candidate line has 14 fields, got " + f.length + ": " + line);
        return new Candidate(f[0], Timeframe.valueOf(f[1]), AlphaId.valueOf(f[2]), Integer.parseInt(f[3]),
                Double.parseDouble(f[4]), Regime.valueOf(f[5]), Session.valueOf(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
                Double.parseDouble(f[12]), f[13]);
    }
}
