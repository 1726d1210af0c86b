package io.vprop.models.meta;

import io.vprop.market.Bar;
import io.vprop.models.data.TpSlLabeler;

/**
 * The label of one recorded query, resolved bar by bar from the bars AFTER the query only: entry at the close of
 * the bar the query was asked on, σ_H = σ(1-bar log returns over the last 60 bars) · √H exactly as
 * {@link TpSlLabeler} computes it, TP1 = entry·exp(side · tp1Sigma · σ_H),
 * SL = entry·exp(−side · slSigma · σ_H) with the query's own geometry. 1 if a bar reaches TP1 before any bar
 * reaches SL within H bars; a bar touching both counts as SL (order inside a bar is unknown — conservative).
 * Neither within H bars → unresolved (dropped); a bar more than 2·H bar-lengths after the entry (weekend, data
 * hole) → dropped, it is not the same trade. Bid OHLC; spread not modelled.
 */
final class OutcomeLabel {
    enum State { PENDING, WIN, LOSS, DROPPED }

    private final int side;
    private final double tp, sl;
    private final long entryOpenMs, maxSpanMs;
    private final int horizon;
    private int seen;
    private State state = State.PENDING;
    private long exitMs;

    OutcomeLabel(int side, double entry, double sigmaH, double tp1Sigma, double slSigma, long entryOpenMs, int horizon, long barMs) {
        if (side != 1 && side != -1) throw new IllegalArgumentException("side must be +1 or -1, got " + side);
        if (!(sigmaH > 0) || !(entry > 0)) throw new IllegalArgumentException("need entry > 0 and sigmaH > 0, got " + entry + ", " + sigmaH);
        this.side = side;
        this.tp = entry * Math.exp(side * tp1Sigma * sigmaH);
        this.sl = entry * Math.exp(-side * slSigma * sigmaH);
        this.entryOpenMs = entryOpenMs;
        this.horizon = horizon;
        this.maxSpanMs = 2L * horizon * barMs;
    }

    /** Feeds the next bar after the entry bar; returns the state after it. Bars after a final state are ignored. */
    State onBar(Bar n, long barMs) {
        if (state != State.PENDING) return state;
        seen++;
        if (n.openTimeMs() - entryOpenMs > maxSpanMs) return state = State.DROPPED;
        boolean hitSl = side > 0 ? n.low() <= sl : n.high() >= sl;
        boolean hitTp = side > 0 ? n.high() >= tp : n.low() <= tp;
        if (hitSl || hitTp) {
            exitMs = n.openTimeMs() + barMs;
            return state = hitSl ? State.LOSS : State.WIN;
        }
        if (seen >= horizon) state = State.DROPPED;
        return state;
    }

    State state() { return state; }

    long exitMs() { return exitMs; }
}
