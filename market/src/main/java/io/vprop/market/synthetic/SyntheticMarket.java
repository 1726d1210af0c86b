package io.vprop.market.synthetic;

import io.vprop.market.SymbolSpec;
import io.vprop.market.Tick;
import io.vprop.market.TickSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible FX tick generator for the 28 majors/crosses (or a subset). Same config → the identical
 * tick stream, on any JVM (one {@link SplittableRandom}, own Gaussian sampler).
 *
 * <p>Model (docs/market-data.md has the numbers):
 * <ul>
 *   <li>Each non-USD currency has a log USD value driven by a Heston-like stochastic variance (mean-reverting,
 *       vol-of-vol, floored) and a shock that mixes a common USD factor (weight {@value #USD_FACTOR}) with its own;
 *       a pair's price is base value / quote value, so pairs sharing a currency move together.</li>
 *   <li>Intraday seasonality of volatility and tick intensity: Asia quiet, London and the London/NY overlap
 *       active, the 21:00–22:00 UTC rollover hour quietest.</li>
 *   <li>Spreads widen ×6 in the first 10 minutes of the 21:00 UTC rollover and ×2.5 for the rest of that hour,
 *       ×4 around news for pairs of the news currency (2 min before to 3 min after).</li>
 *   <li>Scheduled news (2 per weekday drawn from a template of real release times, or the caller's list) jump
 *       the currency and raise its volatility, decaying over 10 minutes.</li>
 *   <li>The market is closed from Friday 21:00 to Sunday 21:00 UTC; it reopens with a weekend gap.</li>
 * </ul>
 */
public final class SyntheticMarket implements TickSource {
    static final double USD_FACTOR = 0.6;
    private static final double MS_PER_DAY = 86_400_000.0;
    private static final double MEAN_ACTIVITY = 20.15 / 24; // daily mean of activity(): keeps daily vol on target
    private static final double KAPPA = 0.5;    // variance mean reversion, per day
    private static final double VOL_OF_VAR = 3e-3;

    /**
     * @param seed           random seed
     * @param startTimeMs    UTC epoch ms of the simulated clock's start
     * @param ticksPerSecond mean tick rate over all symbols at average activity (London is busier, Asia quieter)
     * @param symbols        pairs to emit, from {@link FxUniverse#SYMBOLS}
     * @param news           extra scheduled events; {@code generateNews} adds 2 template events per weekday
     */
    public record Config(long seed, long startTimeMs, double ticksPerSecond, List<String> symbols,
                         List<NewsEvent> news, boolean generateNews) {
        public Config {
            if (!(ticksPerSecond > 0) || Double.isInfinite(ticksPerSecond)) {
                throw new IllegalArgumentException("ticksPerSecond must be positive and finite, got " + ticksPerSecond);
            }
            if (symbols == null || symbols.isEmpty()) throw new IllegalArgumentException("symbols must not be empty");
            for (String s : symbols) FxUniverse.spec(s); // throws naming an unknown symbol
            symbols = List.copyOf(symbols);
            news = news == null ? List.of() : List.copyOf(news);
        }
    }

    private record Template(int minuteOfDay, String currency, double impact) {
    }

    private static final List<Template> NEWS_TEMPLATE = List.of(
            new Template(90, "AUD", 3), new Template(420, "GBP", 2.5), new Template(510, "GBP", 3),
            new Template(540, "EUR", 3), new Template(750, "USD", 5), new Template(750, "CAD", 3),
            new Template(825, "EUR", 4), new Template(840, "USD", 3), new Template(900, "USD", 2.5),
            new Template(1365, "NZD", 3));

    private final Config config;
    private final SplittableRandom rng;
    private final int nCcy = FxUniverse.CURRENCIES.size();
    private final double[] logValue = new double[nCcy];   // log USD value per currency
    private final double[] variance = new double[nCcy];   // per-day variance per currency
    private final double[] theta = new double[nCcy];      // long-run per-day variance
    private final String[] symbols;
    private final int[] baseIdx, quoteIdx, digits, spreadPoints;
    private final double[] point, cumWeight;
    private final double[] pow10;
    private final double[] lastBid, lastAsk;
    private final SymbolSpec[] specs;
    private final int usd = FxUniverse.CURRENCIES.indexOf("USD");

    private double clockMs;
    private long newsDay = Long.MIN_VALUE;
    private List<NewsEvent> todaysNews = List.of();
    private int nextNewsJump; // index into todaysNews of the first event whose jump is still to apply
    private double spareGaussian = Double.NaN;

    public SyntheticMarket(long seed, long startTimeMs, double ticksPerSecond) {
        this(new Config(seed, startTimeMs, ticksPerSecond, FxUniverse.SYMBOLS, List.of(), true));
    }

    public SyntheticMarket(Config config) {
        this.config = config;
        this.rng = new SplittableRandom(config.seed());
        for (int c = 0; c < nCcy; c++) {
            String ccy = FxUniverse.CURRENCIES.get(c);
            logValue[c] = StrictMath.log(FxUniverse.usdValue(ccy));
            double vol = FxUniverse.ANNUAL_VOL.get(ccy);
            theta[c] = vol * vol / 260;
            variance[c] = theta[c];
        }
        int n = config.symbols().size();
        symbols = config.symbols().toArray(String[]::new);
        baseIdx = new int[n];
        quoteIdx = new int[n];
        digits = new int[n];
        spreadPoints = new int[n];
        point = new double[n];
        pow10 = new double[n];
        cumWeight = new double[n];
        lastBid = new double[n];
        lastAsk = new double[n];
        specs = new SymbolSpec[n];
        double cum = 0;
        for (int i = 0; i < n; i++) {
            String s = symbols[i];
            specs[i] = FxUniverse.spec(s);
            baseIdx[i] = FxUniverse.CURRENCIES.indexOf(s.substring(0, 3));
            quoteIdx[i] = FxUniverse.CURRENCIES.indexOf(s.substring(3, 6));
            digits[i] = specs[i].digits();
            point[i] = specs[i].point();
            pow10[i] = Math.pow(10, digits[i]);
            spreadPoints[i] = FxUniverse.baseSpreadPoints(s);
            cum += s.contains("USD") ? 3 : 1; // USD pairs tick more often
            cumWeight[i] = cum;
        }
        clockMs = config.startTimeMs();
        if (!isOpen((long) clockMs)) clockMs = nextOpen((long) clockMs);
    }

    /** The pairs this market emits. */
    public List<String> symbols() { return config.symbols(); }

    /** Broker specs of the emitted pairs (see {@link FxUniverse#spec}). */
    public List<SymbolSpec> specs() { return List.of(specs); }

    public SymbolSpec spec(String symbol) { return FxUniverse.spec(symbol); }

    /** Current simulated time, UTC epoch ms. */
    public long clockMs() { return (long) clockMs; }

    /** True when FX trades: not between Friday 21:00 and Sunday 21:00 UTC. */
    public static boolean isOpen(long timeMs) {
        long day = Math.floorDiv(timeMs, 86_400_000L);
        int dow = (int) Math.floorMod(day + 3, 7); // 0 = Monday (1970-01-01 was a Thursday)
        long msOfDay = Math.floorMod(timeMs, 86_400_000L);
        boolean after21 = msOfDay >= 21 * 3_600_000L;
        return !((dow == 4 && after21) || dow == 5 || (dow == 6 && !after21));
    }

    private static long nextOpen(long timeMs) {
        long day = Math.floorDiv(timeMs, 86_400_000L);
        int dow = (int) Math.floorMod(day + 3, 7);
        long sunday = day + (6 - dow);
        return sunday * 86_400_000L + 21 * 3_600_000L;
    }

    /** Scheduled news of a UTC day: the caller's events plus, on weekdays, 2 drawn from the template. */
    public List<NewsEvent> newsOn(long epochDay) {
        List<NewsEvent> out = new ArrayList<>();
        for (NewsEvent e : config.news()) if (Math.floorDiv(e.timeMs(), 86_400_000L) == epochDay) out.add(e);
        int dow = (int) Math.floorMod(epochDay + 3, 7);
        if (config.generateNews() && dow < 5) {
            // a per-day generator: the schedule does not depend on where the simulation started
            SplittableRandom day = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epochDay);
            int a = day.nextInt(NEWS_TEMPLATE.size()), b = day.nextInt(NEWS_TEMPLATE.size() - 1);
            if (b >= a) b++;
            for (int k : new int[]{a, b}) {
                Template t = NEWS_TEMPLATE.get(k);
                out.add(new NewsEvent(epochDay * 86_400_000L + t.minuteOfDay() * 60_000L, t.currency(), t.impact()));
            }
        }
        out.sort((x, y) -> Long.compare(x.timeMs(), y.timeMs()));
        return Collections.unmodifiableList(out);
    }

    @Override
    public Tick next() {
        double intensityPerMs = config.ticksPerSecond() / 1000.0 * activity((long) clockMs) / MEAN_ACTIVITY
                * newsTickBoost((long) clockMs);
        double dtMs = -StrictMath.log(1.0 - rng.nextDouble()) / intensityPerMs;
        double t = clockMs + dtMs;
        if (!isOpen((long) t)) {
            // closed for the weekend: reopen Sunday 21:00 UTC with a gap worth half a day of diffusion
            t = nextOpen((long) t) + rng.nextDouble() * 1000;
            evolve(0.5 * MS_PER_DAY, 1.0, (long) t);
        } else {
            evolve(dtMs, activity((long) t) / MEAN_ACTIVITY, (long) t);
        }
        clockMs = t;
        return quote(pickSymbol(), (long) t);
    }

    /** Advances every currency's variance and log value by dtMs of simulated time. */
    private void evolve(double dtMs, double seasonal, long timeMs) {
        double dt = dtMs / MS_PER_DAY;
        rollNews(timeMs);
        double zUsd = gaussian();
        for (int c = 0; c < nCcy; c++) {
            if (c == usd) continue;
            double v = variance[c];
            v += KAPPA * (theta[c] - v) * dt + VOL_OF_VAR * Math.sqrt(v * dt) * gaussian();
            variance[c] = v = Math.max(v, 0.05 * theta[c]);
            double m = seasonal * newsVolMultiplier(c, timeMs);
            double z = USD_FACTOR * zUsd + Math.sqrt(1 - USD_FACTOR * USD_FACTOR) * gaussian();
            logValue[c] += Math.sqrt(v * m * dt) * z - 0.5 * v * m * dt;
        }
        // releases: one jump per event, a fraction of a day's volatility times its impact
        while (nextNewsJump < todaysNews.size() && todaysNews.get(nextNewsJump).timeMs() <= timeMs) {
            NewsEvent e = todaysNews.get(nextNewsJump++);
            int c = FxUniverse.CURRENCIES.indexOf(e.currency());
            if (c >= 0 && c != usd) logValue[c] += 0.05 * e.impact() * Math.sqrt(theta[c]) * gaussian();
            else if (c == usd) for (int k = 0; k < nCcy; k++) if (k != usd) logValue[k] -= 0.05 * e.impact() * Math.sqrt(theta[k]) * gaussian();
        }
    }

    private void rollNews(long timeMs) {
        long day = Math.floorDiv(timeMs, 86_400_000L);
        if (day != newsDay) {
            newsDay = day;
            todaysNews = newsOn(day);
            nextNewsJump = 0;
            while (nextNewsJump < todaysNews.size() && todaysNews.get(nextNewsJump).timeMs() < timeMs) nextNewsJump++;
        }
    }

    private double newsVolMultiplier(int c, long timeMs) {
        double m = 1;
        String ccy = FxUniverse.CURRENCIES.get(c);
        for (NewsEvent e : todaysNews) {
            long since = timeMs - e.timeMs();
            if (since >= 0 && since < 600_000 && e.currency().equals(ccy)) {
                m = Math.max(m, 1 + (e.impact() - 1) * StrictMath.exp(-since / 180_000.0));
            }
        }
        return m;
    }

    private double newsTickBoost(long timeMs) {
        for (NewsEvent e : todaysNews) {
            long since = timeMs - e.timeMs();
            if (since >= 0 && since < 300_000) return 2.5;
        }
        return 1;
    }

    private int pickSymbol() {
        double u = rng.nextDouble() * cumWeight[cumWeight.length - 1];
        int i = 0;
        while (cumWeight[i] <= u) i++;
        return i;
    }

    private Tick quote(int i, long timeMs) {
        double mid = StrictMath.exp(logValue[baseIdx[i]] - logValue[quoteIdx[i]]);
        double widen = spreadMultiplier(i, timeMs);
        int spread = Math.max(1, (int) Math.round(spreadPoints[i] * widen * (0.8 + 0.4 * rng.nextDouble())));
        long bidPoints = Math.round(mid / point[i] - spread / 2.0);
        double bid = bidPoints / pow10[i];           // exact decimal at the symbol's digits
        double ask = (bidPoints + spread) / pow10[i];
        int flags = (bid != lastBid[i] ? 2 : 0) | (ask != lastAsk[i] ? 4 : 0);
        lastBid[i] = bid;
        lastAsk[i] = ask;
        return new Tick(symbols[i], timeMs, bid, ask, 0, 0, flags);
    }

    /** Rollover and news widening, and mild widening in thin sessions. */
    private double spreadMultiplier(int i, long timeMs) {
        long msOfDay = Math.floorMod(timeMs, 86_400_000L);
        double m = 1;
        if (msOfDay >= 21 * 3_600_000L && msOfDay < 22 * 3_600_000L) {
            m = msOfDay < 21 * 3_600_000L + 600_000 ? 6 : 2.5;
        } else {
            m = Math.min(2.0, Math.max(0.8, Math.sqrt(MEAN_ACTIVITY / activity(timeMs))));
        }
        String base = symbols[i].substring(0, 3), quote = symbols[i].substring(3, 6);
        for (NewsEvent e : todaysNews) {
            long d = timeMs - e.timeMs();
            if (d >= -120_000 && d <= 180_000 && (e.currency().equals(base) || e.currency().equals(quote))) {
                m = Math.max(m, 4);
            }
        }
        return m;
    }

    /** Relative activity by UTC hour: rollover 0.15, Sydney 0.3, Asia 0.5, London 1.2, overlap 1.6, NY 0.7. */
    static double activity(long timeMs) {
        int hour = (int) (Math.floorMod(timeMs, 86_400_000L) / 3_600_000L);
        if (hour == 21) return 0.15;
        if (hour >= 22) return 0.3;
        if (hour < 7) return 0.5;
        if (hour < 12) return 1.2;
        if (hour < 16) return 1.6;
        return 0.7;
    }

    /** Standard normal by the polar Box–Muller method (deterministic, unlike JDK-version-specific samplers). */
    private double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        return u * f;
    }
}
