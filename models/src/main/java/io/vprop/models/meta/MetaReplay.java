package io.vprop.models.meta;

import io.vprop.market.Bar;
import io.vprop.market.SymbolSpec;
import io.vprop.market.Timeframe;
import io.vprop.market.instrument.CurrencyConverter;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.market.instrument.QuoteLookup;
import io.vprop.models.MetaFeatures;
import io.vprop.models.ServedWinProbability;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.signal.Decision;
import io.vprop.signal.alpha.EventSource;
import io.vprop.signal.SignalConfig;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.SignalPorts;
import io.vprop.signal.TradeCandidate;
import io.vprop.signal.port.Clock;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.port.WinQuery;
import io.vprop.signal.risk.PropFirmRiskBudget;
import io.vprop.signal.select.DriftWinProbability;
import io.vprop.signal.select.RecentOutcomeMemory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@link SignalEngine} over real bars and records every query its win-probability port receives,
 * labelled by what the bars did next ({@link OutcomeLabel}). Per bar, in time order across symbols:
 * <ol>
 *   <li>the engine gets the closed bar (it is the configured timeframe, so the engine uses it as an EA bar);</li>
 *   <li>pending labels see the bar; a resolved label of a candidate the engine TRADED is fed back to the engine as a
 *       closed trade at the bar's close (R = tp1/sl on TP1, −1 on SL, no costs), so the bandit and the similar-trade
 *       memory learn only from outcomes already known — as they would live;</li>
 *   <li>one quote at the bar's close (bid = close, ask = close + the bar's spread, 10 points when the file has none)
 *       makes the engine scan and decide; queries it asks are recorded with entry = that close.</li>
 * </ol>
 * No lookahead: a query at bar t is computed from bars ≤ t, and its label from bars t+1..t+H only. No position
 * tracking: the engine never sees an open position, so every bar can yield a candidate (the population is
 * "every setup the engine would score", not "the trades one account would have had").
 */
final class MetaReplay {
    /**
     * One labelled query. {@code classifierP} NaN = the classifier did not answer; {@code seqPUp}/{@code seqVol} the
     * served sequence model's heads at query time, NaN when it did not answer (or none was served).
     */
    public record Row(WinQuery query, double classifierP, double fallbackP, boolean taken, int label, long entryMs,
                      long exitMs, double seqPUp, double seqVol) {
        /** A row without sequence-model outputs. */
        public Row(WinQuery query, double classifierP, double fallbackP, boolean taken, int label, long entryMs, long exitMs) {
            this(query, classifierP, fallbackP, taken, label, entryMs, exitMs, Double.NaN, Double.NaN);
        }

        public boolean seqAvailable() {
            return !Double.isNaN(seqPUp) && !Double.isNaN(seqVol);
        }

        /** The meta-learner's input row, with the sequence model's outputs when {@code withSeq} (else "none"). */
        public float[] metaFeatures(boolean withSeq) {
            return MetaFeatures.of(query, stage1P(), fromClassifier(), withSeq ? seqPUp : Double.NaN,
                    withSeq ? seqVol : Double.NaN);
        }

        public boolean fromClassifier() {
            return !Double.isNaN(classifierP);
        }

        /** What the first stage answered: the classifier, else the fallback. */
        public double stage1P() {
            return fromClassifier() ? classifierP : fallbackP;
        }
    }

    /** Rows in entry order plus counts of what was not labelled. */
    public record Result(List<Row> rows, int queries, int trades, int unresolved, int noSigma) {
    }

    private static final double DEFAULT_SPREAD_POINTS = 10;

    private MetaReplay() {
    }

    /** The engine configuration of a replay: one timeframe (the bars'), regime on the same timeframe. */
    public static SignalConfig config(Timeframe tf) {
        return SignalConfig.builder().timeframes(tf).regimeTimeframe(tf).build();
    }

    /**
     * Each series' instrument from the built-in table (an unknown symbol is an error naming it, never another
     * instrument's specification), with its tick value in the replay's USD account at the first bar's rates — what a
     * terminal's hello would carry at the start. A profit currency that no symbol of the replay converts to USD is an
     * error naming the pair to add (a JPY cross needs USDJPY).
     */
    static List<SymbolSpec> specs(List<List<Bar>> series) {
        InstrumentTable table = InstrumentTable.builtIn();
        List<Instrument> instruments = new ArrayList<>();
        Map<String, Double> firstClose = new HashMap<>();
        for (List<Bar> s : series) {
            String symbol = s.get(0).symbol();
            instruments.add(table.find(symbol).orElseThrow(() -> new IllegalArgumentException("no instrument specification for "
                    + symbol + " (docs/instruments.md lists the built-in ones; add it to an instrument file)")));
            firstClose.put(symbol, s.get(0).close());
        }
        CurrencyConverter usd = CurrencyConverter.forInstruments(ACCOUNT_CURRENCY, instruments, Map.of());
        QuoteLookup atStart = sym -> firstClose.getOrDefault(sym, Double.NaN);
        List<SymbolSpec> specs = new ArrayList<>();
        for (Instrument i : instruments) {
            if (usd.routeOrNull(i.profitCurrency()) == null || !(usd.route(i.profitCurrency()).rate(atStart) > 0)) {
                throw new IllegalArgumentException(i.symbol() + ": its profit currency " + i.profitCurrency() + " cannot be valued in "
                        + ACCOUNT_CURRENCY + " without a " + CurrencyConverter.marketPair(i.profitCurrency(), ACCOUNT_CURRENCY)
                        + " series in the same replay");
            }
            specs.add(i.toSymbolSpec(usd.tickValue(i, atStart)));
        }
        return specs;
    }

    /** The replay's account: 100,000 USD, as the engine and its risk budget below. */
    static final String ACCOUNT_CURRENCY = "USD";

    /**
     * @param series     one bar list per symbol, each in time order, all of one timeframe
     * @param classifier the served stack the engine asks (the pipeline serves the first stage only), or null for the
     *                   fallback only; recorded: its classifier p and the fallback p
     * @param recordFromMs queries before this time are not recorded (still replayed: warm-up and memory)
     */
    public static Result run(List<List<Bar>> series, SignalConfig cfg, ServedWinProbability classifier, long recordFromMs) {
        if (series.isEmpty()) throw new IllegalArgumentException("no bar series to replay");
        Timeframe tf = series.get(0).get(0).timeframe();
        if (cfg.timeframes.size() != 1 || cfg.timeframes.get(0) != tf) {
            throw new IllegalArgumentException("replay config must have exactly the bars' timeframe " + tf + ", has " + cfg.timeframes);
        }
        List<SymbolSpec> specs = new ArrayList<>();
        List<Bar> merged = new ArrayList<>();
        for (List<Bar> s : series) {
            if (s.isEmpty()) throw new IllegalArgumentException("an empty bar series");
            Bar first = s.get(0);
            if (first.timeframe() != tf) throw new IllegalArgumentException(first.symbol() + " is " + first.timeframe() + ", not " + tf);
            if (specs.stream().anyMatch(x -> x.symbol().equals(first.symbol()))) {
                throw new IllegalArgumentException("symbol " + first.symbol() + " given twice");
            }
            merged.addAll(s);
        }
        specs.addAll(specs(series));
        merged.sort(Comparator.comparingLong(Bar::openTimeMs)); // stable: symbols keep file order within a time
        RecordingWinProbability recorder = new RecordingWinProbability(classifier, new DriftWinProbability());
        RecentOutcomeMemory memory = new RecentOutcomeMemory(50);
        PropFirmRiskBudget risk = PropFirmRiskBudget.typical(100_000);
        SignalPorts ports = new SignalPorts(risk, memory, recorder, EventSource.NONE, Clock.SYSTEM);
        SignalEngine engine = new SignalEngine(cfg, specs, ports, 100_000);
        long barMs = tf.millis();
        int horizon = cfg.horizonBars;
        Map<String, TpSlFeatures> sigma = new HashMap<>();
        Map<String, List<Pending>> pending = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        int queries = 0, trades = 0, unresolved = 0, noSigma = 0;
        for (Bar b : merged) {
            engine.onBar(b);
            TpSlFeatures vol = sigma.computeIfAbsent(b.symbol(), k -> new TpSlFeatures());
            try {
                vol.onBar(b);
            } catch (IllegalArgumentException repeated) {
                continue; // a duplicate or bad bar: the engine refused it too
            }
            List<Pending> open = pending.computeIfAbsent(b.symbol(), k -> new ArrayList<>());
            for (int i = 0; i < open.size(); ) {
                Pending p = open.get(i);
                OutcomeLabel.State st = p.label.onBar(b, barMs);
                if (st == OutcomeLabel.State.PENDING) { i++; continue; }
                open.remove(i);
                if (st == OutcomeLabel.State.DROPPED) { unresolved++; continue; }
                int y = st == OutcomeLabel.State.WIN ? 1 : 0;
                WinQuery q = p.rec.query();
                if (p.taken) {
                    double r = y == 1 ? q.tp1Sigma() / q.slSigma() : -1;
                    engine.onTradeClosed(new TradeOutcome(q.symbol(), q.alpha(), q.regime(), r, r, p.label.exitMs()));
                }
                if (p.entryMs >= recordFromMs) {
                    rows.add(new Row(q, p.rec.classifierP(), p.rec.fallbackP(), p.taken, y, p.entryMs, p.label.exitMs(),
                            p.rec.seqPUp(), p.rec.seqVol()));
                }
            }
            long closeMs = b.openTimeMs() + barMs;
            double point = specs.get(engine.symbolId(b.symbol())).point();
            double spread = (b.spread() > 0 ? b.spread() : DEFAULT_SPREAD_POINTS) * point;
            Decision d = engine.onQuote(engine.symbolId(b.symbol()), closeMs, b.close(), b.close() + spread, 1);
            for (RecordingWinProbability.Recorded rec : recorder.drain()) {
                queries++;
                boolean taken = d instanceof TradeCandidate;
                if (taken) trades++;
                double sigmaH = vol.ready() ? vol.sigma1(TpSlFeatures.LOOKBACK) * Math.sqrt(horizon) : 0;
                if (!(sigmaH > 0)) { noSigma++; continue; }
                open.add(new Pending(rec, taken, closeMs, new OutcomeLabel(rec.query().direction(), b.close(), sigmaH,
                        rec.query().tp1Sigma(), rec.query().slSigma(), b.openTimeMs(), horizon, barMs)));
            }
        }
        for (List<Pending> p : pending.values()) unresolved += p.size();
        rows.sort(Comparator.comparingLong(Row::entryMs));
        return new Result(List.copyOf(rows), queries, trades, unresolved, noSigma);
    }

    private record Pending(RecordingWinProbability.Recorded rec, boolean taken, long entryMs, OutcomeLabel label) {
    }
}
