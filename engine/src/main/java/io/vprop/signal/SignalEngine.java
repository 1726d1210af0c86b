package io.vprop.signal;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.ConversionRoute;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.instrument.QuoteLookup;
import io.vprop.signal.alpha.Alpha;
import io.vprop.signal.alpha.AlphaContext;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.alpha.AlphaSignal;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.execution.ExecutionQuality;
import io.vprop.signal.execution.PauseEvent;
import io.vprop.signal.feature.BarFeatures;
import io.vprop.signal.feature.CrossSymbolCorrelation;
import io.vprop.signal.feature.TickFeatures;
import io.vprop.signal.port.RiskBudget;
import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.port.WinQuery;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.regime.RegimeDetector;
import io.vprop.signal.select.AdaptiveWeights;
import io.vprop.signal.select.Grade;
import io.vprop.signal.select.QualityScorer;
import io.vprop.signal.select.ThompsonSampler;
import io.vprop.signal.sizing.PositionSizer;
import io.vprop.signal.sizing.SizingResult;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sidecar's brain: ticks and bars in, one {@link Decision} out per input. Single-threaded, no I/O.
 * <p>
 * Per tick: validate (bad input is counted and dropped), update quote features and the tick-built bars of every
 * configured timeframe (closing a bar updates bar features, cross-symbol statistics and the regime), then scan
 * alphas × timeframes for the symbol, pick the best setup by Thompson-sampled score, and run it through execution
 * filters, quality grading, risk filters and sizing. Setups are decided at most once per (symbol, timeframe, alpha,
 * bar). The hot path (a tick that yields {@link Idle} or {@link InputRejected}) does not allocate; a
 * {@link TradeCandidate} or {@link Skip} allocates its record.
 */
public final class SignalEngine {
    private final SignalConfig cfg;
    private final SignalPorts ports;
    private final SymbolSpec[] specs;
    private final ConversionRoute[] tickValueRoutes; // [symbol] profit → account currency; null = the spec's tick value
    private final QuoteLookup ownMids;
    private final String[] names;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Timeframe[] tfs;
    private final int regimeTf;
    private static final AlphaId[] ALPHA_IDS = AlphaId.values();
    private static final SkipReason[] SKIP_REASONS = SkipReason.values();
    private final Alpha[] alphas = Alpha.all();

    private final TickFeatures[] ticks;
    private final BarFeatures[][] bars;            // [symbol][tf]
    private final CrossSymbolCorrelation[] cross;  // [tf]
    private final RegimeDetector[] regimes;
    private final long[][] barOpen;                // [symbol][tf] open time of the bar being built, MIN_VALUE none
    private final double[][] bo, bh, bl, bc, bv;
    private final boolean[][] externalBars;
    private final long[][] lastExternalBar;
    private final long[][][] decidedBar;           // [symbol][tf][alpha] bar open time of the last decision
    private final long[] lastTickTime;
    private final int[] openDirection;

    private final ThompsonSampler bandit;
    private final AdaptiveWeights weights;
    private final QualityScorer scorer;
    private final PositionSizer sizer;
    private final ExecutionQuality exec;

    private final AlphaContext ctx = new AlphaContext();
    private final AlphaSignal sig = new AlphaSignal();
    private final SizingResult sizing = new SizingResult();
    private double equity;
    private CandidateTap tap;

    // best setup of the current scan
    private int bestTf, bestAlpha, bestDir, firedCount, cooledCount;
    private double bestScore, bestStrength, bestEdge;

    private final long[] rejected = new long[InputRejection.values().length];
    private final long[] idle = new long[Idle.values().length];
    private final long[] skipsByReason = new long[SkipReason.values().length];
    private long accepted, trades, skips, evaluations;

    /** An engine that sizes with the specs' tick values as given (the terminal's at its hello). */
    public SignalEngine(SignalConfig cfg, List<SymbolSpec> symbols, SignalPorts ports, double initialEquity) {
        this(cfg, symbols, ports, initialEquity, null);
    }

    /**
     * @param accountCurrency the account's currency (the EA's hello states it), or null. With it, a symbol whose
     *                        profit currency differs (a JPY pair or a cross on a USD account) is sized with its
     *                        current tick value, tickSize × contractSize × the mid of the conversion pair when that
     *                        pair is one of {@code symbols} (USDJPY for JPY), as MT5's SYMBOL_TRADE_TICK_VALUE
     *                        moves; until that pair's first tick, or without such a pair, with the spec's tick value.
     */
    public SignalEngine(SignalConfig cfg, List<SymbolSpec> symbols, SignalPorts ports, double initialEquity,
                        String accountCurrency) {
        if (cfg == null) throw new IllegalArgumentException("config is missing");
        if (ports == null) throw new IllegalArgumentException("ports are missing");
        if (symbols == null || symbols.isEmpty()) throw new IllegalArgumentException("no symbols registered");
        if (!(initialEquity > 0) || !Double.isFinite(initialEquity))
            throw new IllegalArgumentException("initialEquity must be > 0, was " + initialEquity);
        this.cfg = cfg;
        this.ports = ports;
        int n = symbols.size();
        specs = symbols.toArray(new SymbolSpec[0]);
        names = new String[n];
        for (int i = 0; i < n; i++) {
            SymbolSpec s = specs[i];
            if (s == null) throw new IllegalArgumentException("symbol spec #" + i + " is null");
            if (!(s.point() > 0) || !(s.tickSize() > 0) || !(s.tickValue() > 0))
                throw new IllegalArgumentException("symbol " + s.symbol() + ": point, tickSize and tickValue must be > 0");
            if (!(s.volumeMin() > 0 && s.volumeStep() > 0 && s.volumeMax() >= s.volumeMin()))
                throw new IllegalArgumentException("symbol " + s.symbol() + ": need 0 < volumeMin <= volumeMax and volumeStep > 0");
            if (ids.put(s.symbol(), i) != null) throw new IllegalArgumentException("symbol registered twice: " + s.symbol());
            names[i] = s.symbol();
        }
        tickValueRoutes = new ConversionRoute[n];
        if (accountCurrency != null) {
            CurrencyConverter converter = CurrencyConverter.forSpecs(accountCurrency, symbols, Map.of());
            for (int i = 0; i < n; i++) {
                ConversionRoute r = converter.routeOrNull(specs[i].profitCurrency());
                tickValueRoutes[i] = r != null && r.needsQuote() ? r : null;
            }
        }
        tfs = cfg.timeframes.toArray(new Timeframe[0]);
        regimeTf = cfg.timeframes.indexOf(cfg.regimeTimeframe);
        int t = tfs.length;
        ticks = new TickFeatures[n];
        bars = new BarFeatures[n][t];
        regimes = new RegimeDetector[n];
        barOpen = new long[n][t];
        bo = new double[n][t]; bh = new double[n][t]; bl = new double[n][t]; bc = new double[n][t]; bv = new double[n][t];
        externalBars = new boolean[n][t];
        lastExternalBar = new long[n][t];
        decidedBar = new long[n][t][AlphaId.COUNT];
        lastTickTime = new long[n];
        openDirection = new int[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = new TickFeatures(specs[i].point(), cfg.spreadWindow, 60);
            regimes[i] = RegimeDetector.defaults();
            lastTickTime[i] = Long.MIN_VALUE;
            for (int k = 0; k < t; k++) {
                bars[i][k] = new BarFeatures();
                barOpen[i][k] = Long.MIN_VALUE;
                lastExternalBar[i][k] = Long.MIN_VALUE;
                Arrays.fill(decidedBar[i][k], Long.MIN_VALUE);
            }
        }
        TickFeatures[] quotes = ticks;
        ownMids = symbol -> {
            Integer id = ids.get(symbol);
            return id == null || quotes[id].ticks() == 0 ? Double.NaN : quotes[id].mid();
        };
        cross = new CrossSymbolCorrelation[t];
        for (int k = 0; k < t; k++) cross[k] = new CrossSymbolCorrelation(n, tfs[k].millis(), cfg.correlationWindow);
        bandit = cfg.edges == null
                ? new ThompsonSampler(Regime.COUNT, AlphaId.COUNT, cfg.banditPriorA, cfg.banditPriorB, cfg.seed)
                : new ThompsonSampler(Regime.COUNT, AlphaId.COUNT, priors(cfg, true), priors(cfg, false), cfg.seed);
        weights = new AdaptiveWeights(AlphaId.COUNT, cfg.weightEta, cfg.weightLambda, cfg.weightFloor, cfg.weightDecay);
        scorer = new QualityScorer(cfg.modelWeight, cfg.gradeAPlus, cfg.gradeA, cfg.gradeB);
        sizer = new PositionSizer(cfg.kellyMultiplier, cfg.entropyPenalty, cfg.dailyVolTarget, cfg.headroomFraction,
                cfg.esBudgetFraction, cfg.riskPerTrade);
        exec = new ExecutionQuality(names, cfg.flickerReversals, cfg.flickerWindowMs, cfg.flickerQuietMs,
                cfg.maxRoundTripMs, cfg.goodRoundTripsToResume, 0.1);
        equity = initialEquity;
    }

    /** The artefact's bandit priors for this engine's regime timeframe; the hand-set Beta where it has none. */
    private static double[] priors(SignalConfig cfg, boolean a) {
        EdgeTable t = cfg.edges;
        Timeframe rt = cfg.regimeTimeframe;
        boolean fitted = t.hasPriors(rt);
        double[] p = new double[Regime.COUNT * AlphaId.COUNT];
        for (Regime r : Regime.values())
            for (AlphaId x : AlphaId.values())
                p[r.ordinal() * AlphaId.COUNT + x.ordinal()] = !fitted ? (a ? cfg.banditPriorA : cfg.banditPriorB)
                        : a ? t.priorA(rt, r, x) : t.priorB(rt, r, x);
        return p;
    }

    /**
     * Every fired alpha of every scan, with the stop geometry the engine would give it (research: the edges' fit
     * records them and labels their outcomes). Null (the default) costs nothing.
     */
    public void tap(CandidateTap tap) { this.tap = tap; }

    /** Dense id of a registered symbol, or −1. */
    public int symbolId(String symbol) {
        Integer id = ids.get(symbol);
        return id == null ? -1 : id;
    }

    public String symbolName(int id) { return names[id]; }

    public int symbolCount() { return names.length; }

    /** The timeframes the engine scans, in its order (a copy). */
    public Timeframe[] timeframes() { return tfs.clone(); }

    /** Bars a registered symbol has completed on one of the engine's timeframes (warm-up progress), or −1. */
    public long barsSeen(String symbol, Timeframe tf) {
        int s = symbolId(symbol);
        for (int k = 0; k < tfs.length; k++) if (tfs[k] == tf && s >= 0) return bars[s][k].bars();
        return -1;
    }

    /** Bars a timeframe needs before its alphas are scanned; a symbol trades once one of its timeframes has them. */
    public int warmupBars() { return cfg.warmupBars; }

    /** True once one of the symbol's timeframes has its warm-up bars: the engine can decide for it. */
    public boolean warm(String symbol) {
        int s = symbolId(symbol);
        return s >= 0 && warm(s);
    }

    // ------------------------------------------------------------------ inputs

    public Decision onTick(Tick t) {
        if (t == null || t.symbol() == null) return reject(InputRejection.UNKNOWN_SYMBOL);
        Integer id = ids.get(t.symbol());
        if (id == null) return reject(InputRejection.UNKNOWN_SYMBOL);
        return onQuote(id, t.timeMs(), t.bid(), t.ask(), t.volume());
    }

    /** Primitive entry point (what {@link #onTick} delegates to): a transport can call it without a Tick object. */
    public Decision onQuote(int s, long timeMs, double bid, double ask, double volume) {
        if (s < 0 || s >= names.length) return reject(InputRejection.UNKNOWN_SYMBOL);
        if (!Double.isFinite(bid) || !Double.isFinite(ask) || !Double.isFinite(volume))
            return reject(InputRejection.NOT_FINITE);
        if (bid <= 0 || ask <= 0) return reject(InputRejection.NON_POSITIVE_PRICE);
        if (ask < bid) return reject(InputRejection.CROSSED_QUOTE);
        if (ask == bid) return reject(InputRejection.ZERO_SPREAD);
        if (volume < 0) return reject(InputRejection.NEGATIVE_VOLUME);
        if (timeMs < lastTickTime[s]) return reject(InputRejection.TIME_BACKWARDS);
        accepted++;
        lastTickTime[s] = timeMs;
        TickFeatures tf = ticks[s];
        double mid = 0.5 * (bid + ask);
        boolean flicker = tf.ticks() > 0 && exec.onMidChange(s, timeMs, mid - tf.mid());
        tf.update(timeMs, bid, ask, volume);
        for (int k = 0; k < tfs.length; k++) if (!externalBars[s][k]) aggregate(s, k, timeMs, bid);
        return decide(s, timeMs, flicker);
    }

    /** A closed bar from the EA. From then on that (symbol, timeframe) is fed by EA bars, not built from ticks. */
    public Decision onBar(Bar b) {
        if (b == null || b.symbol() == null) return reject(InputRejection.UNKNOWN_SYMBOL);
        Integer id = ids.get(b.symbol());
        if (id == null) return reject(InputRejection.UNKNOWN_SYMBOL);
        int k = cfg.timeframes.indexOf(b.timeframe());
        if (k < 0) { idle[Idle.BAR_CONSUMED.ordinal()]++; return Idle.BAR_CONSUMED; }
        if (!Double.isFinite(b.open()) || !Double.isFinite(b.high()) || !Double.isFinite(b.low()) || !Double.isFinite(b.close()))
            return reject(InputRejection.NOT_FINITE);
        if (b.low() <= 0) return reject(InputRejection.NON_POSITIVE_PRICE);
        if (b.high() < b.low() || b.open() > b.high() || b.open() < b.low() || b.close() > b.high() || b.close() < b.low()
                || b.tickVolume() < 0)
            return reject(InputRejection.BAD_BAR);
        if (b.openTimeMs() <= lastExternalBar[id][k]) return reject(InputRejection.TIME_BACKWARDS);
        accepted++;
        externalBars[id][k] = true;
        lastExternalBar[id][k] = b.openTimeMs();
        closeBar(id, k, b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.tickVolume());
        idle[Idle.BAR_CONSUMED.ordinal()]++;
        return Idle.BAR_CONSUMED;
    }

    /** Account state: equity and open positions (for the correlation cap and to avoid pyramiding). */
    public void onAccount(double equity, List<Position> positions) {
        if (!(equity > 0) || !Double.isFinite(equity)) throw new IllegalArgumentException("equity must be > 0, was " + equity);
        if (positions == null) throw new IllegalArgumentException("positions list is missing (pass an empty list)");
        this.equity = equity;
        Arrays.fill(openDirection, 0);
        for (int i = 0, n = positions.size(); i < n; i++) {
            Position p = positions.get(i);
            Integer id = ids.get(p.symbol());
            if (id != null) openDirection[id] = p.side().sign();
        }
    }

    /** A closed trade: updates the bandit, the adaptive weights and the similar-trade memory. */
    public void onTradeClosed(TradeOutcome o) {
        if (o == null) throw new IllegalArgumentException("trade outcome is missing");
        bandit.update(o.regime().ordinal(), o.alpha().ordinal(), o.win());
        weights.onOutcome(o.alpha().ordinal(), o.rMultiple());
        if (ports.similarTrades() instanceof SimilarTradeOutcomes.Learning l) l.record(o);
    }

    /** A fill reported by the EA / paper terminal, for the slippage model. */
    public void onFill(String symbol, Side side, double requestedPrice, double fillPrice) {
        int s = symbolId(symbol);
        if (s < 0) throw new IllegalArgumentException("fill for unknown symbol '" + symbol + "'");
        exec.onFill(s, side.sign(), requestedPrice, fillPrice);
    }

    /** EA round-trip latency in ms; above the limit all trading pauses until it recovers. */
    public void onRoundTrip(long roundTripMs) { exec.onRoundTrip(ports.clock().nowMs(), roundTripMs); }

    /** Pause/resume transitions since the last call, for the journal and WebSocket. */
    public List<PauseEvent> drainPauseEvents() { return exec.drain(); }

    // ------------------------------------------------------------------ bars

    private void aggregate(int s, int k, long timeMs, double price) {
        long open = tfs[k].openTime(timeMs);
        long cur = barOpen[s][k];
        if (open != cur) {
            if (cur != Long.MIN_VALUE) closeBar(s, k, cur, bo[s][k], bh[s][k], bl[s][k], bc[s][k], bv[s][k]);
            barOpen[s][k] = open;
            bo[s][k] = bh[s][k] = bl[s][k] = bc[s][k] = price;
            bv[s][k] = 1;
        } else {
            if (price > bh[s][k]) bh[s][k] = price;
            if (price < bl[s][k]) bl[s][k] = price;
            bc[s][k] = price;
            bv[s][k]++;
        }
    }

    private void closeBar(int s, int k, long openTime, double o, double h, double l, double c, double v) {
        BarFeatures f = bars[s][k];
        f.update(openTime, o, h, l, c, v);
        if (f.bars() > 1) cross[k].onBar(s, openTime, f.lastReturn(), c);
        if (k == regimeTf) regimes[s].update(f);
        ports.winModel().onBar(names[s], tfs[k], openTime, o, h, l, c, v);
    }

    // ------------------------------------------------------------------ scan

    /**
     * Evaluates every alpha on every warm timeframe of symbol s and keeps the best fired setup by
     * Thompson-sampled win probability × adaptive weight × strength. Returns the number of evaluations.
     */
    int scan(int s, long timeMs) {
        bestTf = -1;
        bestScore = 0;
        firedCount = 0;
        cooledCount = 0;
        int evals = 0;
        Regime regime = regimes[s].current();
        ctx.symbolId = s;
        ctx.timeMs = timeMs;
        ctx.mid = ticks[s].mid();
        ctx.ticks = ticks[s];
        ctx.regime = regime;
        ctx.events = ports.events();
        ctx.baseCurrency = specs[s].baseCurrency();
        ctx.quoteCurrency = specs[s].profitCurrency();
        for (int k = 0; k < tfs.length; k++) {
            BarFeatures f = bars[s][k];
            if (f.bars() < cfg.warmupBars) continue;
            ctx.bars = f;
            ctx.cross = cross[k];
            for (int a = 0; a < alphas.length; a++) {
                alphas[a].evaluate(ctx, sig);
                evals++;
                if (!sig.fired()) continue;
                firedCount++;
                if (tap != null) tapFired(s, k, a, regime, f);
                if (decidedBar[s][k][a] == f.lastOpenTimeMs()) { cooledCount++; continue; }
                double score = bandit.sample(regime.ordinal(), a) * weights.weight(a) * sig.strength;
                if (score > bestScore) {
                    bestScore = score;
                    bestTf = k;
                    bestAlpha = a;
                    bestDir = sig.direction;
                    bestStrength = sig.strength;
                    bestEdge = sig.edge;
                }
            }
        }
        evaluations += evals;
        return evals;
    }

    private void tapFired(int s, int k, int a, Regime regime, BarFeatures f) {
        TickFeatures q = ticks[s];
        double sigmaH = f.realizedVol() * q.mid() * Math.sqrt(cfg.horizonBars);
        if (!(sigmaH > 0)) return;
        SymbolSpec spec = specs[s];
        double sl = Math.max(cfg.slSigma * sigmaH, spec.stopsLevel() * spec.point() + (q.ask() - q.bid()));
        tap.fired(names[s], tfs[k], f.lastOpenTimeMs(), ALPHA_IDS[a], sig.direction, sig.strength, regime,
                ctx.timeMs, q.bid(), q.ask(), sl, cfg.tp1Multiple * sl, cfg.tp2Multiple * sl);
    }

    /** Scans every symbol once (no decision pipeline): the scanner-throughput benchmark's unit of work. */
    public long scanAll(long timeMs) {
        long n = 0;
        for (int s = 0; s < names.length; s++) if (ticks[s].ticks() > 0) n += scan(s, timeMs);
        return n;
    }

    private boolean warm(int s) {
        for (int k = 0; k < tfs.length; k++) if (bars[s][k].bars() >= cfg.warmupBars) return true;
        return false;
    }

    // ------------------------------------------------------------------ decision pipeline

    private Decision decide(int s, long timeMs, boolean flicker) {
        if (exec.latencyPaused()) return idle(Idle.PAUSED);
        if (openDirection[s] != 0) return idle(Idle.POSITION_OPEN);
        if (!warm(s)) return idle(Idle.WARMING_UP);
        scan(s, timeMs);
        if (bestTf < 0) return idle(firedCount > 0 && cooledCount == firedCount ? Idle.COOLDOWN : Idle.NO_SIGNAL);

        int k = bestTf, a = bestAlpha, dir = bestDir;
        BarFeatures f = bars[s][k];
        decidedBar[s][k][a] = f.lastOpenTimeMs();
        SymbolSpec spec = currentSpec(s);
        TickFeatures q = ticks[s];
        Regime regime = regimes[s].current();
        AlphaId alphaId = ALPHA_IDS[a];
        long mask = 0;

        double mid = q.mid();
        double sigmaBar = f.realizedVol() * mid;
        double sigmaH = sigmaBar * Math.sqrt(cfg.horizonBars);
        if (!(sigmaH > 0)) return skip(s, timeMs, dir, alphaId, k, regime, Grade.C, Double.NaN, 0, SkipReason.NO_VOLATILITY.bit());

        double spread = q.ask() - q.bid();
        double minStop = spec.stopsLevel() * spec.point() + spread;
        double sl = Math.max(cfg.slSigma * sigmaH, minStop);
        double tp1 = cfg.tp1Multiple * sl, tp2 = cfg.tp2Multiple * sl;

        if (q.spreadPoints() > q.spread().percentile(cfg.spreadPercentile)) mask |= SkipReason.WIDE_SPREAD.bit();
        if (flicker) mask |= SkipReason.QUOTE_FLICKER.bit();
        double slip = exec.predictedSlippage(s);
        if (slip > cfg.maxSlippageFractionOfSl * sl) mask |= SkipReason.HIGH_SLIPPAGE.bit();

        double slMoneyPerLot = spec.moneyPerPriceMove(sl, 1.0);
        double costPerLot = spec.moneyPerPriceMove(spread + slip, 1.0) + cfg.commissionPerLot;
        double costR = costPerLot / slMoneyPerLot;
        double nBandit = bandit.observations(regime.ordinal(), a);
        double pBandit = bandit.posteriorMean(regime.ordinal(), a);
        SimilarTradeOutcomes.Stats similar = ports.similarTrades().similar(names[s], alphaId, regime, dir);
        double pModel = ports.winModel().pTp1BeforeSl(new WinQuery(names[s], dir, tfs[k], timeMs, alphaId, regime,
                bestStrength, bestEdge, sl / sigmaH, tp1 / sigmaH, pBandit, nBandit, similar));
        double p = scorer.blendedProbability(pModel, pBandit, nBandit, similar);
        double payoff = tp1 / sl;
        double qStar = QualityScorer.qStar(p, payoff, costR);
        Grade grade = scorer.grade(qStar);
        if (!grade.atLeast(cfg.minGrade)) mask |= SkipReason.LOW_GRADE.bit();

        CrossSymbolCorrelation corr = cross[regimeTf];
        for (int j = 0; j < names.length; j++) {
            if (j == s || openDirection[j] == 0) continue;
            if (corr.correlation(s, j) * dir * openDirection[j] > cfg.correlationCap) {
                mask |= SkipReason.CORRELATED_EXPOSURE.bit();
                break;
            }
        }
        if (mask != 0) return skip(s, timeMs, dir, alphaId, k, regime, grade, qStar, 0, mask);
        RiskBudget risk = ports.riskBudget(); // asked only for setups that passed every other filter
        if (!risk.canOpenPosition())
            return skip(s, timeMs, dir, alphaId, k, regime, grade, qStar, 0, SkipReason.MAX_POSITIONS.bit());

        double sigmaDaily = sigmaBar * Math.sqrt(86_400.0 / tfs[k].seconds());
        sizer.size(p, payoff, equity, spec, sl, costPerLot, sigmaH, sigmaDaily,
                risk.dailyHeadroom(), risk.overallHeadroom(), risk.maxLotsPerOrder(), sizing);
        if (sizing.lots <= 0) return skip(s, timeMs, dir, alphaId, k, regime, grade, qStar, 0, sizing.skipMask);

        Side side = Side.of(dir);
        double ref = dir > 0 ? q.ask() : q.bid();
        double stop = ref - dir * sl;
        RiskBudget.PreTradeOrder order = new RiskBudget.PreTradeOrder(names[s], side, sizing.lots, ref, stop,
                sizing.lossAtStop);
        if (!risk.allows(order))
            return skip(s, timeMs, dir, alphaId, k, regime, grade, qStar, sizing.lots, SkipReason.GOVERNOR_REJECT.bit());

        List<String> reasons = new ArrayList<>(6);
        reasons.add(alphaId + " on " + tfs[k] + " in " + regime + ", strength " + round(bestStrength));
        reasons.add("p(TP1 before SL) " + round(p) + " (model " + round(pModel) + ", bandit n=" + (int) nBandit
                + ", similar n=" + similar.n() + ")");
        reasons.add("Q* " + round(qStar) + " R after costs " + round(costR) + " R -> grade " + grade.label());
        reasons.add("size " + sizing.lots + " lots bound by " + sizing.binding + ", Kelly fraction " + round(sizing.kellyFraction));
        reasons.add("spread " + q.spreadPoints() + " pts <= p" + (int) (cfg.spreadPercentile * 100) + " "
                + q.spread().percentile(cfg.spreadPercentile) + " pts");
        trades++;
        return new TradeCandidate(names[s], timeMs, side, sizing.lots, ref,
                Math.max(cfg.maxDeviationFractionOfSl * sl, spec.point()), stop, ref + dir * tp1, ref + dir * tp2,
                timeMs + cfg.signalTtlMs, alphaId, tfs[k], regime, p, grade, qStar, sigmaH, reasons);
    }

    /** The spec of symbol s with its current tick value (see the constructor); allocates only when it moved. */
    private SymbolSpec currentSpec(int s) {
        SymbolSpec spec = specs[s];
        ConversionRoute r = tickValueRoutes[s];
        if (r == null) return spec;
        double rate = r.rate(ownMids);
        return rate > 0 ? spec.withTickValue(spec.tickSize() * spec.contractSize() * rate) : spec;
    }

    /**
     * The terminal's live tick value of {@code symbol} (the broker's SYMBOL_TRADE_TICK_VALUE, sent as protocol
     * {@code symbol_update}): from now on the symbol is sized with it, and it wins over the engine's own conversion
     * from its symbols' mids (docs/instruments.md, "Live values win"). Ignored when not positive and finite, or for a
     * symbol the engine does not trade.
     */
    public void liveTickValue(String symbol, double tickValue) {
        int s = symbolId(symbol);
        if (s < 0 || !(tickValue > 0) || !Double.isFinite(tickValue)) return;
        specs[s] = specs[s].withTickValue(tickValue);
        tickValueRoutes[s] = null;
    }

    /** The tick value, in the account currency, the engine sizes {@code symbol} with now. */
    public double tickValue(String symbol) { return currentSpec(requireId(symbol)).tickValue(); }

    private static double round(double v) { return Math.round(v * 1000) / 1000.0; }

    private Decision skip(int s, long timeMs, int dir, AlphaId a, int k, Regime regime, Grade grade, double qStar,
                          double lots, long mask) {
        skips++;
        for (SkipReason r : SKIP_REASONS) if ((mask & r.bit()) != 0) skipsByReason[r.ordinal()]++;
        return new Skip(names[s], timeMs, dir, a, tfs[k], regime, grade, qStar, lots, mask);
    }

    private Decision idle(Idle why) {
        idle[why.ordinal()]++;
        return why;
    }

    private Decision reject(InputRejection why) {
        rejected[why.ordinal()]++;
        return InputRejected.of(why);
    }

    // ------------------------------------------------------------------ observability

    public long rejectedCount(InputRejection why) { return rejected[why.ordinal()]; }

    public long idleCount(Idle why) { return idle[why.ordinal()]; }

    public long skipCount(SkipReason why) { return skipsByReason[why.ordinal()]; }

    public long acceptedInputs() { return accepted; }

    public long tradeCount() { return trades; }

    public long skipCount() { return skips; }

    /** Skips / (skips + trades) over decided setups; NaN before any setup. */
    public double skipRate() { return trades + skips == 0 ? Double.NaN : (double) skips / (trades + skips); }

    public long evaluations() { return evaluations; }

    public Regime regime(String symbol) { return regimes[requireId(symbol)].current(); }

    public BarFeatures barFeatures(String symbol, Timeframe tf) {
        int k = cfg.timeframes.indexOf(tf);
        if (k < 0) throw new IllegalArgumentException("timeframe " + tf + " is not configured " + cfg.timeframes);
        return bars[requireId(symbol)][k];
    }

    public TickFeatures tickFeatures(String symbol) { return ticks[requireId(symbol)]; }

    public double alphaWeight(AlphaId a) { return weights.weight(a.ordinal()); }

    public double banditMean(Regime r, AlphaId a) { return bandit.posteriorMean(r.ordinal(), a.ordinal()); }

    public double correlation(String a, String b) { return cross[regimeTf].correlation(requireId(a), requireId(b)); }

    private int requireId(String symbol) {
        int id = symbolId(symbol);
        if (id < 0) throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
        return id;
    }

    /** Counters as maps, for the status endpoint and reports. */
    public Stats stats() {
        Map<InputRejection, Long> rej = new EnumMap<>(InputRejection.class);
        for (InputRejection r : InputRejection.values()) if (rejected[r.ordinal()] > 0) rej.put(r, rejected[r.ordinal()]);
        Map<SkipReason, Long> sk = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) if (skipsByReason[r.ordinal()] > 0) sk.put(r, skipsByReason[r.ordinal()]);
        Map<Idle, Long> id = new EnumMap<>(Idle.class);
        for (Idle r : Idle.values()) if (idle[r.ordinal()] > 0) id.put(r, idle[r.ordinal()]);
        return new Stats(accepted, rej, trades, skips, skipRate(), sk, id, evaluations);
    }

    public record Stats(long accepted, Map<InputRejection, Long> rejected, long trades, long skips, double skipRate,
                        Map<SkipReason, Long> skipsByReason, Map<Idle, Long> idle, long evaluations) {
    }
}
