package io.vprop.research.edges;

import io.vprop.market.Bar;
import io.vprop.market.BarSeries;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.Session;
import io.vprop.research.runner.BarLibrary;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.regime.Regime;
import io.vprop.strategy.SignalEngineStrategy;
import io.vprop.strategy.Strategy;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Submission;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signal engine on the backtester with its orders withheld: every alpha that fires at a bar's open or close quote
 * (the quotes a walk-forward entry may be taken at) is recorded once per (timeframe, alpha, quote) — the engine may take a setup at either quote of any bar while its
 * timeframe's last closed bar is the same —
 * with the engine's own stop geometry, and labelled with its outcome ({@link OutcomeLabeler}). The engine never holds
 * a position here, so it scans every quote: the record is every candidate, not only those the engine would pick.
 */
final class CandidateRecorder implements Strategy, StrategyContext {
    private final SignalEngineStrategy inner;
    private final String symbol;
    private final BarSeries bars;                   // the finest timeframe: the path's open and close quotes
    private final Timeframe finest;
    private final Instrument instrument;
    private final long fromMs, toMs;
    private final int maxBars;
    private final List<Candidate> out = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private StrategyContext ctx;
    private OutcomeLabeler labeler;
    private boolean eligible, tapped;

    CandidateRecorder(SignalConfig config, String symbol, BarLibrary library, Timeframe finest, Instrument instrument,
                      long fromMs, long toMs, int maxBars) {
        this.inner = new SignalEngineStrategy(config, EventSource.NONE);
        this.symbol = symbol;
        this.bars = library.bars(symbol, finest);
        this.finest = finest;
        this.instrument = instrument;
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.maxBars = maxBars;
    }

    List<Candidate> candidates() { return out; }

    private boolean atBarOpenOrClose(Tick q) {
        long t = q.timeMs(), barMs = finest.millis();
        int i = bars.firstAtOrAfter(t);
        if (i < bars.size() && bars.openTimeMs(i) == t && q.bid() == bars.open(i)) return true;
        int j = bars.firstAtOrAfter(t + 1 - barMs);
        return j < bars.size() && bars.openTimeMs(j) == t + 1 - barMs && q.bid() == bars.close(j);
    }

    private void fired(String sym, Timeframe tf, long barOpenMs, AlphaId alpha, int dir, double strength, Regime regime,
                       long timeMs, double bid, double ask, double sl, double tp1, double tp2) {
        if (!eligible || timeMs < fromMs || timeMs >= toMs || !sym.equals(symbol)) return;
        if (!seen.add(tf.ordinal() + "/" + alpha.ordinal() + "/" + timeMs)) return;   // once per quote (4 per bar)
        OutcomeLabeler.Outcome o = labeler.label(timeMs, dir, bid, ask, sl, tp1, tp2);
        double risk = sl * instrument.contractSize();
        double net = o.net() / risk, cost = o.cost() / risk;
        out.add(new Candidate(sym, tf, alpha, dir, round(strength), regime, Session.at(timeMs), timeMs, o.exitMs(),
                sl, net, cost, net + cost, o.exit()));
    }

    private static double round(double v) { return Math.round(v * 1e6) / 1e6; }

    // ------------------------------------------------------------------ the run → the engine

    @Override
    public void start(StrategyContext c) {
        ctx = c;
        SymbolSpec s = c.spec(symbol);
        double usdPerProfit = s.tickValue() / (s.tickSize() * s.contractSize());
        labeler = new OutcomeLabeler(bars, finest.millis(), instrument, usdPerProfit, maxBars);
        inner.start(this);
    }

    @Override
    public void onTick(Tick tick, StrategyContext c) {
        eligible = atBarOpenOrClose(tick);
        inner.onTick(tick, this);
        if (!tapped && inner.engine() != null) {
            SignalEngine e = inner.engine();
            e.tap(this::fired);
            tapped = true;
        }
    }

    @Override
    public void onBar(Bar bar, StrategyContext c) {
        eligible = false;
        inner.onBar(bar, this);
    }

    @Override public void onAccount(AccountState account, StrategyContext c) { inner.onAccount(account, this); }

    @Override public void onSymbolSpec(SymbolSpec spec, StrategyContext c) { inner.onSymbolSpec(spec, this); }

    @Override public void onFill(Fill fill, StrategyContext c) { }

    @Override public void onOrderUpdate(OrderUpdate update, StrategyContext c) { }

    @Override public void stop(StrategyContext c) { inner.stop(this); }

    @Override public Map<String, Object> state() { return inner.state(); }

    // ------------------------------------------------------------------ the engine → the run: no orders

    @Override
    public Submission submit(OrderIntent order) {
        return Submission.refused(ctx.peer(), "edges.record", "recording candidates: no orders");
    }

    @Override public void decision(String kind, Object decision) { }

    @Override public long nowMs() { return ctx.nowMs(); }

    @Override public String peer() { return ctx.peer(); }

    @Override public SymbolSpec spec(String s) { return ctx.spec(s); }

    @Override public Collection<SymbolSpec> specs() { return ctx.specs(); }

    @Override public double[] headroom() { return ctx.headroom(); }

    @Override public AccountState account() { return ctx.account(); }

    @Override public Tick lastTick(String s) { return ctx.lastTick(s); }

    @Override public boolean pending(String s) { return ctx.pending(s); }
}
