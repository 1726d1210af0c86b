package io.vprop.challenge.sim;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.Progress;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.profile.NewsConfig;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;

import java.util.Arrays;
import java.util.List;

/**
 * Runs one path: every challenge phase in turn on the days a {@link DayCursor} hands out, then the funded account,
 * each through a fresh {@link GovernorEngine} of the phase's profile. The engine decides everything; this class only
 * rebuilds the intraday equity path and acts on the verdicts as a trader who obeys them would.
 *
 * <p><b>Equity path.</b> Each trade: entry fill at its open; an account snapshot at its worst point; exit fill and
 * snapshot at its close. Open trades in between are valued on the straight lines open (0) → worst → close (net);
 * at any trade's worst point every open trade is counted at its own worst (overlapping trades are assumed to reach
 * their worst together: conservative). With trades still open at a day reset, a snapshot 1 ms before the reset
 * gives the engine the equity it anchors the next day on.
 *
 * <p><b>Verdicts.</b> FLATTEN_AND_HALT fails the phase by the verdict's rule id. PAUSE_UNTIL_RESET (a daily loss that
 * pauses, a forced-flat window) closes the open trades at their current value (at their worst when the pause came
 * from a worst point) and skips the trades that open before the pause ends. In a news rule of mode BLOCK, a fill the
 * engine counts as a violation fails the phase ("news-embargo"). The profit-target lock (VProp's) is not obeyed: a
 * phase whose target is reached but whose best-day or profitable-days rule is not met goes on trading.
 *
 * <p><b>Passing.</b> When no trade is open and {@code engine.progress().objectivesMet()}. When only the minimum
 * trading days are missing, the trader stops trading the strategy and opens and closes one minimum position (0.01
 * lots, zero P&amp;L) an hour after the start of each following day of a weekday the history traded on.
 *
 * <p>One runner per thread; reused from path to path.
 */
final class PathRunner {
    static final int NOT_REACHED = 0, PASS = 1, FAIL = 2, HORIZON = 3, END = 4;
    static final int FUNDED_DAYS = 183;
    static final String TIME_LIMIT = "time-limit", INACTIVITY = "inactivity", NEWS = "news-embargo";
    private static final int CONTINUE = -1;
    private static final int OPEN = 0, WORST = 1, CLOSE = 2;
    private static final long FILLER_OFFSET_MS = 3_600_000L;

    private final Book book;
    private final List<Phase> challenge;
    private final Phase funded;
    private final double initialBalance;
    private final String currency;
    private final int horizonDays;
    private final EventHeap heap = new EventHeap();
    private final boolean governed; // false only for the benchmark's baseline: the same loop, no engine

    // per attempt
    private GovernorEngine engine;
    private double balance;
    private long pausedUntil;
    private boolean filler;
    private boolean newsBlock;
    private boolean forcedFlat;     // the profile has forced-flat windows: ask the clock before each entry
    private int day;                // the attempt's current day, 1-based
    private int lastActive;         // the last day a position was opened
    int days;          // days used by the last attempt
    String rule;       // rule id of the last failure

    // trade slots of the current attempt
    private int slots;
    private int[] sTrade = new int[64];
    private long[] sOpen = new long[64], sWorstT = new long[64], sClose = new long[64];
    private double[] sWorst = new double[64], sNet = new double[64];
    private boolean[] sDone = new boolean[64];
    private int[] open = new int[16];
    private int openN;

    PathRunner(Book book, FirmPlan plan, double initialBalance, String currency, int horizonDays) {
        this(book, plan, initialBalance, currency, horizonDays, true);
    }

    PathRunner(Book book, FirmPlan plan, double initialBalance, String currency, int horizonDays, boolean governed) {
        this.governed = governed;
        this.book = book;
        this.challenge = plan.challenge();
        this.funded = plan.funded();
        this.initialBalance = initialBalance;
        this.currency = currency;
        this.horizonDays = horizonDays;
    }

    /** Calendar days a bootstrap path may need: every challenge phase to its limit, then the funded account. */
    static int calendarDays(FirmPlan plan, int horizonDays) {
        int n = 2;
        for (Phase p : plan.challenge()) n += p.timeLimitDays() > 0 ? p.timeLimitDays() : horizonDays;
        return n + (plan.funded() == null ? 0 : FUNDED_DAYS);
    }

    void run(DayCursor c, PathOutcomes out, int path) {
        for (int k = 0; k < challenge.size(); k++) {
            Phase ph = challenge.get(k);
            int st = attempt(ph, c, ph.timeLimitDays() > 0 ? ph.timeLimitDays() : horizonDays);
            out.set(path, k, st, days, st == FAIL ? rule : null);
            if (st != PASS) return;
        }
        if (funded != null) {
            int st = attempt(funded, c, FUNDED_DAYS);
            out.setFunded(path, st, days, st == FAIL ? rule : null);
        }
    }

    /** One phase from a fresh account; leaves the cursor on the day the phase ended. */
    int attempt(Phase ph, DayCursor c, int maxDays) {
        engine = governed ? GovernorEngine.start(ph.profile(), initialBalance, currency) : null;
        balance = initialBalance;
        pausedUntil = Long.MIN_VALUE;
        filler = false;
        heap.clear();
        slots = 0;
        openN = 0;
        rule = null;
        NewsConfig news = ph.profile().news();
        newsBlock = news != null && news.mode() == NewsConfig.Mode.BLOCK;
        boolean feedNews = news != null && book.hasNews();
        forcedFlat = !ph.profile().forcedFlat().isEmpty();
        lastActive = 0;
        for (day = 1; day <= maxDays; day++) {
            if (!c.next()) {
                days = day - 1;
                return END;
            }
            days = day;
            long start = c.start, end = c.end;
            int hd = c.histDay;
            if (feedNews) {
                for (int i = book.newsFirst[hd]; i < book.newsFirst[hd + 1]; i++) {
                    eval(new NewsEvent(start, start + book.newsOff[i], book.newsCcy[i], NewsEvent.Impact.HIGH));
                }
            }
            if (filler) {
                if (book.tradedWeekday[c.weekday]) {
                    long t = start + FILLER_OFFSET_MS;
                    int r = verdict(eval(new FillEvent(t, book.fillerEntry, t)), t, true, false);
                    if (r == CONTINUE) r = verdict(eval(new FillEvent(t + 60_000, book.fillerExit, t)), t + 60_000, true, false);
                    if (r != CONTINUE) return r;
                    lastActive = day;
                    if (engine.progress().objectivesMet()) return PASS;
                }
            } else {
                for (int j = book.dayFirst[hd], n = book.dayFirst[hd + 1]; j < n; j++) {
                    heap.push(start + book.openOff[j], j << 2 | OPEN);
                }
            }
            while (!heap.isEmpty() && heap.peekTime() < end) {
                long t = heap.peekTime();
                int p = heap.peekPayload();
                heap.pop();
                int x = p >>> 2;
                int r = switch (p & 3) {
                    case OPEN -> filler || t < pausedUntil ? CONTINUE : open(x, t); // else not taken
                    case WORST -> sDone[x] ? CONTINUE : worst(t);
                    default -> sDone[x] ? CONTINUE : close(x, t);
                };
                if (r != CONTINUE) return r;
            }
            if (openN > 0) {
                int r = snapshot(end - 1, valuedEquity(end - 1), false);
                if (r != CONTINUE) return r;
            }
            if (ph.inactivityDays() > 0 && day - lastActive >= ph.inactivityDays()) {
                rule = INACTIVITY;
                return FAIL;
            }
        }
        days = maxDays;
        if (ph.timeLimitDays() > 0) {
            rule = TIME_LIMIT;
            return FAIL;
        }
        return HORIZON;
    }

    private RuleVerdict eval(GovernorEvent e) {
        return governed ? engine.evaluate(e) : RuleVerdict.ALLOW;
    }

    private int open(int j, long t) {
        if (forcedFlat) {
            // a window may have begun since the last event: the clock tells, and a trade inside it is not taken
            int r = verdict(eval(new ClockTick(t)), t, false, false);
            if (r != CONTINUE) return r;
            if (t < pausedUntil) return CONTINUE;
        }
        lastActive = day;
        int s = newSlot();
        sTrade[s] = j;
        sOpen[s] = t;
        sWorstT[s] = t + (book.worstOff[j] - book.openOff[j]);
        sClose[s] = t + (book.closeOff[j] - book.openOff[j]);
        sWorst[s] = book.worst[j];
        sNet[s] = book.net[j];
        sDone[s] = false;
        if (openN == open.length) open = Arrays.copyOf(open, openN * 2);
        open[openN++] = s;
        heap.push(sWorstT[s], s << 2 | WORST);
        heap.push(sClose[s], s << 2 | CLOSE);
        return verdict(eval(new FillEvent(t, book.entry[j], t)), t, true, false);
    }

    private int worst(long t) {
        double eq = balance;
        for (int i = 0; i < openN; i++) eq += sWorst[open[i]];
        return snapshot(t, eq, true);
    }

    private int close(int s, long t) {
        removeOpen(s);
        sDone[s] = true;
        balance += sNet[s];
        int r = verdict(eval(new FillEvent(t, book.exit[sTrade[s]], sOpen[s])), t, true, false);
        if (r != CONTINUE) return r;
        r = snapshot(t, valuedEquity(t), false);
        if (r != CONTINUE || openN > 0 || !governed) return r;
        Progress p = engine.progress();
        if (p.objectivesMet()) return PASS;
        if (p.onlyTradingDaysMissing()) filler = true;
        return CONTINUE;
    }

    private int snapshot(long t, double equity, boolean atWorst) {
        return verdict(eval(new AccountSnapshot(t, balance, Math.max(0, equity))), t, false, atWorst);
    }

    private int verdict(RuleVerdict v, long t, boolean fill, boolean atWorst) {
        if (v == RuleVerdict.ALLOW) return CONTINUE;
        if (v.action() == Action.FLATTEN_AND_HALT) {
            rule = v.ruleId();
            return FAIL;
        }
        if (fill && newsBlock) {
            for (RuleHit h : v.hits()) {
                if (NEWS.equals(h.ruleId())) {
                    rule = NEWS;
                    return FAIL;
                }
            }
        }
        if (v.action() == Action.PAUSE_UNTIL_RESET && v.untilMs() > t) {
            if (v.untilMs() > pausedUntil) pausedUntil = v.untilMs();
            if (openN > 0) return flatten(t, atWorst);
        }
        return CONTINUE;
    }

    /** Closes every open trade at its current value; the engine is told as a trader who obeyed would tell it. */
    private int flatten(long t, boolean atWorst) {
        while (openN > 0) {
            int s = open[--openN];
            sDone[s] = true;
            double value = atWorst ? sWorst[s] : value(s, t);
            balance += value;
            Fill x = book.exit[sTrade[s]];
            Fill f = new Fill(0, 0, x.position(), "", x.symbol(), x.side(), FillEntry.OUT, x.price(), x.volume(), 0, 0,
                    value, t, "lab-flatten");
            RuleVerdict v = eval(new FillEvent(t, f, sOpen[s]));
            if (v.action() == Action.FLATTEN_AND_HALT) {
                rule = v.ruleId();
                return FAIL;
            }
        }
        RuleVerdict v = eval(new AccountSnapshot(t, balance, Math.max(0, balance)));
        if (v.action() == Action.FLATTEN_AND_HALT) {
            rule = v.ruleId();
            return FAIL;
        }
        return CONTINUE;
    }

    private double valuedEquity(long t) {
        double eq = balance;
        for (int i = 0; i < openN; i++) eq += value(open[i], t);
        return eq;
    }

    /** Floating P&amp;L of slot s at t on the straight lines open → worst → close. */
    private double value(int s, long t) {
        long o = sOpen[s], w = sWorstT[s], c = sClose[s];
        if (t <= o) return 0;
        if (t < w) return sWorst[s] * (double) (t - o) / (w - o);
        if (t < c) return sWorst[s] + (sNet[s] - sWorst[s]) * (double) (t - w) / (c - w);
        return sNet[s];
    }

    private void removeOpen(int s) {
        for (int i = 0; i < openN; i++) {
            if (open[i] == s) {
                open[i] = open[--openN];
                return;
            }
        }
    }

    private int newSlot() {
        if (slots == sTrade.length) {
            int n = slots * 2;
            sTrade = Arrays.copyOf(sTrade, n);
            sOpen = Arrays.copyOf(sOpen, n);
            sWorstT = Arrays.copyOf(sWorstT, n);
            sClose = Arrays.copyOf(sClose, n);
            sWorst = Arrays.copyOf(sWorst, n);
            sNet = Arrays.copyOf(sNet, n);
            sDone = Arrays.copyOf(sDone, n);
        }
        return slots++;
    }
}
