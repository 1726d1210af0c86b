package io.vprop.governors.rules;

import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.ValuedOrder;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.DailyLossConfig;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.MaxLossConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's mutable account state, shared by the rules. Single-threaded by contract (one engine per account,
 * driven by one thread). Public members are the ones the engine uses; the engine exports and restores this
 * state as an {@code EngineState}.
 */
public final class Ledger {
    static final int NEWS_CAPACITY = 64;

    final FirmProfile profile;
    public final double initialBalance;
    public final String currency;
    final double maxLossLimit;
    // money that limits are computed from and compared in: exact cents (profile.Cents); the doubles beside them are
    // the same values for display, the snapshot and the pre-trade sizing
    final long initialCents;
    final long maxLossLimitCents;

    // clock
    public long nowMs = Long.MIN_VALUE;
    public long dayStartMs = Long.MIN_VALUE;
    public long nextResetMs = Long.MIN_VALUE;

    // account
    public double balance;
    public double equity;
    public List<ValuedPosition> positions = List.of();
    public int pendingOrders;
    /** Pending orders resting at the terminal (last snapshot, then the {@code order} messages since). */
    public final List<ValuedOrder> orders = new ArrayList<>();
    /** Tickets of resting orders a rule wants cancelled now (news), rebuilt by every evaluation. */
    public final List<Long> cancelTickets = new ArrayList<>();
    /** Orders the snapshot does not show yet (signals sent, fills newer than it): they count in the open risk. */
    public final InFlight inFlight = new InFlight();

    // daily loss, fixed at day start
    public double dayStartBalance;
    public double dayStartEquity;
    public double dayAnchor;
    double dailyLimit = Double.NaN;
    public double dailyFloor = Double.NEGATIVE_INFINITY;
    long dayAnchorCents;
    long dailyLimitCents;
    /** Long.MIN_VALUE when the profile has no daily loss limit. */
    long dailyFloorCents = Long.MIN_VALUE;

    // overall loss (set through raiseHighWater / restoreOverall: the cents are the truth, the doubles mirror them)
    public double highWaterMark;
    public double overallFloor;
    long highWaterCents;
    long overallFloorCents;

    // latches
    public boolean halted;
    public RuleHit haltHit;
    public long pausedUntilMs;
    public RuleHit pauseHit;
    public boolean targetLocked;
    public RuleHit lockHit;

    // days, consistency, target
    public int tradingDays;
    public int profitableDays;
    public boolean tradedToday;
    public double dayProfit;        // counted closed profit of the current day (after news haircuts)
    public double bestDayProfit;    // best completed day
    public double haircut;          // profit removed by news haircuts, total

    // activity
    public int requestsToday;
    public int positionsToday;
    public int tradesToday;
    public int consecutiveLosses;
    public long cooldownUntilMs;
    public int closedTrades;
    public int heldTrades;
    public final long[] orderTimes;  // ring of the last accepted order times, for orders per second
    public int orderCount;           // total accepted orders written to the ring

    // news
    public final long[] newsRelease = new long[NEWS_CAPACITY];
    public final String[] newsCurrency = new String[NEWS_CAPACITY];
    public int newsCount;
    public int newsViolations;

    public Ledger(FirmProfile profile, double initialBalance, String currency) {
        this.profile = profile;
        this.initialBalance = initialBalance;
        this.currency = currency;
        this.initialCents = Cents.of(initialBalance);
        this.maxLossLimitCents = profile.maxLoss().limitCents(initialCents);
        this.maxLossLimit = Cents.toDouble(maxLossLimitCents);
        int ring = profile.activity() == null ? 0 : profile.activity().maxOrdersPerSecond();
        this.orderTimes = new long[Math.max(1, ring)];
        this.balance = initialBalance;
        this.equity = initialBalance;
        setHighWater(initialCents);
        setOverallFloor(initialCents - maxLossLimitCents);
    }

    private void setHighWater(long cents) {
        highWaterCents = cents;
        highWaterMark = Cents.toDouble(cents);
    }

    private void setOverallFloor(long cents) {
        overallFloorCents = cents;
        overallFloor = Cents.toDouble(cents);
    }

    /** After a restart: the saved high-water mark and floor (the floor never falls below the profile's own). */
    public void restoreOverall(double savedHighWaterMark, double savedFloor) {
        setHighWater(Cents.of(savedHighWaterMark));
        if (savedFloor != Double.NEGATIVE_INFINITY) setOverallFloor(Math.max(overallFloorCents, Cents.of(savedFloor)));
    }

    /** Equity above today's floor, exact to the cent (infinite without a daily limit). */
    public double dailyHeadroom() {
        return dailyFloorCents == Long.MIN_VALUE ? Double.POSITIVE_INFINITY : Cents.toDouble(equityCents() - dailyFloorCents);
    }

    /** Equity above the overall floor, exact to the cent. */
    public double overallHeadroom() {
        return Cents.toDouble(equityCents() - overallFloorCents);
    }

    /** Equity in cents: the boundary conversion, done where a rule compares it. */
    long equityCents() { return Cents.of(equity); }

    long balanceCents() { return Cents.of(balance); }

    /** Starts a trading day at {@code startMs}: anchors from the current balance and equity, counters cleared. */
    public void startDay(long startMs, long nextMs) {
        dayStartMs = startMs;
        nextResetMs = nextMs;
        dayStartBalance = balance;
        dayStartEquity = equity;
        fixDailyFloor();
        tradedToday = false;
        dayProfit = 0;
        requestsToday = 0;
        positionsToday = 0;
        tradesToday = 0;
        if (pausedUntilMs != 0 && pausedUntilMs <= startMs) {
            pausedUntilMs = 0;
            pauseHit = null;
        }
    }

    /** Closes the current day: counts it, remembers the best day, trails the end-of-day floor. */
    public void endDay() {
        if (tradedToday) tradingDays++;
        if (profitableDay()) profitableDays++;
        if (dayProfit > bestDayProfit) bestDayProfit = dayProfit;
        if (profile.maxLoss().mode() == MaxLossConfig.Mode.TRAILING_EOD_BALANCE) raiseHighWater(balance);
    }

    /** Today's counted closed profit reaches the profitable-day threshold (% of initial, rounded up to the cent). */
    boolean profitableDay() {
        var td = profile.tradingDays();
        return td != null && td.profitableDayPct() > 0
                && Cents.of(dayProfit) >= Cents.pctOf(initialCents, td.profitableDayPct(), true);
    }

    public void fixDailyFloor() {
        DailyLossConfig d = profile.dailyLoss();
        if (d == null) {
            dayAnchorCents = Cents.of(dayStartBalance);
            dayAnchor = Cents.toDouble(dayAnchorCents);
            dailyLimit = Double.NaN;
            dailyLimitCents = 0;
            dailyFloor = Double.NEGATIVE_INFINITY;
            dailyFloorCents = Long.MIN_VALUE;
            return;
        }
        dayAnchorCents = anchorCents(d, dayStartBalance, dayStartEquity);
        dailyLimitCents = d.limitCents(initialCents, dayAnchorCents);
        dailyFloorCents = dayAnchorCents - dailyLimitCents;
        dayAnchor = Cents.toDouble(dayAnchorCents);
        dailyLimit = Cents.toDouble(dailyLimitCents);
        dailyFloor = Cents.toDouble(dailyFloorCents);
    }

    static long anchorCents(DailyLossConfig d, double balance, double equity) {
        return switch (d.anchor()) {
            case BALANCE -> Cents.of(balance);
            case EQUITY -> Cents.of(equity);
            case HIGHER_OF_BALANCE_AND_EQUITY -> Math.max(Cents.of(balance), Cents.of(equity));
        };
    }

    /** Raises the trailing high-water mark; the overall floor follows it up (capped by the lock) and never falls. */
    void raiseHighWater(double value) {
        long v = Cents.of(value);
        if (v <= highWaterCents) return;
        setHighWater(v);
        long f = trailingFloor(v);
        if (f > overallFloorCents) setOverallFloor(f);
    }

    /** The floor a high-water mark gives: mark minus the limit, capped by the lock (initial plus its offset). */
    private long trailingFloor(long highWater) {
        MaxLossConfig m = profile.maxLoss();
        long f = highWater - maxLossLimitCents;
        return m.lockAtInitial() ? Math.min(f, m.lockCents(initialCents)) : f;
    }

    /**
     * The overall floor as it would stand if the open winners were closed now. With a floor that trails the closed
     * balance, banking one position's profit lifts the floor under the others; pre-trade sizing uses this.
     */
    double projectedOverallFloor() {
        MaxLossConfig m = profile.maxLoss();
        if (m.mode() != MaxLossConfig.Mode.TRAILING_CLOSED_BALANCE) return overallFloor;
        double potential = balance;
        for (int i = 0, n = positions.size(); i < n; i++) potential += Math.max(0, positions.get(i).position().netProfit());
        long p = Cents.of(potential);
        if (p <= highWaterCents) return overallFloor;
        return Cents.toDouble(Math.max(overallFloorCents, trailingFloor(p)));
    }

    /** Closed profit that counts towards targets: balance gain minus news haircuts. */
    public double countedProfit() {
        return Cents.toDouble(countedProfitCents());
    }

    long countedProfitCents() {
        return balanceCents() - initialCents - Cents.of(haircut);
    }

    public boolean paused() {
        return pausedUntilMs != 0 && nowMs < pausedUntilMs;
    }

    void halt(RuleHit hit) {
        if (halted) return;
        halted = true;
        haltHit = hit;
    }

    void pause(long untilMs, RuleHit hit) {
        if (halted || (paused() && pausedUntilMs >= untilMs)) return;
        pausedUntilMs = untilMs;
        pauseHit = hit;
    }

    public void addNews(NewsEvent n) {
        for (int i = 0; i < newsCount; i++) {
            if (newsRelease[i] == n.releaseMs() && newsCurrency[i].equals(n.currency())) return;
        }
        if (newsCount == NEWS_CAPACITY) dropNews(0); // oldest first: the arrays are kept in insertion order
        newsRelease[newsCount] = n.releaseMs();
        newsCurrency[newsCount] = n.currency();
        newsCount++;
    }

    /** Forgets releases older than {@code cutoffMs}. */
    void pruneNews(long cutoffMs) {
        int i = 0;
        while (i < newsCount) {
            if (newsRelease[i] < cutoffMs) dropNews(i); else i++;
        }
    }

    private void dropNews(int i) {
        System.arraycopy(newsRelease, i + 1, newsRelease, i, newsCount - i - 1);
        System.arraycopy(newsCurrency, i + 1, newsCurrency, i, newsCount - i - 1);
        newsCount--;
        newsCurrency[newsCount] = null;
    }

    /** Accepted orders within the last second before {@code t} (inclusive of orders at t - 999 ms). */
    int ordersInLastSecond(long t) {
        int n = Math.min(orderCount, orderTimes.length);
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (orderTimes[i] > t - 1000) c++;
        }
        return c;
    }

    public void recordOrder(long t) {
        orderTimes[orderCount % orderTimes.length] = t;
        orderCount++;
    }

    /**
     * Further loss the open positions can produce down to their stops, plus the worst case of the orders in flight
     * (not in the snapshot yet); infinite if one has no stop.
     */
    public double openRisk() {
        return openRiskExcluding("");
    }

    /**
     * {@link #openRisk()} without what the signal {@code signalId} already put there ("" excludes nothing): its
     * reservation and a position the snapshot shows for it. A signal checked again (a resend) is counted once.
     */
    double openRiskExcluding(String signalId) {
        double r = 0;
        for (int i = 0, n = positions.size(); i < n; i++) {
            ValuedPosition p = positions.get(i);
            if (!signalId.isEmpty() && signalId.equals(p.position().signalId())) continue;
            r += p.riskFromNow();
        }
        return r + restingRiskExcluding(signalId) + inFlight.riskExcluding(signalId);
    }

    /** Worst-case multiplier of an order not filled yet: stop distance plus slippage and gap allowances. */
    public double worstCaseFactor() {
        return profile.preTrade() == null ? 1 : profile.preTrade().worstCaseFactor();
    }

    /**
     * The worst case of the resting pending orders still live now: each fills at its trigger and runs to its stop, with
     * the slippage and gap allowances of an order checked before it is sent; infinite when one has no stop.
     */
    double restingRiskExcluding(String signalId) {
        double r = 0;
        for (int i = 0, n = orders.size(); i < n; i++) {
            ValuedOrder o = orders.get(i);
            if (!o.order().liveAt(nowMs) || (!signalId.isEmpty() && signalId.equals(o.order().signalId()))) continue;
            r += o.lossAtStop() * worstCaseFactor();
        }
        return r;
    }

    /** Forgets the resting orders whose expiry has passed (the terminal removes them at their expiry). */
    public void dropExpiredOrders(long nowMs) {
        for (int i = orders.size() - 1; i >= 0; i--) if (!orders.get(i).order().liveAt(nowMs)) orders.remove(i);
    }

    /** Replaces (by ticket) or adds a resting order. */
    public void rest(ValuedOrder o) {
        removeOrder(o.order().ticket());
        orders.add(o);
    }

    /** Removes the resting order with {@code ticket}; returns it, or null. */
    public ValuedOrder removeOrder(long ticket) {
        for (int i = 0, n = orders.size(); i < n; i++) {
            if (orders.get(i).order().ticket() == ticket) return orders.remove(i);
        }
        return null;
    }

    /** The resting order with {@code ticket}, else the one sent as {@code signalId}; null when none. */
    public ValuedOrder findOrder(long ticket, String signalId) {
        for (int i = 0, n = orders.size(); i < n; i++) {
            ValuedOrder o = orders.get(i);
            if (ticket != 0 && o.order().ticket() == ticket) return o;
        }
        for (int i = 0, n = orders.size(); i < n; i++) {
            ValuedOrder o = orders.get(i);
            if (!signalId.isEmpty() && signalId.equals(o.order().signalId())) return o;
        }
        return null;
    }
}
