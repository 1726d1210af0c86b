package io.vprop.risk;

import io.vprop.governors.EngineState;
import io.vprop.governors.GovernorEngine;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.StateSnapshot;
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
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.Cents;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.market.SymbolSpec;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.OrderUpdate;
import io.vprop.trade.PendingOrder;
import io.vprop.trade.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The firm's rules in the sidecar: one {@link GovernorEngine} per trading account, fed with the terminal's account
 * snapshots, fills and the clock, consulted before every signal (as a {@link PreTradeCheck} of the risk engine),
 * and saved to a {@link GovernorStateStore} (the journal) after each event so a restart resumes with the same floors
 * and latches. A backtest drives the same class in-process.
 * One thread only (the kernel's, or the backtester's); the HTTP side reads the published {@link #snapshots()}.
 */
public final class AccountGovernors implements PreTradeCheck {
    private static final Logger log = LoggerFactory.getLogger(AccountGovernors.class);

    /** A verdict worth telling the trader about: a rule changed status, or the action changed. */
    public record Notice(String account, long tsMs, String kind, String ruleId, String status, String action, String message,
                         double measured, double threshold) {
    }

    private final FirmProfile profile;
    private final String profileId;
    private final double configuredInitialBalance;
    private final GovernorStateStore store;
    private final Map<String, Account> accounts = new HashMap<>();
    private volatile Map<String, StateSnapshot> published = Map.of();
    /** The firm state each account's terminal rebuilt when attached (firm_state), as last received. */
    private final Map<String, AttachState> attached = new HashMap<>();
    private volatile Map<String, AttachState> publishedAttach = Map.of();
    private String lastPeer, lastKey, lastActionKey, lastAccountKey;
    private Account lastActionAccount, lastAccount;     // (lastAccount: what account() found for lastAccountKey)

    /** onAccount's shortcut for a position handed over as before (tests turn it off to compare). */
    boolean valuedShortcut = true;

    /** How many positions that left the snapshots keep their open time for a late exit fill. */
    static final int CLOSED_KEPT = 1_024;

    private static final class Account {
        final GovernorEngine engine;
        Action lastAction = Action.ALLOW;
        final Map<String, RuleStatus.Status> ruleStatus = new HashMap<>();
        /**
         * Open time by ticket: the positions of the last snapshot, and the last {@link #CLOSED_KEPT} that left it (an
         * exit fill may come after the snapshot without its position). Bounded: a session that runs for months keeps
         * no more than that.
         */
        final Map<Long, Long> positionOpenMs = new LinkedHashMap<>(16, 0.75f, true) {   // access order: each snapshot's positions are put again, so the eldest left long ago
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > CLOSED_KEPT + ticketCount;
            }
        };
        long lastClockMs;
        /** The largest lag of the terminal's clock behind the engine's already logged. */
        long warnedBehindMs;
        /**
         * The rules' statuses line by line as {@link #ruleStatus} last took them ({@code levelsKnown}): while the engine's
         * are the same, no rule changed status and the panel view need not be written to find out.
         * Only used when the rule ids are distinct (then line i is the map's entry for its id).
         */
        final StatusLevels known = new StatusLevels();
        boolean levelsKnown, distinctIds = true;
        /** The positions of the last snapshot (ticket and open time as put in {@link #positionOpenMs}) and their records. */
        long[] tickets = new long[4], openMs = new long[4];
        int ticketCount;
        ValuedPosition[] valued = new ValuedPosition[4];
        /** The spec each record of {@link #valued} was valued with (a SymbolSpec is immutable: the same one, the same value). */
        SymbolSpec[] valuedSpecs = new SymbolSpec[4];
        /** The last snapshot's positions went through all of onAccount's loop (none threw): its arrays are what it found. */
        boolean valuedComplete;
        /**
         * The last snapshot fed (and its currency) while it is still the account's picture, else null: cleared by every
         * event that changes what the account holds or owns (a fill, an order's answer, a pending order's step, a
         * balance operation; a firm_state that attaches starts a new Account). The clock, news, checks, reservations and
         * rejections leave it: the terminal's next snapshot would show the same. {@link #onSymbolSpec} re-values it at a
         * new tick value.
         */
        AccountState fed;
        String fedCurrency;

        Account(GovernorEngine engine) { this.engine = engine; }
    }

    /**
     * @param initialBalance the account's starting balance as the firm counts it; 0 = the first snapshot's balance
     */
    public AccountGovernors(FirmProfile profile, String profileId, double initialBalance, GovernorStateStore store) {
        this.profile = profile;
        this.profileId = profileId;
        this.configuredInitialBalance = initialBalance;
        this.store = store;
    }

    /** Governors key of a peer routing id: terminal/account (several charts of one account share one engine). */
    public static String accountOf(String peer) {
        int a = peer.indexOf('/'), b = peer.indexOf('/', a + 1);
        return a < 0 || b < 0 ? peer : peer.substring(0, b);
    }

    /** {@link #accountOf} of the peer asked about last: a terminal asks many times a second (a backtest per quote). */
    private String key(String peer) {
        if (peer != lastPeer) {
            lastKey = accountOf(peer);
            lastPeer = peer;
        }
        return lastKey;
    }

    public String profileId() { return profileId; }

    /** The latest state per account, for the panel: replaced (not mutated) by {@link #publish}. */
    public Map<String, StateSnapshot> snapshots() { return published; }

    public void publish() {
        Map<String, StateSnapshot> m = new HashMap<>();
        accounts.forEach((k, a) -> m.put(k, a.engine.snapshot()));
        published = Map.copyOf(m);
        publishedAttach = Map.copyOf(attached);
    }

    /** The firm state each account's terminal rebuilt from its deal history (firm_state), for the panel. */
    public Map<String, AttachState> attachStates() { return publishedAttach; }

    /**
     * The terminal rebuilt the account's firm state from its deal history (protocol firm_state, after every welcome):
     * the account's governors start from it (GovernorEngine.attach) instead of anchoring on an initial balance — blocked
     * when the history could not prove it. A halt or pause already in force (restored from the store, or reached since)
     * is kept: a latch never lifts by reconnecting. Returns the notices (the action the attach state leads to).
     */
    public List<Notice> onFirmState(String peer, long nowMs, AttachState st, String currency) {
        String key = key(peer);
        attached.put(key, st);
        lastAccount = null;                                  // the account's engine may be replaced below
        Account prev = accounts.get(key);
        EngineState before = prev != null ? prev.engine.exportState() : store.load(key, profileId);
        if (before != null && (before.halted() || before.pausedUntilMs() > nowMs)) {
            log.warn("governors for {}: firm_state ({}) received while {}: the latch stays", key, st.status(),
                    before.halted() ? "halted" : "paused");
            if (prev == null) accounts.put(key, new Account(GovernorEngine.restore(profile, before)));
            return List.of(new Notice(key, nowMs, "attach", st.rule(), st.status().name(), "", "kept the latched state; " + st.reason(), 0, 0));
        }
        Account a = new Account(GovernorEngine.attach(profile, st, currency));
        // the signals sent before this connect (or before a restart) are still being executed: still in flight
        if (before != null) a.engine.carryInFlight(before);
        if (prev != null) a.positionOpenMs.putAll(prev.positionOpenMs);
        accounts.put(key, a);
        lastActionAccount = null;
        log.info("governors for {}: {} from the terminal's deal history ({} deals; {})", key, st.status(), st.dealsRead(),
                st.rule().isEmpty() ? "day-start balance " + st.dayStartBalance() + ", high-water " + st.highWater() : st.reason());
        List<Notice> notices = new ArrayList<>(evaluate(key, a, new ClockTick(nowMs), nowMs));
        notices.add(0, new Notice(key, nowMs, "attach", st.rule(), st.status().name(), "", st.reason(), 0, 0));
        return notices;
    }

    private Account account(String key, double firstBalance, String currency) {
        if (key == lastAccountKey && lastAccount != null) return lastAccount;   // a snapshot a second from one terminal
        Account a = accounts.get(key);
        if (a != null) {
            lastAccountKey = key;
            lastAccount = a;
            return a;
        }
        GovernorEngine engine;
        try {
            EngineState saved = store.load(key, profileId);
            engine = saved == null ? null : GovernorEngine.restore(profile, saved);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the stored governor state for " + key + " cannot be restored: "
                    + e.getMessage() + " — refusing to trade on a fresh state that would forget the floors", e);
        }
        if (engine != null) {
            log.info("governors for {} restored from the store ({})", key, profileId);
        } else {
            double initial = configuredInitialBalance > 0 ? configuredInitialBalance : firstBalance;
            engine = GovernorEngine.start(profile, initial, currency);
            log.info("governors for {}: {} from an initial balance of {}", key, profileId, initial);
        }
        a = new Account(engine);
        accounts.put(key, a);
        return a;
    }

    /**
     * The account's clock for an event the terminal stamps {@code nowMs}: never before the engine's last event. A
     * terminal's clock can restart behind the state the governors restored from the journal — a paper demo started
     * again on the same data dir replays its market from the same start (issue 21: every snapshot, and every manual
     * order, was refused "before the previous event" until the market caught up). The governors then keep their own
     * later time, which the terminal reaches again, instead of dropping the account's equity and refusing all orders.
     */
    private long clock(String key, Account a, long nowMs) {
        long last = a.engine.timeMs();
        if (nowMs >= last) return nowMs;
        if (last - nowMs > a.warnedBehindMs) {
            a.warnedBehindMs = last - nowMs;
            log.warn("governors of {}: the terminal's clock {} is {} s behind the governors' last event {} (restarted market or "
                    + "clock?): evaluating at the governors' time until it catches up", key, nowMs, (last - nowMs) / 1000, last);
        }
        return last;
    }

    /** Feeds an account snapshot; returns what the rules say and any notices for the trader. */
    public List<Notice> onAccount(String peer, long nowMs, AccountState acc, String currency, Function<String, SymbolSpec> specs) {
        String key = key(peer);
        Account a = account(key, acc.balance(), currency);
        a.fed = null;                                        // set again once this one reaches the engine
        nowMs = clock(key, a, nowMs);
        List<Position> open = acc.positions();
        int n = open.size();
        if (a.valued.length < n) {
            a.valued = new ValuedPosition[Math.max(n, 2 * a.valued.length)];
            a.valuedSpecs = new SymbolSpec[a.valued.length];
        }
        boolean sameTickets = n == a.ticketCount;
        // the same position object at the same place with the same spec as in the last snapshot (whose loop ran to its
        // end): the same record, and (with as many positions) the same ticket and open time as remembered — a backtest's
        // quote moves one position of a dozen
        boolean trusted = a.valuedComplete;
        a.valuedComplete = false;
        for (int i = 0; i < n; i++) {
            Position p = open.get(i);
            SymbolSpec s = specs.apply(p.symbol());
            ValuedPosition v = a.valued[i];
            if (trusted && v != null && v.position() == p && a.valuedSpecs[i] == s && valuedShortcut) continue;
            double mppu = moneyPerPriceUnit(s);               // the same position at the same value: the same record
            if (v == null || v.position() != p || Double.compare(v.moneyPerPriceUnit(), mppu) != 0) a.valued[i] = new ValuedPosition(p, mppu);
            a.valuedSpecs[i] = s;
            if (sameTickets && (a.tickets[i] != p.ticket() || a.openMs[i] != p.openTimeMs())) sameTickets = false;
        }
        if (!sameTickets) rememberOpenTimes(a, open);
        a.valuedComplete = true;
        if (n == 0 && acc.orders().isEmpty()) {             // flat: mostly the last flat snapshot again, a second later
            Action repeated = a.engine.repeatFlatSnapshot(nowMs, acc.balance(), acc.equity());
            if (repeated != null) {
                fed(a, acc, currency);
                return evaluated(key, a, repeated, false, nowMs);
            }
        }
        List<ValuedPosition> ps = listOf(a.valued, n);
        List<ValuedOrder> os = List.of();
        if (!acc.orders().isEmpty()) {   // resting pending orders: their worst case counts in the pre-trade check
            os = new ArrayList<>(acc.orders().size());
            for (PendingOrder o : acc.orders()) os.add(new ValuedOrder(o, moneyPerPriceUnit(specs.apply(o.symbol()))));
        }
        AccountSnapshot snapshot = new AccountSnapshot(nowMs, acc.balance(), acc.equity(), ps, os, os.size());
        fed(a, acc, currency);                               // (after anything above that may throw: the engine gets it)
        return evaluate(key, a, snapshot, nowMs);
    }

    private static void fed(Account a, AccountState acc, String currency) {
        a.fed = acc;
        a.fedCurrency = currency;
    }

    /**
     * The terminal's tick value of {@code symbol} changed (protocol symbol_update; {@code specs} already gives the new
     * spec): the account's last snapshot is fed again, so its positions and resting orders in that symbol are valued
     * (money per price unit, hence open risk, the pre-trade line and the headroom) at the new value now, not at the
     * next snapshot. Only while that snapshot is still the account's picture and holds the symbol; otherwise nothing
     * is done (empty): after a fill or an order event the terminal's next snapshot, sent right after it, re-values,
     * and feeding an older picture again would undo what those events applied. It is fed at the governors' own time
     * (their last event), not at {@code nowMs}: its balance and equity are of then, and fed later they would pass a
     * firm-day reset or a window with old numbers (the day would start from the last snapshot's equity, not from the
     * first one after the reset).
     */
    public List<Notice> onSymbolSpec(String peer, long nowMs, String symbol, Function<String, SymbolSpec> specs) {
        Account a = accounts.get(key(peer));
        if (a == null || a.fed == null || !holds(a.fed, symbol)) return List.of();
        return onAccount(peer, a.engine.timeMs(), a.fed, a.fedCurrency, specs);
    }

    private static boolean holds(AccountState acc, String symbol) {
        for (Position p : acc.positions()) if (p.symbol().equals(symbol)) return true;
        for (PendingOrder o : acc.orders()) if (o.symbol().equals(symbol)) return true;
        return false;
    }

    /**
     * The first {@code n} records as an immutable list made in one step (List.of's fixed arities keep their one array;
     * an ArrayList and its array per snapshot were a backtest's largest garbage after its quotes and positions).
     */
    private static List<ValuedPosition> listOf(ValuedPosition[] v, int n) {
        return switch (n) {
            case 0 -> List.of();
            case 1 -> List.of(v[0]);
            case 2 -> List.of(v[0], v[1]);
            case 3 -> List.of(v[0], v[1], v[2]);
            case 4 -> List.of(v[0], v[1], v[2], v[3]);
            case 5 -> List.of(v[0], v[1], v[2], v[3], v[4]);
            case 6 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5]);
            case 7 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
            case 8 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
            case 9 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
            case 10 -> List.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            default -> List.of(java.util.Arrays.copyOf(v, n));   // (copied twice: once here, once by List.of)
        };
    }

    private static double moneyPerPriceUnit(SymbolSpec s) {
        double mppu = s == null ? Double.NaN : s.tickValue() / s.tickSize();
        return Double.isFinite(mppu) ? mppu : 0;
    }

    /**
     * The terminal's word on a pending order ({@code order} message, {@code state} placed, modified, cancelled,
     * expired, filled or rejected): the engine's resting orders follow it between snapshots. Unknown accounts are ignored.
     */
    public List<Notice> onPendingOrder(String peer, long nowMs, String state, PendingOrder o, Function<String, SymbolSpec> specs) {
        String key = key(peer);
        Account a = accounts.get(key);
        if (a == null) return List.of();
        PendingEvent.State st = PendingEvent.State.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        a.fed = null;                                        // the resting orders are no longer the snapshot's
        return evaluate(key, a, new PendingEvent(nowMs, st, new ValuedOrder(o, moneyPerPriceUnit(specs.apply(o.symbol()))), ""), nowMs);
    }

    /** Tickets of resting pending orders the account's governors want cancelled now (news windows), empty when none. */
    public List<Long> pendingToCancel(String peer) {
        Account a = accounts.get(key(peer));
        return a == null ? List.of() : a.engine.pendingToCancel();
    }

    /** The open time kept for {@code ticket} (for its exit fills), or null: for tests. */
    Long openTimeKept(String peer, long ticket) {
        Account a = accounts.get(key(peer));
        return a == null ? null : a.positionOpenMs.get(ticket);
    }

    /** How many open times the account keeps: for tests. */
    int openTimesKept(String peer) {
        Account a = accounts.get(key(peer));
        return a == null ? 0 : a.positionOpenMs.size();
    }

    /** Each position's open time, for the fills that close it; kept as arrays too, to notice a change cheaply. */
    private static void rememberOpenTimes(Account a, List<Position> open) {
        int n = open.size();
        if (a.tickets.length < n) {
            a.tickets = new long[Math.max(n, 2 * a.tickets.length)];
            a.openMs = new long[a.tickets.length];
        }
        for (int i = 0; i < n; i++) {
            Position p = open.get(i);
            a.positionOpenMs.put(p.ticket(), p.openTimeMs());
            a.tickets[i] = p.ticket();
            a.openMs[i] = p.openTimeMs();
        }
        a.ticketCount = n;
    }

    /**
     * A signal sent for an order {@link #check} allowed: its worst case counts in the account's pre-trade check until
     * the terminal answers for it ({@link #onOrderUpdate}, its fills, a snapshot showing its position), so the next
     * order is judged with it even before the terminal's next snapshot. Idempotent by signal id; closing orders and
     * unknown accounts are ignored.
     */
    public void onSignalSent(TerminalView terminal, String signalId, OrderIntent o) {
        if (!o.opens()) return;
        Account a = accounts.get(key(terminal.peer()));
        if (a == null) return;
        SymbolSpec s = terminal.spec(o.symbol());
        double mppu = s == null ? Double.NaN : s.tickValue() / s.tickSize();
        String key = key(terminal.peer());
        long nowMs = clock(key, a, terminal.nowMs());
        try {
            a.engine.reserve(new OrderCheck(nowMs, o, Double.NaN, Double.isFinite(mppu) ? mppu : 0, signalId, o.type()));
        } catch (IllegalArgumentException e) {
            log.warn("governors of {}: signal {} not reserved: {}", key, signalId, e.getMessage());
            return;
        }
        // kept with the state: a signal sent before a restart is executed after it, and must still count
        if (store.keepsState()) store.save(key, profileId, a.engine.exportState(), nowMs);
    }

    /** The terminal's answer to a signal: a rejection releases its reservation, an execution ties it to the ticket. */
    public List<Notice> onOrderUpdate(String peer, long nowMs, OrderUpdate u) {
        Account a = accounts.get(key(peer));
        if (a == null || u.status() == OrderStatus.ACCEPTED) return List.of();
        if (u.status() == OrderStatus.EXECUTED) a.fed = null;   // a position the snapshot does not show (a rejection: nothing new)
        nowMs = clock(key(peer), a, nowMs);
        return evaluate(key(peer), a, new OrderAck(nowMs, u.signalId(), u.status(), u.ticket()), nowMs);
    }

    public List<Notice> onFill(String peer, long nowMs, Fill f) {
        Account a = accounts.get(key(peer));
        if (a == null) return List.of();                     // no snapshot yet: the next one carries the balance
        a.fed = null;                                        // the balance and positions are no longer the snapshot's
        nowMs = clock(key(peer), a, nowMs);
        boolean entry = f.opens();
        Long kept = entry ? null : a.positionOpenMs.get(f.position());   // (get: the same access as getOrDefault's, nowMs not boxed)
        long opened = kept != null ? kept : nowMs;
        return evaluate(key(peer), a, new FillEvent(nowMs, f, opened), nowMs);
    }

    /**
     * A balance operation (deposit, withdrawal, payout, credit, bonus, correction, charge, commission; the wire's
     * {@code balance} message): not trading profit or loss, except charges and commissions (docs/governors.md). The
     * terminal sends it before the snapshot that shows it. Applied once per deal ticket; an unknown kind or a bad
     * amount is an input the governors reject (a notice), never guessed. Ignored before the account's first snapshot
     * (no engine yet: that snapshot's balance already has it).
     */
    public List<Notice> onBalance(String peer, long nowMs, String kind, double amount, long deal, String comment) {
        String key = key(peer);
        Account a = accounts.get(key);
        if (a == null) return List.of();
        a.fed = null;                                        // the balance is no longer the snapshot's
        BalanceOperation op;
        try {
            BalanceOperation.Kind k = BalanceOperation.Kind.ofWire(kind);
            if (k == null) throw new IllegalArgumentException("balance.kind: unknown kind '" + kind + "'");
            op = new BalanceOperation(nowMs, k, Cents.of(amount), deal, comment);
        } catch (IllegalArgumentException e) {
            log.warn("governors of {} rejected a balance operation: {}", key, e.getMessage());
            return List.of(new Notice(key, nowMs, "input_rejected", "", "", a.lastAction.name(), e.getMessage(), 0, 0));
        }
        return evaluate(key, a, op, nowMs);
    }

    /**
     * A calendar release the sidecar pushes to the terminal, learnt by the account's governors too (news embargo).
     * Empty when the account has no snapshot yet (no engine): the caller feeds it again later.
     */
    public Optional<List<Notice>> onNews(String peer, long nowMs, long releaseMs, String currency, NewsEvent.Impact impact) {
        String key = key(peer);
        Account a = accounts.get(key);
        if (a == null) return Optional.empty();
        nowMs = clock(key, a, nowMs);
        return Optional.of(evaluate(key, a, new NewsEvent(nowMs, releaseMs, currency, impact), nowMs));
    }

    /** Clock for every account (resets, pauses ending, forced-flat windows), at most once per second each. */
    public List<Notice> onClock(String peer, long nowMs) {
        String key = key(peer);
        Account a = accounts.get(key);
        if (a == null) return List.of();
        nowMs = clock(key, a, nowMs);
        if (nowMs - a.lastClockMs < 1_000) return List.of();
        a.lastClockMs = nowMs;
        return evaluate(key, a, new ClockTick(nowMs), nowMs);
    }

    /** The action the account is under now (ALLOW when unknown). */
    public Action action(String peer) {
        String key = key(peer);
        if (key != lastActionKey || lastActionAccount == null) {   // a backtest asks after every quote
            lastActionAccount = accounts.get(key);
            lastActionKey = key;
        }
        return lastActionAccount == null ? Action.ALLOW : lastActionAccount.lastAction;
    }

    /**
     * One event through the account's engine. The verdict's sentences are written only when the action changes, and
     * the rules' panel lines only when a rule's status changed: an account is evaluated at every equity change.
     */
    private List<Notice> evaluate(String key, Account a, GovernorEvent event, long nowMs) {
        Action action;
        try {
            action = a.engine.evaluateAction(event);
        } catch (IllegalArgumentException e) {
            log.warn("governors of {} rejected an input: {}", key, e.getMessage());
            return List.of(new Notice(key, nowMs, "input_rejected", "", "", a.lastAction.name(), e.getMessage(), 0, 0));
        }
        return evaluated(key, a, action, event instanceof ClockTick, nowMs);
    }

    /** After an event's evaluation: the notices of a changed action and changed rule statuses; the state saved. */
    private List<Notice> evaluated(String key, Account a, Action action, boolean clockTick, long nowMs) {
        List<Notice> notices = List.of();
        if (action != a.lastAction) {
            RuleVerdict d = a.engine.verdict();
            notices = new ArrayList<>();
            notices.add(new Notice(key, nowMs, "action", d.ruleId(), "", d.action().name(), d.message(), d.measured(), d.threshold()));
            a.lastAction = action;
        }
        if (!clockTick || !notices.isEmpty()) {
            if (statusesMayHaveChanged(a)) notices = ruleNotices(key, a, action, nowMs, notices);
            if (store.keepsState()) store.save(key, profileId, a.engine.exportState(), nowMs);
        }
        return notices;
    }

    /** False only when every rule's status is what the last look at the panel lines found. */
    private static boolean statusesMayHaveChanged(Account a) {
        if (!a.levelsKnown || !a.distinctIds) return true;
        if (a.engine.lastEventRepeated()) return false;       // a flat snapshot as before: the statuses as before
        return !a.engine.sameStatusLevels(a.known);
    }

    /**
     * A notice for each rule whose status changed (or that is not OK on the first look), from the panel lines: all of
     * them the first time, then (the statuses known line by line) only the changed lines, whose rules alone write them.
     */
    private static List<Notice> ruleNotices(String key, Account a, Action action, long nowMs, List<Notice> notices) {
        boolean known = a.levelsKnown && a.distinctIds;
        List<RuleStatus> lines = known ? a.engine.changedStatusLines(a.known) : a.engine.snapshot().rules();
        Set<String> ids = a.levelsKnown ? null : new HashSet<>();
        for (RuleStatus r : lines) {
            if (ids != null && !ids.add(r.ruleId())) a.distinctIds = false;
            RuleStatus.Status before = a.ruleStatus.put(r.ruleId(), r.status());
            if (before != null && before != r.status() || before == null && r.status() != RuleStatus.Status.OK) {
                if (notices.isEmpty()) notices = new ArrayList<>();
                notices.add(new Notice(key, nowMs, "rule", r.ruleId(), r.status().name(), action.name(), r.note(),
                        r.value(), r.limit()));
            }
        }
        a.engine.statusLevels(a.known);
        a.levelsKnown = true;
        return notices;
    }

    @Override
    public PreTradeVerdict check(OrderIntent o, TerminalView terminal) {
        if (!o.opens()) return PreTradeVerdict.ALLOW;      // closing is always allowed
        Account a = accounts.get(key(terminal.peer()));
        if (a == null) return PreTradeVerdict.deny("governors.no_account", "no account snapshot yet: the rules cannot be checked");
        SymbolSpec s = terminal.spec(o.symbol());
        double mppu = s == null ? Double.NaN : s.tickValue() / s.tickSize();
        RuleHit top;
        try {   // the verdict's rule and sentence only: the other hits' sentences are not written (a refusal tells one)
            Action action = a.engine.evaluateAction(new OrderCheck(clock(key(terminal.peer()), a, terminal.nowMs()), o, Double.NaN, mppu, "", o.type()));
            if (action == Action.ALLOW) return PreTradeVerdict.ALLOW;
            top = a.engine.topHit();
        } catch (IllegalArgumentException e) {
            return PreTradeVerdict.deny("governors.input", e.getMessage());
        }
        return PreTradeVerdict.deny(top.ruleId(), top.message());
    }

    /**
     * {daily, overall} money a new order may still lose under the rules, net of the open positions' risk, from a
     * published snapshot: 0 while the account is halted, paused or locked at its target, or before it has a snapshot.
     */
    public static double[] headroom(StateSnapshot g) {
        if (g == null) return new double[]{0, 0};
        return headroom(g.halted() || g.paused() || g.targetLocked(), g.openRisk(), g.dailyHeadroom(), g.overallHeadroom());
    }

    /**
     * The same from the account's governors as they are now — what {@link #headroom(StateSnapshot)} gives for a
     * snapshot published now, without writing one (a backtest asks for every candidate the signal engine sizes).
     */
    public double[] headroom(String peer) {
        Account a = accounts.get(key(peer));
        if (a == null) return new double[]{0, 0};
        GovernorEngine.Headroom h = a.engine.headroom();
        return headroom(h.halted() || h.paused() || h.targetLocked(), h.openRisk(), h.daily(), h.overall());
    }

    private static double[] headroom(boolean closed, double openRisk, double daily, double overall) {
        if (closed) return new double[]{0, 0};
        double open = Double.isFinite(openRisk) ? openRisk : Double.MAX_VALUE;
        return new double[]{Math.max(0, daily - open), Math.max(0, overall - open)};
    }

    /** Money a new order's worst case may still use on this account (the signal engine sizes within it). */
    public double sizingHeadroom(String peer) {
        Account a = accounts.get(key(peer));
        return a == null ? 0 : a.engine.snapshot().sizingHeadroom();
    }
}
