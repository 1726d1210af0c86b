package io.vprop.signal.edge;

import io.vprop.market.Timeframe;
import io.vprop.market.instrument.Session;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alphas' fitted edges (docs/signal-engine.md, "Fitted edges"): one {@link Cell} per (alpha, timeframe, symbol
 * class, regime, session) with its shrunk expected R before costs and its shrunk win rate, and one Beta prior per
 * (regime, alpha) for the Thompson sampler. Built by the research module's fit from out-of-sample-safe data and read
 * from a versioned artefact; the engine only looks values up. Where the fit saw a timeframe and symbol class
 * ({@link #covers}), a setup whose cell was never observed has no edge (0 R before costs): no evidence, no trade.
 * Where it saw neither (an intraday timeframe on a symbol class no intraday file has), the engine keeps its hand-set
 * prior ({@link FittedWinProbability}). An artefact merged from several data sets (H4/D1, EURUSD H1, M1, ticks) holds
 * one set of bandit priors per regime timeframe: the engine takes the set of its own regime timeframe.
 */
public final class EdgeTable {
    /** One fitted cell: evidence n, shrunk expected R before costs (gross), shrunk win rate of net R &gt; 0. */
    public record Cell(AlphaId alpha, Timeframe timeframe, String symbolClass, Regime regime, Session session,
                       int n, double grossR, double winRate) {
        public Cell {
            if (alpha == null || timeframe == null || symbolClass == null || regime == null || session == null)
                throw new IllegalArgumentException("an edge cell needs alpha, timeframe, symbol class, regime and session");
            if (!Double.isFinite(grossR) || !(winRate >= 0 && winRate <= 1) || n < 0)
                throw new IllegalArgumentException("edge cell " + alpha + "/" + timeframe + ": bad numbers n=" + n
                        + " grossR=" + grossR + " winRate=" + winRate);
        }
    }

    /**
     * Beta(a, b) prior of the bandit for one (regime, alpha), fitted on the candidates of an engine whose regime was
     * read on {@code regimeTimeframe} (null: any engine).
     */
    public record Prior(Timeframe regimeTimeframe, Regime regime, AlphaId alpha, double a, double b) {
        public Prior {
            if (!(a > 0 && b > 0) || !Double.isFinite(a) || !Double.isFinite(b))
                throw new IllegalArgumentException("Beta prior of " + regime + "/" + alpha + " must be > 0, got " + a + ", " + b);
        }

        public Prior(Regime regime, AlphaId alpha, double a, double b) { this(null, regime, alpha, a, b); }
    }

    private static final String ANY = "*";
    private final String version;
    private final Map<String, Cell> cells = new HashMap<>();
    private final java.util.Set<String> covered = new java.util.HashSet<>();
    private final Map<String, double[][]> priors = new HashMap<>();   // regime timeframe (or ANY) -> {a[], b[]}
    private final double defaultA, defaultB;

    /** @param defaultA, defaultB the prior of a (regime, alpha) the fit did not see */
    public EdgeTable(String version, List<Cell> cells, List<Prior> priors, double defaultA, double defaultB) {
        if (version == null || version.isBlank()) throw new IllegalArgumentException("an edge table needs its version");
        this.version = version;
        for (Cell c : cells) {
            if (this.cells.put(key(c.alpha(), c.timeframe(), c.symbolClass(), c.regime(), c.session()), c) != null)
                throw new IllegalArgumentException("edge cell twice: " + c);
            covered.add(c.timeframe().name() + "|" + c.symbolClass());
        }
        this.defaultA = defaultA;
        this.defaultB = defaultB;
        for (Prior p : priors) {
            double[][] ab = this.priors.computeIfAbsent(p.regimeTimeframe() == null ? ANY : p.regimeTimeframe().name(), k -> {
                double[][] x = new double[2][Regime.COUNT * AlphaId.COUNT];
                java.util.Arrays.fill(x[0], defaultA);
                java.util.Arrays.fill(x[1], defaultB);
                return x;
            });
            int k = p.regime().ordinal() * AlphaId.COUNT + p.alpha().ordinal();
            ab[0][k] = p.a();
            ab[1][k] = p.b();
        }
    }

    public String version() { return version; }

    public int size() { return cells.size(); }

    /** The cell of a setup, or null when the fit never saw one like it. */
    public Cell cell(AlphaId alpha, Timeframe tf, String symbol, Regime regime, long timeMs) {
        return cells.get(key(alpha, tf, symbolClass(symbol), regime, Session.at(timeMs)));
    }

    /**
     * True when the fit saw candidates of this timeframe on the symbol's class: then its cells answer (an unseen cell
     * is no edge); otherwise the engine keeps its hand-set prior for such a setup.
     */
    public boolean covers(Timeframe tf, String symbol) { return covered.contains(tf.name() + "|" + symbolClass(symbol)); }

    /** The bandit prior for an engine reading its regime on {@code regimeTf}: that set, else one for any, else the default. */
    public double priorA(Timeframe regimeTf, Regime r, AlphaId a) { return prior(regimeTf, 0, r, a, defaultA); }

    public double priorB(Timeframe regimeTf, Regime r, AlphaId a) { return prior(regimeTf, 1, r, a, defaultB); }

    /** Whether the artefact has bandit priors for an engine whose regime timeframe is {@code regimeTf}. */
    public boolean hasPriors(Timeframe regimeTf) {
        return priors.containsKey(regimeTf == null ? ANY : regimeTf.name()) || priors.containsKey(ANY);
    }

    /** The prior of a single-data-set artefact (any regime timeframe). */
    public double priorA(Regime r, AlphaId a) { return prior(null, 0, r, a, defaultA); }

    public double priorB(Regime r, AlphaId a) { return prior(null, 1, r, a, defaultB); }

    private double prior(Timeframe regimeTf, int which, Regime r, AlphaId a, double otherwise) {
        double[][] ab = regimeTf == null ? null : priors.get(regimeTf.name());
        if (ab == null) ab = priors.get(ANY);
        if (ab == null && regimeTf == null && priors.size() == 1) ab = priors.values().iterator().next();
        return ab == null ? otherwise : ab[which][r.ordinal() * AlphaId.COUNT + a.ordinal()];
    }

    /**
     * The class a symbol's edge is pooled in: {@code jpy} (JPY quoted: a different pip and carry), {@code usd} (a USD
     * pair), {@code cross} (any other six-letter FX pair), else {@code other}. Coarse on purpose: 12 pairs cannot
     * support an edge per symbol.
     */
    public static String symbolClass(String symbol) {
        String s = symbol.toUpperCase(Locale.ROOT);
        if (s.length() < 6) return "other";
        String base = s.substring(0, 3), quote = s.substring(3, 6);
        if (quote.equals("JPY")) return "jpy";
        if (base.equals("USD") || quote.equals("USD")) return "usd";
        return s.chars().limit(6).allMatch(Character::isLetter) ? "cross" : "other";
    }

    private static String key(AlphaId a, Timeframe tf, String cls, Regime r, Session s) {
        return a.ordinal() + "|" + tf.name() + "|" + cls + "|" + r.ordinal() + "|" + s.ordinal();
    }
}
