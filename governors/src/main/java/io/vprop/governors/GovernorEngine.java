package io.vprop.governors;

import io.vprop.governors.attach.AttachState;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.BalanceOperation;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderAck;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.PendingEvent;
import io.vprop.governors.event.ValuedOrder;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.governors.rules.ActivityRule;
import io.vprop.governors.rules.ConsistencyRule;
import io.vprop.governors.rules.DailyLossRule;
import io.vprop.governors.rules.ForcedFlatRule;
import io.vprop.governors.rules.GovernorRule;
import io.vprop.governors.rules.HitList;
import io.vprop.governors.rules.Ledger;
import io.vprop.governors.rules.MaxLossRule;
import io.vprop.governors.rules.NewsRule;
import io.vprop.governors.rules.PreTradeRiskRule;
import io.vprop.governors.rules.ProfitTargetRule;
import io.vprop.governors.rules.ScheduleRule;
import io.vprop.governors.rules.SizeRule;
import io.vprop.governors.rules.Steady;
import io.vprop.governors.rules.TradingDaysRule;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.trade.PendingOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates events for one account against one firm profile. Not thread-safe: drive each engine from one thread.
 *
 * <p>Per event: (1) roll the firm's trading day if a reset passed, (2) apply the event to the ledger (balances,
 * counters), (3) run every rule, (4) add the latched states (halt, pause, target lock). The answer is the most
 * severe hit; {@link RuleVerdict#ALLOW} (shared, no allocation) when nothing fires.
 */
public final class GovernorEngine {
    private final FirmProfile profile;
    private final FirmDayClock dayClock;
    private final Ledger l;
    private final GovernorRule[] rules;
    private final HitList hits = new HitList();
    private final StatusLevels scratch = new StatusLevels();
    private final ConsistencyRule consistency;
    private final TradingDaysRule tradingDays;
    private final ProfitTargetRule profitTarget;
    private final PreTradeRiskRule preTrade;
    private final long minHoldMs;
    private final int cooldownAfterLosses;
    private final long cooldownMs;
    /**
     * A flat account's snapshot that repeats (the same balance, equity and pending orders, no position) before this
     * time gets the verdict and rule statuses of the last evaluation, which was that snapshot's: nothing the rules read
     * has moved and none answers otherwise before then (GovernorRule#quietUntil). MIN_VALUE: no such snapshot last.
     */
    private long quietUntilMs = Long.MIN_VALUE;
    private double quietBalance, quietEquity;
    private int quietPending;
    private boolean repeated;
    private boolean lastBalanceOpApplied = true;
    boolean quietPath = true;                  // tests turn it off to compare
    /**
     * The steady path (an account evaluated at every equity change): after a snapshot or the clock in which no rule
     * fired, the rules' {@link GovernorRule#steady} bounds; a snapshot before {@link Steady#untilMs()} that changes only
     * the equity, within the bounds, and the positions' floating profit — or the clock — gets the same verdict and the
     * same rule statuses but the pre-trade one, which is computed anew; only the ledger's account fields are set.
     */
    private boolean steady;
    private final Steady bounds = new Steady();
    boolean steadyPath = true;                 // tests turn it off to compare
    private int steadyEvents;                  // (tests: how often it was taken)
    /**
     * {@link #statusLevels} as last computed, valid while nothing the statuses read has changed since but what the
     * steady path keeps up to date (the pre-trade line, {@link #preTradeLine}; -1 when the profile has none).
     */
    private final StatusLevels levels = new StatusLevels();
    private boolean levelsValid;
    private int preTradeLine = -1;
    /**
     * Set when the engine was attached mid-challenge and the history could not prove everything: a BLOCK_NEW_ENTRIES
     * hit added to every verdict, lifting at its untilMs (0 = never). {@link #attachBlind}: nothing of the firm state
     * is known, so no rule runs (a floor computed from a guessed balance could halt an account for nothing).
     */
    private RuleHit attachHit;
    private boolean attachBlind;

    private GovernorEngine(FirmProfile profile, EngineState s) {
        this.profile = profile;
        this.dayClock = profile.dayClock();
        this.l = new Ledger(profile, s.initialBalance(), s.currency());
        List<GovernorRule> rs = new ArrayList<>();
        // order matters only where one rule feeds another: news haircuts before the profit target
        if (profile.dailyLoss() != null) rs.add(new DailyLossRule(profile.dailyLoss(), profile.buffers()));
        rs.add(new MaxLossRule(profile.maxLoss(), profile.buffers()));
        preTrade = profile.preTrade() == null ? null : new PreTradeRiskRule(profile.preTrade());
        if (preTrade != null) rs.add(preTrade);
        if (profile.news() != null) rs.add(new NewsRule(profile.news(), profile.symbolCurrencies()));
        if (!profile.forcedFlat().isEmpty()) rs.add(new ForcedFlatRule(profile.forcedFlat()));
        if (profile.activity() != null) rs.add(new ActivityRule(profile.activity()));
        if (profile.size() != null) rs.add(new SizeRule(profile.size()));
        if (profile.schedule() != null) rs.add(new ScheduleRule(profile.schedule()));
        consistency = profile.consistency() == null ? null : new ConsistencyRule(profile.consistency());
        if (consistency != null) rs.add(consistency);
        tradingDays = profile.tradingDays() == null ? null : new TradingDaysRule(profile.tradingDays());
        if (tradingDays != null) rs.add(tradingDays);
        profitTarget = profile.profitTarget() == null ? null : new ProfitTargetRule(profile.profitTarget());
        if (profitTarget != null) rs.add(profitTarget);
        this.rules = rs.toArray(GovernorRule[]::new);
        this.minHoldMs = profile.activity() == null ? 0 : profile.activity().minHoldSeconds() * 1000L;
        this.cooldownAfterLosses = profile.activity() == null ? 0 : profile.activity().cooldownAfterLosses();
        this.cooldownMs = profile.activity() == null ? 0 : profile.activity().cooldownMinutes() * 60_000L;
        load(s);
    }

    /** A new account: balance and equity at {@code initialBalance}, day 1 anchored at the initial balance. */
    public static GovernorEngine start(FirmProfile profile, double initialBalance, String currency) {
        return restore(profile, EngineState.fresh(initialBalance, currency));
    }

    /** Continues from a state exported by {@link #exportState()} (or {@link EngineState#fresh}). */
    public static GovernorEngine restore(FirmProfile profile, EngineState state) {
        if (profile == null) throw new IllegalArgumentException("profile: missing value");
        if (state == null) throw new IllegalArgumentException("state: missing value");
        return new GovernorEngine(profile, state);
    }

    /**
     * An account VProp is attached to mid-challenge: the state {@link io.vprop.governors.attach.HistoryReplay} rebuilt
     * from its deal history (or the EA sent as {@code firm_state}) instead of a fresh start at the initial balance.
     * BLOCKED: every verdict is BLOCK_NEW_ENTRIES by the state's rule with its reason, and no rule runs (nothing is
     * known to run them on). OK with a rule (the day-start equity unknown): the rules run and new entries are blocked
     * until {@code blockedUntilMs}. Not part of {@link #exportState()}: the terminal rebuilds it after every connect.
     */
    public static GovernorEngine attach(FirmProfile profile, AttachState s, String currency) {
        if (profile == null) throw new IllegalArgumentException("profile: missing value");
        if (s == null) throw new IllegalArgumentException("attach: missing value");
        GovernorEngine e;
        if (!s.ok()) {
            // a placeholder the rules never read: the ledger needs a positive initial balance to exist
            double placeholder = s.initialBalance() > 0 ? s.initialBalance() : Math.max(s.balance(), 0.01);
            e = new GovernorEngine(profile, EngineState.fresh(placeholder, currency));
            e.l.balance = s.balance();
            e.l.equity = s.equity();
            e.attachBlind = true;
        } else {
            // no event seen yet (nowMs "not yet"): the caller's clock may run a little behind the terminal's that rebuilt it
            e = new GovernorEngine(profile, new EngineState(s.initialBalance(), currency, Long.MIN_VALUE, s.dayStartMs(), s.nextResetMs(),
                    s.balance(), s.equity(), List.of(), 0, s.dayStartBalance(), s.dayStartEquity(),
                    s.initialBalance(), Double.NEGATIVE_INFINITY, false, null, 0, null, false, null,
                    s.tradingDays(), s.profitableDays(), s.tradedToday(), s.dayProfit(), s.bestDay(), 0,
                    0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0));
            e.l.attachHighWater(s.highWater());
        }
        if (!s.rule().isEmpty()) e.attachHit = new RuleHit(Action.BLOCK_NEW_ENTRIES, s.rule(), 0, 0, s.blockedUntilMs(), s.reason());
        return e;
    }

    /** The attach block in force (null: none, or lifted). */
    public RuleHit attachBlock() { return attachHit; }

    public FirmProfile profile() {
        return profile;
    }

    /** The time of the last event evaluated (or restored with the state); {@code Long.MIN_VALUE} before the first. */
    public long timeMs() {
        return l.nowMs;
    }

    /**
     * Evaluates one event. Events must come in time order; an event older than the previous one is rejected.
     *
     * @throws IllegalArgumentException when the event is null or goes back in time
     */
    public RuleVerdict evaluate(GovernorEvent e) {
        evaluateAction(e);
        return verdict();
    }

    /**
     * Evaluates one event as {@link #evaluate} does and returns only the action of its verdict; the verdict itself
     * (the hits' sentences) is written only if {@link #verdict()} is asked for before the next event. For a caller
     * that evaluates on every equity change and needs the sentences only when the action changes.
     *
     * @throws IllegalArgumentException when the event is null or goes back in time
     */
    public Action evaluateAction(GovernorEvent e) {
        if (e == null) throw new IllegalArgumentException("event: missing value");
        long t = e.timeMs();
        if (l.nowMs != Long.MIN_VALUE && t < l.nowMs) {
            throw new IllegalArgumentException("event.timeMs: " + t + " is before the previous event at " + l.nowMs);
        }
        if (e instanceof FillEvent f && l.balance + f.netProfit() < 0) {
            throw new IllegalArgumentException("fill.profit: " + f.netProfit() + " would make the balance negative ("
                    + l.balance + " before)");
        }
        if (e instanceof BalanceOperation b && b.kind().inBalance() && Cents.of(l.balance) + b.amountCents() < 0) {
            throw new IllegalArgumentException("balance.amount: " + b.amount() + " would make the balance negative ("
                    + l.balance + " before)");
        }
        if (attachHit != null && attachHit.untilMs() != 0 && t >= attachHit.untilMs()) attachHit = null;
        if (attachBlind) {                          // nothing known: no rule runs, every entry is refused
            levelsValid = false;
            l.nowMs = t;
            apply(e);
            hits.clear();
            hits.add(attachHit);
            return hits.top();
        }
        if (repeats(e, t)) {                        // the same answer as last time: only the clock moves
            l.nowMs = t;
            apply(e);
            repeated = true;
            steady = false;
            levelsValid = false;
            return hits.top();
        }
        repeated = false;
        quietUntilMs = Long.MIN_VALUE;
        if (steady && t < bounds.untilMs() && steadyEvent(e, t)) return hits.top();
        steady = false;
        levelsValid = false;
        l.nowMs = t;
        advanceDay(t);
        l.inFlight.expire(t);
        l.dropExpiredOrders(t);
        l.cancelTickets.clear();
        apply(e);
        hits.clear();
        for (GovernorRule r : rules) r.check(l, e, hits);
        int ruleHits = hits.size();
        if (l.halted) hits.add(l.haltHit);
        else if (l.paused()) hits.add(l.pauseHit);
        if (l.targetLocked) hits.add(l.lockHit);
        if (attachHit != null) hits.add(attachHit);
        if (hits.isEmpty() && e instanceof OrderCheck o) {
            l.requestsToday++;
            l.recordOrder(t);
            if (!o.signalId().isEmpty()) reserve(o);
        }
        if (quietPath && e instanceof AccountSnapshot a && a.positions().isEmpty() && l.inFlight.isEmpty() && l.orders.isEmpty()) {
            rememberQuiet(a);
        }
        if (steadyPath && (e instanceof AccountSnapshot || e instanceof ClockTick) && attachHit == null && ruleHits == 0
                && l.inFlight.isEmpty() && l.orders.isEmpty() && l.cancelTickets.isEmpty()) {
            rememberSteady();
        }
        return hits.top();
    }

    /**
     * After a snapshot or the clock in which no rule fired (the hits are the latches alone), nothing in flight and no
     * resting order: the bounds within which the next one gets the same answer ({@link GovernorRule#steady}), the day's
     * reset and a pause's end included.
     */
    private void rememberSteady() {
        bounds.reset();
        bounds.until(l.nextResetMs);
        if (l.paused()) bounds.until(l.pausedUntilMs);
        for (GovernorRule r : rules) r.steady(l, bounds);
        steady = bounds.untilMs() > l.nowMs;
    }

    /**
     * The steady path: the clock, or a snapshot with the same balance, pending orders and positions (but for their
     * floating profit) and an equity within the bounds, applied as {@link #apply} applies it; the hits stay (the
     * latches, re-added in the same order), the rules' statuses too but the pre-trade line, computed anew. False, and
     * nothing done, when it is not such an event: evaluate it then.
     */
    private boolean steadyEvent(GovernorEvent e, long t) {
        if (e instanceof AccountSnapshot a) {
            double eq = a.equity();
            if (!(eq <= 9.0e15) || !a.orders().isEmpty() || a.pendingOrders() != l.pendingOrders
                    || Double.compare(a.balance(), l.balance) != 0) return false;
            long eqCents = Cents.of(eq);
            if (eqCents < bounds.minEquityCents() || eqCents > bounds.maxEquityCents()) return false;
            double risk = l.steadyPositionsRisk(a.positions());     // -1: not the same positions
            if (risk < 0) return false;
            l.nowMs = t;
            l.balance = a.balance();
            l.equity = eq;
            l.lastSnapshotMs = t;
            l.positions = a.positions();
            if (levelsValid && preTradeLine >= 0) levels.set(preTradeLine, PreTradeRiskRule.level(l, l.openRiskWith(risk)));
            else levelsValid = false;
            if (quietPath && a.positions().isEmpty()) rememberQuiet(a);
        } else if (e instanceof ClockTick) {
            l.nowMs = t;                            // nothing the statuses read has moved
        } else {
            return false;
        }
        steadyEvents++;
        return true;
    }

    /** Events the steady path answered (tests). */
    int steadyEvents() { return steadyEvents; }

    /**
     * Counts an order sent as {@code check.signalId()} in the pre-trade worst case until the terminal answers for it
     * ({@link OrderAck}, its fills, a snapshot showing its position; see {@link io.vprop.governors.rules.InFlight}), for
     * a caller that checks an order before it has an id (the sidecar: the id is given once every check passed). An
     * {@link OrderCheck} carrying its id and allowed does this itself. Idempotent by signal id; not evaluated, no verdict.
     *
     * @throws IllegalArgumentException when the check has no signal id
     */
    public void reserve(OrderCheck check) {
        if (check.signalId().isEmpty()) throw new IllegalArgumentException("order.signalId: missing value");
        double factor = profile.preTrade() == null ? 1 : profile.preTrade().worstCaseFactor();
        l.inFlight.reserve(check.signalId(), check.lossAtStop() * factor, check.order().lots(), check.order().expiryMs());
        quietUntilMs = Long.MIN_VALUE;
        steady = false;
        levelsValid = false;
    }

    /**
     * Takes over the orders in flight of an earlier state of the same account (and the ids it released lately): the
     * engine of an {@link #attach} replaces the account's after every connect, while a signal sent before it is still
     * being executed. They leave as they would have there (an answer, a snapshot showing them, their expiry).
     */
    public void carryInFlight(EngineState earlier) {
        if (earlier == null) throw new IllegalArgumentException("earlier: missing value");
        l.inFlight.restore(earlier.inFlight(), earlier.releasedSignals());
        quietUntilMs = Long.MIN_VALUE;
        steady = false;
        levelsValid = false;
    }

    /** Orders allowed and not yet shown by a snapshot (in flight), for the panel and tests. */
    public int inFlightCount() { return l.inFlight.size(); }

    /** False when the last event was a balance operation already applied (its deal ticket seen before): ignored. */
    public boolean lastBalanceOperationApplied() { return lastBalanceOpApplied; }

    /**
     * {@link #evaluateAction} of a flat snapshot at {@code t} (no positions, resting or pending orders) of this balance
     * and equity, when it repeats the last quiet one: applied as that would apply it (only the clock moves) without the
     * event being made, and its action returned. Null, and nothing done, when it would not repeat: evaluate it then. A
     * terminal sends such a snapshot every second while the account is flat.
     */
    public Action repeatFlatSnapshot(long t, double balance, double equity) {
        if (attachBlind || attachHit != null || t < l.nowMs || t >= quietUntilMs || !l.inFlight.isEmpty() || !l.orders.isEmpty()
                || Double.compare(balance, quietBalance) != 0 || Double.compare(equity, quietEquity) != 0 || quietPending != 0)
            return null;
        l.nowMs = t;                                // as apply(snapshot) with the same numbers and nothing open
        l.balance = balance;
        l.equity = equity;
        l.lastSnapshotMs = t;
        l.positions = List.of();
        l.pendingOrders = 0;
        repeated = true;
        steady = false;
        levelsValid = false;
        return hits.top();
    }

    /** True when the last event was a flat snapshot repeating the one before it: the same verdict and rule statuses. */
    public boolean lastEventRepeated() { return repeated; }

    private boolean repeats(GovernorEvent e, long t) {
        return t < quietUntilMs && attachHit == null && l.inFlight.isEmpty() && l.orders.isEmpty() && e instanceof AccountSnapshot a
                && a.positions().isEmpty() && a.orders().isEmpty()
                && Double.compare(a.balance(), quietBalance) == 0 && Double.compare(a.equity(), quietEquity) == 0
                && a.pendingOrders() == quietPending;
    }

    /** After a flat snapshot: until when the same snapshot gets the same answer (the reset, a pause's end, the rules). */
    private void rememberQuiet(AccountSnapshot a) {
        long until = l.nextResetMs;
        if (l.paused()) until = Math.min(until, l.pausedUntilMs);
        for (GovernorRule r : rules) until = Math.min(until, r.quietUntil(l));
        quietUntilMs = until;
        quietBalance = a.balance();
        quietEquity = a.equity();
        quietPending = a.pendingOrders();
    }

    /** The verdict of the last evaluated event ({@link RuleVerdict#ALLOW} when no rule fired, or before any event). */
    public RuleVerdict verdict() {
        return hits.isEmpty() ? RuleVerdict.ALLOW : RuleVerdict.of(hits.view());
    }

    /**
     * The most severe hit of the last evaluated event — {@link #verdict()}'s rule id, action, values and sentence —
     * with only its own sentence written (a pre-trade refusal states one reason); null when no rule fired.
     */
    public RuleHit topHit() {
        return hits.isEmpty() ? null : hits.first();
    }

    private void advanceDay(long t) {
        if (l.dayStartMs == Long.MIN_VALUE) {
            l.startDay(dayClock.dayStart(t), dayClock.nextReset(t));
            return;
        }
        while (t >= l.nextResetMs) {
            l.endDay();
            long start = l.nextResetMs;
            l.startDay(start, dayClock.nextReset(start));
        }
    }

    private void apply(GovernorEvent e) {
        if (e instanceof AccountSnapshot a) {
            l.balance = a.balance();
            l.equity = a.equity();
            l.lastSnapshotMs = a.timeMs();
            l.positions = a.positions();
            l.pendingOrders = a.pendingOrders();
            l.orders.clear();
            if (!a.orders().isEmpty()) l.orders.addAll(a.orders());   // (addAll copies even an empty list to an array)
            l.inFlight.onSnapshot(a.positions(), a.orders());
        } else if (e instanceof BalanceOperation b) {
            lastBalanceOpApplied = l.applyBalanceOperation(b);
        } else if (e instanceof PendingEvent p) {
            applyPending(p);
        } else if (e instanceof OrderAck k) {
            l.inFlight.onAck(k.signalId(), k.status(), k.ticket());
        } else if (e instanceof FillEvent f) {
            if (f.entry()) {   // a resting order filled: its worst case stays counted until a snapshot shows the position
                ValuedOrder o = l.findOrder(f.fill().position(), f.fill().signalId());
                if (o != null) holdFilled(o);
            }
            l.inFlight.onFill(f.fill(), l.positions);
            if (f.entry()) {
                l.positionsToday++;
                l.tradedToday = true;
            } else {
                l.tradesToday++;
                l.closedTrades++;
                if (f.timeMs() - f.positionOpenMs() >= minHoldMs) l.heldTrades++;
                if (f.netProfit() < 0) {
                    l.consecutiveLosses++;
                    if (cooldownAfterLosses > 0 && l.consecutiveLosses >= cooldownAfterLosses) {
                        l.cooldownUntilMs = f.timeMs() + cooldownMs;
                        l.consecutiveLosses = 0;
                    }
                } else {
                    l.consecutiveLosses = 0;
                }
            }
            // the realised P&L moves from floating into the balance; equity is unchanged until the next snapshot. A deal
            // older than the last snapshot is already in that snapshot's balance (MT5 updates the balance before the
            // EA hears of the deal): adding it again counted it twice until the next snapshot (a closed-balance
            // high-water mark lifted by it for good)
            if (!(l.lastSnapshotMs != Long.MIN_VALUE && f.fill().timeMs() < l.lastSnapshotMs)) l.balance += f.netProfit();
            l.dayProfit += f.netProfit();
        }
    }

    /** The terminal's word on a pending order: it rests (replacing an older version of it), left, or filled. */
    private void applyPending(PendingEvent p) {
        PendingOrder o = p.order().order();
        int before = l.orders.size();
        switch (p.state()) {
            case PLACED, MODIFIED -> {
                if (!o.liveAt(l.nowMs)) {
                    l.removeOrder(o.ticket());
                } else {
                    l.rest(p.order());
                }
                l.inFlight.onResting(o.signalId(), o.ticket());   // its reservation ends: the resting order counts now
            }
            case CANCELLED, EXPIRED, REJECTED -> {
                l.removeOrder(o.ticket());
                l.inFlight.onResting(o.signalId(), o.ticket());
            }
            case FILLED -> {
                ValuedOrder known = l.findOrder(o.ticket(), o.signalId());
                holdFilled(known != null ? known : p.order());
            }
        }
        l.pendingOrders = Math.max(l.orders.size(), l.pendingOrders + l.orders.size() - before);   // the open-orders cap
    }

    private void holdFilled(ValuedOrder o) {
        l.removeOrder(o.order().ticket());
        l.inFlight.holdFilled(o.order().signalId(), o.order().ticket(), o.lossAtStop() * l.worstCaseFactor(), o.order().volume());
    }

    /** Tickets of resting pending orders the last evaluation wants cancelled now (news windows), in the order found. */
    public List<Long> pendingToCancel() {
        return l.cancelTickets.isEmpty() ? List.of() : List.copyOf(l.cancelTickets);   // (asked after every quote of a backtest with a calendar)
    }

    /** Pending orders resting at the terminal as the engine knows them (last snapshot and the order messages since). */
    public List<ValuedOrder> restingOrders() {
        return List.copyOf(l.orders);
    }

    /**
     * The status of every line of {@link #snapshot()}'s rules, in the same order, into {@code out} (cleared first):
     * the same statuses without the lines and their sentences, and without allocating.
     */
    public void statusLevels(StatusLevels out) {
        if (levelsValid) {                          // (the steady path keeps them)
            out.copyFrom(levels);
            return;
        }
        out.clear();
        if (attachBlind) {
            out.add(RuleStatus.Status.BREACH);
            return;
        }
        preTradeLine = -1;
        for (GovernorRule r : rules) {
            if (r == preTrade) preTradeLine = out.size();
            r.levels(l, out);
        }
        levels.copyFrom(out);
        levelsValid = true;
    }

    /**
     * True when {@link #statusLevels} would give {@code known}'s statuses, line by line: what a caller that keeps the
     * statuses it last saw asks after every event, without copying them out.
     */
    public boolean sameStatusLevels(StatusLevels known) {
        if (levelsValid) return levels.sameAs(known);
        statusLevels(scratch);
        return scratch.sameAs(known);
    }

    /**
     * The money a new order may still lose, as {@link #snapshot()} states it, without the rules' lines: one small
     * record, for a backtest's strategy that sizes every candidate within it.
     */
    public Headroom headroom() {
        return new Headroom(l.dailyHeadroom(), l.overallHeadroom(), l.openRisk(), l.halted, l.paused(), l.targetLocked);
    }

    /**
     * The headroom fields of a {@link StateSnapshot}: equity minus today's floor and minus the overall floor, what the
     * open positions can still lose down to their stops, and whether the account is halted, paused or locked.
     */
    public record Headroom(double daily, double overall, double openRisk, boolean halted, boolean paused, boolean targetLocked) {
    }

    /**
     * The lines of {@link #snapshot()}'s rules whose status differs from {@code before} (a {@link #statusLevels} taken
     * earlier, line by line), in the panel's order: only the rules with such a line write their sentences.
     *
     * @throws IllegalArgumentException when {@code before} does not have a status for every line
     */
    public List<RuleStatus> changedStatusLines(StatusLevels before) {
        List<RuleStatus> out = new ArrayList<>();
        if (attachBlind) {
            if (before.size() < 1) throw new IllegalArgumentException("the earlier statuses have 0 lines, the rules 1+");
            if (before.get(0) != RuleStatus.Status.BREACH) out.add(attachStatus());
            return out;
        }
        List<RuleStatus> lines = new ArrayList<>();
        int at = 0;
        for (GovernorRule r : rules) {
            scratch.clear();
            r.levels(l, scratch);
            int n = scratch.size();
            if (at + n > before.size())
                throw new IllegalArgumentException("the earlier statuses have " + before.size() + " lines, the rules " + (at + n) + "+");
            boolean changed = false;
            for (int i = 0; i < n && !changed; i++) changed = scratch.get(i) != before.get(at + i);
            if (changed) {
                lines.clear();
                r.status(l, lines);
                for (int i = 0; i < n; i++) if (lines.get(i).status() != before.get(at + i)) out.add(lines.get(i));
            }
            at += n;
        }
        return out;
    }

    /** Blocked on attach: the panel's one line, the reason. */
    private RuleStatus attachStatus() {
        return new RuleStatus(attachHit.ruleId(), 0, 0, 0, 0, RuleStatus.Status.BREACH, attachHit.message());
    }

    /** The panel's view: every rule's distance to its limit, headrooms, progress. Allocates; not for the tick path. */
    public StateSnapshot snapshot() {
        List<RuleStatus> statuses = new ArrayList<>();
        if (attachBlind) statuses.add(attachStatus());
        else for (GovernorRule r : rules) r.status(l, statuses);
        double daily = l.dailyHeadroom();
        double overall = l.overallHeadroom();
        double openRisk = l.openRisk();
        Progress p = progress();
        double target = p.profitTarget();
        return new StateSnapshot(l.nowMs, l.balance, l.equity, l.dayStartMs, l.nextResetMs,
                l.dayAnchor, l.dailyFloor, daily, l.highWaterMark, l.overallFloor, overall,
                openRisk, PreTradeRiskRule.headroom(l) - openRisk,
                p.countedProfit(), target, target == 0 ? 0 : p.countedProfit() / target * 100,
                p.tradingDays(), p.minTradingDays(), p.profitableDays(), p.minProfitableDays(),
                p.bestDayProfit(), p.profitStillNeeded(),
                ActivityRule.heldSharePct(l), l.newsViolations,
                l.halted, l.paused() ? l.pausedUntilMs : 0, l.targetLocked, List.copyOf(statuses));
    }

    /**
     * The objectives only (target, trading and profitable days, consistency, halt and lock): one small record and no
     * sentences, for a simulation that asks after every closed trade. The same numbers as {@link #snapshot()}.
     */
    public Progress progress() {
        return new Progress(l.countedProfit(), profitTarget == null ? 0 : profitTarget.target(l),
                TradingDaysRule.tradingDays(l), profile.tradingDays() == null ? 0 : profile.tradingDays().minTradingDays(),
                tradingDays == null ? 0 : tradingDays.profitableDays(l),
                profile.tradingDays() == null ? 0 : profile.tradingDays().minProfitableDays(),
                ConsistencyRule.bestDay(l), consistency == null ? 0 : consistency.profitStillNeeded(l),
                l.halted, l.targetLocked);
    }

    /** Copies the mutable state out, for persistence. */
    public EngineState exportState() {
        int n = Math.min(l.orderCount, l.orderTimes.length);
        List<Long> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) orders.add(l.orderTimes[(l.orderCount - n + i) % l.orderTimes.length]);
        List<EngineState.ScheduledNews> news = new ArrayList<>(l.newsCount);
        for (int i = 0; i < l.newsCount; i++) news.add(new EngineState.ScheduledNews(l.newsRelease[i], l.newsCurrency[i]));
        return new EngineState(l.initialBalance, l.currency, l.nowMs, l.dayStartMs, l.nextResetMs,
                l.balance, l.equity, l.positions, l.pendingOrders, l.dayStartBalance, l.dayStartEquity,
                l.highWaterMark, l.overallFloor, l.halted, l.haltHit, l.pausedUntilMs, l.pauseHit, l.targetLocked, l.lockHit,
                l.tradingDays, l.profitableDays, l.tradedToday, l.dayProfit, l.bestDayProfit, l.haircut,
                l.requestsToday, l.positionsToday, l.tradesToday, l.consecutiveLosses, l.cooldownUntilMs,
                l.closedTrades, l.heldTrades, orders, news, l.newsViolations,
                l.capitalCents(), l.creditCents(), l.floorShiftCents(), l.balanceDeals(),
                l.inFlight.export(), l.inFlight.exportReleased());
    }

    private void load(EngineState s) {
        l.nowMs = s.nowMs();
        l.balance = s.balance();
        l.equity = s.equity();
        l.positions = s.positions();
        l.pendingOrders = s.pendingOrders();
        l.restoreOverall(s.highWaterMark(), s.overallFloor(), s.capitalCents(), s.creditCents(), s.floorShiftCents(),
                s.balanceDeals());
        l.dayStartMs = s.dayStartMs();
        l.nextResetMs = s.nextResetMs();
        l.dayStartBalance = s.dayStartBalance();
        l.dayStartEquity = s.dayStartEquity();
        l.fixDailyFloor();
        l.halted = s.halted();
        l.haltHit = s.haltHit();
        l.pausedUntilMs = s.pausedUntilMs();
        l.pauseHit = s.pauseHit();
        l.targetLocked = s.targetLocked();
        l.lockHit = s.lockHit();
        l.tradingDays = s.tradingDays();
        l.profitableDays = s.profitableDays();
        l.tradedToday = s.tradedToday();
        l.dayProfit = s.dayProfit();
        l.bestDayProfit = s.bestDayProfit();
        l.haircut = s.haircut();
        l.requestsToday = s.requestsToday();
        l.positionsToday = s.positionsToday();
        l.tradesToday = s.tradesToday();
        l.consecutiveLosses = s.consecutiveLosses();
        l.cooldownUntilMs = s.cooldownUntilMs();
        l.closedTrades = s.closedTrades();
        l.heldTrades = s.heldTrades();
        for (long t : s.recentOrderTimes()) l.recordOrder(t);
        for (EngineState.ScheduledNews n : s.news()) {
            l.addNews(new NewsEvent(n.releaseMs(), n.releaseMs(), n.currency(), NewsEvent.Impact.HIGH));
        }
        l.newsViolations = s.newsViolations();
        l.inFlight.restore(s.inFlight(), s.releasedSignals());
    }
}
