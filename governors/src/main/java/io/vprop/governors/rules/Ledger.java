package io.vprop.governors.rules;

import io.vprop.governors.event.BalanceOperation;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.ValuedOrder;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.profile.BalanceOpsConfig;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.DailyLossConfig;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.profile.MaxLossConfig;
import io.vprop.trade.Position;

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
    /** Time of the last snapshot (Long.MIN_VALUE: none since the start or a restore): a deal older is already in it. */
    public long lastSnapshotMs = Long.MIN_VALUE;
    /** Pending orders resting at the terminal (last snapshot, then the {@code order} messages since). */
    public final List<ValuedOrder> orders = new ArrayList<>();
    /** Tickets of resting orders a rule wants cancelled now (news), rebuilt by every evaluation. */
    public final List<Long> cancelTickets = new ArrayList<>();
    /** Orders the snapshot does not show yet (signals sent, fills newer than it): they count in the open risk. */
    public final InFlight inFlight = new InFlight();
    /** The positions' records whose risk down to the stop was last computed, by place, and those risks (openRisk). */
    private ValuedPosition[] riskOf = new ValuedPosition[8];
    private double[] riskAt = new double[8];

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

    // balance operations (docs/governors.md, balance operations): what is not trading, in cents
    /** Deposits, withdrawals, payouts, bonuses and corrections in the balance: not profit, not a high-water mark. */
    long capitalCents;
    /** Broker credit (in equity, not in balance). */
    long creditCents;
    /** What the operations moved the maximum-loss floor by (all but the costs and, per firm, the trader's own money). */
    long floorShiftCents;
    /** Deal tickets of the last operations applied: a repeat is not applied twice. */
    public static final int BALANCE_DEALS = 64;
    final long[] balanceDeals = new long[BALANCE_DEALS];
    int balanceDealCount;

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

    /**
     * After a restart: the saved balance operations, high-water mark and floor (the floor never falls below the
     * profile's own, moved by the operations that move it).
     */
    public void restoreOverall(double savedHighWaterMark, double savedFloor, long capital, long credit, long floorShift,
                               List<Long> deals) {
        capitalCents = capital;
        creditCents = credit;
        floorShiftCents = floorShift;
        for (long d : deals) rememberDeal(d);
        setHighWater(Cents.of(savedHighWaterMark));
        setOverallFloor(initialCents - maxLossLimitCents + floorShift);
        if (savedFloor != Double.NEGATIVE_INFINITY) setOverallFloor(Math.max(overallFloorCents, Cents.of(savedFloor)));
    }

    public long capitalCents() { return capitalCents; }
    public long creditCents() { return creditCents; }
    public long floorShiftCents() { return floorShiftCents; }

    /** The deal tickets remembered, oldest first (for persistence). */
    public List<Long> balanceDeals() {
        int n = Math.min(balanceDealCount, BALANCE_DEALS);
        Long[] out = new Long[n];
        for (int i = 0; i < n; i++) out[i] = balanceDeals[(balanceDealCount - n + i) % BALANCE_DEALS];
        return List.of(out);
    }

    private boolean seenDeal(long deal) {
        for (int i = 0, n = Math.min(balanceDealCount, BALANCE_DEALS); i < n; i++) if (balanceDeals[i] == deal) return true;
        return false;
    }

    private void rememberDeal(long deal) {
        balanceDeals[balanceDealCount % BALANCE_DEALS] = deal;
        balanceDealCount++;
    }

    /**
     * Applies a balance operation once per deal ticket (false: a repeat, nothing done). The balance (but for credit)
     * and the equity move by the amount until the next snapshot shows it. A cost (charge, commission) is the day's
     * loss like a deal's commission and nothing else moves. Any other operation is not trading: the day's start
     * values move with it (so the daily floor keeps its distance to the equity), it is kept out of the counted profit
     * and of every high-water mark, and credits, bonuses and corrections move the maximum-loss floor by their amount;
     * the trader's own money moves it as the firm says ({@code balanceOps.payoutFloor}): the floor's one way down.
     */
    public boolean applyBalanceOperation(BalanceOperation op) {
        if (seenDeal(op.deal())) return false;
        rememberDeal(op.deal());
        long a = op.amountCents();
        double ad = Cents.toDouble(a);
        BalanceOperation.Kind k = op.kind();
        if (k.inBalance()) balance = Cents.toDouble(balanceCents() + a);
        equity = Cents.toDouble(equityCents() + a);
        if (k.cost()) {
            dayProfit += ad;
            return true;
        }
        if (k.inBalance()) capitalCents += a; else creditCents += a;
        // never below 0 (a withdrawal of an intraday profit larger than the day's start): no money to anchor below
        dayStartBalance = Cents.toDouble(Math.max(0, Cents.of(dayStartBalance) + a));
        dayStartEquity = Cents.toDouble(Math.max(0, Cents.of(dayStartEquity) + a));
        fixDailyFloor();
        BalanceOpsConfig.PayoutFloor rule = profile.balanceOps().payoutFloor();
        if (!k.ownMoney() || rule == BalanceOpsConfig.PayoutFloor.MOVE) {
            floorShiftCents += a;
            setOverallFloor(overallFloorCents + a);
        } else if (k == BalanceOperation.Kind.PAYOUT && rule == BalanceOpsConfig.PayoutFloor.LOCK_AT_INITIAL) {
            setOverallFloor(Math.max(overallFloorCents, initialCents + floorShiftCents));
        }
        return true;
    }

    /** The balance from trading alone: what a balance high-water mark reads (operations other than costs left out). */
    long tradingBalanceCents() { return balanceCents() - capitalCents; }

    /** The equity from trading alone: what an equity high-water mark reads. */
    long tradingEquityCents() { return equityCents() - capitalCents - creditCents; }

    /** On attach: the high-water mark the history proves; the floor follows it as {@link #raiseHighWater} moves it. */
    public void attachHighWater(double value) {
        if (profile.maxLoss().mode() == MaxLossConfig.Mode.STATIC) return; // a static floor hangs from the initial balance
        raiseHighWater(Cents.of(value));
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
        if (profile.maxLoss().mode() == MaxLossConfig.Mode.TRAILING_EOD_BALANCE) raiseHighWater(tradingBalanceCents());
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

    /**
     * Raises the trailing high-water mark (money from trading alone: {@link #tradingBalanceCents()} or
     * {@link #tradingEquityCents()}); the overall floor follows it up (capped by the lock) and never falls.
     */
    void raiseHighWater(long v) {
        if (v <= highWaterCents) return;
        setHighWater(v);
        long f = trailingFloor(v);
        if (f > overallFloorCents) setOverallFloor(f);
    }

    /**
     * The floor a high-water mark gives: mark minus the limit, capped by the lock (initial plus its offset), moved by
     * the balance operations that move the floor.
     */
    private long trailingFloor(long highWater) {
        MaxLossConfig m = profile.maxLoss();
        long f = highWater - maxLossLimitCents;
        return (m.lockAtInitial() ? Math.min(f, m.lockCents(initialCents)) : f) + floorShiftCents;
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
        long p = Cents.of(potential) - capitalCents;
        if (p <= highWaterCents) return overallFloor;
        return Cents.toDouble(Math.max(overallFloorCents, trailingFloor(p)));
    }

    /** Closed profit that counts towards targets: balance gain minus news haircuts and the balance operations. */
    public double countedProfit() {
        return Cents.toDouble(countedProfitCents());
    }

    long countedProfitCents() {
        return balanceCents() - initialCents - Cents.of(haircut) - capitalCents;
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
            r += riskFromNow(i, p);
        }
        return r + restingRiskExcluding(signalId) + inFlight.riskExcluding(signalId);
    }

    /**
     * For the engine's steady path: when {@code now} holds the same positions as {@link #positions} but for their floating
     * profit — place by place the same ticket, symbol, open time, signal id and stop set or not, what the rules other
     * than the pre-trade check read — their risk down to their stops as {@link #openRiskExcluding} sums it (the same
     * additions in the same order), found on the way; -1 when they are not such positions.
     */
    public double steadyPositionsRisk(List<ValuedPosition> now) {
        int n = now.size();
        if (n != positions.size()) return -1;
        double r = 0;
        for (int i = 0; i < n; i++) {
            ValuedPosition a = now.get(i), b = positions.get(i);
            if (a != b) {
                Position p = a.position(), q = b.position();
                if (p.ticket() != q.ticket() || p.openTimeMs() != q.openTimeMs() || p.hasStopLoss() != q.hasStopLoss()
                        || !p.symbol().equals(q.symbol()) || !p.signalId().equals(q.signalId())) return -1;
            }
            r += riskFromNow(i, a);
        }
        return r;
    }

    /** {@link #openRisk()} with the positions' part given ({@link #steadyPositionsRisk} of the positions now). */
    public double openRiskWith(double positionsRisk) {
        return positionsRisk + restingRiskExcluding("") + inFlight.riskExcluding("");
    }

    /**
     * {@code p.riskFromNow()}, remembered for the record at place {@code i} of the positions: a {@link ValuedPosition}
     * and its {@code Position} are immutable records, so the same record has the same risk. A terminal re-values only
     * the positions whose quote moved (a backtest one of a dozen per quote) and hands the others over as they were.
     */
    private double riskFromNow(int i, ValuedPosition p) {
        if (i >= riskOf.length) {
            riskOf = java.util.Arrays.copyOf(riskOf, Math.max(i + 1, 2 * riskOf.length));
            riskAt = java.util.Arrays.copyOf(riskAt, riskOf.length);
        }
        if (riskOf[i] == p) return riskAt[i];
        double r = p.riskFromNow();
        riskOf[i] = p;
        riskAt[i] = r;
        return r;
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
