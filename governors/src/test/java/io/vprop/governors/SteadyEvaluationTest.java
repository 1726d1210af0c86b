package io.vprop.governors;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.BalanceOperation;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderAck;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderStatus;
import io.vprop.trade.Position;
import io.vprop.trade.Side;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steady path (GovernorEngine: a snapshot that moves only the equity and the positions' floating profit, or the
 * clock, answered within the rules' bounds without running them) gives what a full evaluation gives: for every bundled
 * profile, four weeks of an account holding up to four positions — a snapshot at every quote of one of them, the clock,
 * order checks sent and reserved, entry and exit fills, acks, stops moved or missing, news, deposits and withdrawals,
 * floating losses deep enough to block, pause and halt it — go through one engine with the steady path and one without,
 * and after every event both give the same action, verdict, rule statuses (and the same answer to "the statuses last
 * seen?"), headroom, orders to cancel and (sampled) exported state and panel view. The steady path must also actually be taken (most snapshots).
 */
class SteadyEvaluationTest {
    private static final long START = Instant.parse("2024-05-13T00:00:00Z").toEpochMilli();   // a Monday
    private static final long DAYS = 5;
    private static final int ACCOUNTS = 6;
    private static final String[] SYMBOLS = {"EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "EURGBP"};

    @TestFactory
    Stream<DynamicTest> steadySnapshotsGetTheAnswerAFullEvaluationGives() {
        return ProfileLoader.BUNDLED.stream().flatMap(id -> Stream.of(1L, 2L).map(seed ->
                DynamicTest.dynamicTest(id + " seed " + seed, () -> compare(ProfileLoader.bundled(id), seed))));
    }

    /** Accounts of a few days each (a halt ends an account's interest), started on different days of the week. */
    private static void compare(FirmProfile profile, long seed) {
        long steadyEvents = 0, events = 0;
        Map<Action, Integer> actions = new TreeMap<>();
        for (int k = 0; k < ACCOUNTS; k++) {
            long start = START + k * 5 * 86_400_000L + seed * 3_600_000L;
            int[] counts = compare(profile, seed * 100 + k, start, actions);
            events += counts[0];
            steadyEvents += counts[1];
        }
        assertThat(steadyEvents).as(profile.id() + ": events answered by the steady path").isGreaterThan(events / 3);
        assertThat(actions.keySet()).as(profile.id() + ": allowed, and blocked, paused or halted at times").contains(Action.ALLOW)
                .containsAnyOf(Action.BLOCK_NEW_ENTRIES, Action.PAUSE_UNTIL_RESET, Action.FLATTEN_AND_HALT);
    }

    private static int[] compare(FirmProfile profile, long seed, long start, Map<Action, Integer> actions) {
        GovernorEngine steady = GovernorEngine.start(profile, 100_000, "USD");
        GovernorEngine full = GovernorEngine.start(profile, 100_000, "USD");
        full.steadyPath = false;
        StatusLevels steadyLevels = new StatusLevels(), fullLevels = new StatusLevels(), lastSeen = new StatusLevels();
        SplittableRandom asks = new SplittableRandom(seed * 31);
        boolean everyEvent = seed % 2 == 1;               // the backtester asks for the statuses after every event
        int events = 0, rejected = 0;
        for (GovernorEvent e : account(seed, start)) {
            String at = profile.id() + " seed " + seed + " event " + events + " " + e;
            Action expected;
            try {
                expected = full.evaluateAction(e);
            } catch (IllegalArgumentException x) {        // (a fill the account cannot pay: both refuse it alike)
                rejected++;
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> steady.evaluateAction(e), at);
                events++;
                continue;
            }
            int before = steady.steadyEvents();
            Action a = steady.evaluateAction(e);
            boolean took = steady.steadyEvents() > before;
            assertThat(a).as(at).isEqualTo(expected);
            full.statusLevels(fullLevels);                 // as AccountGovernors asks: the same as the statuses last seen?
            assertThat(steady.sameStatusLevels(lastSeen)).as(at + ": same status levels").isEqualTo(fullLevels.sameAs(lastSeen));
            if (!fullLevels.sameAs(lastSeen) && asks.nextInt(2) == 0) lastSeen.copyFrom(fullLevels);
            if (everyEvent || took || asks.nextInt(3) == 0) {
                steady.statusLevels(steadyLevels);
                full.statusLevels(fullLevels);
                assertThat(steadyLevels.sameAs(fullLevels)).as(at + ": status levels").isTrue();
            }
            // the top hit alone (a pre-trade refusal's rule and sentence), asked before the verdict: the verdict's first hit
            RuleVerdict verdict = full.verdict();
            if (verdict.hits().isEmpty()) assertThat(steady.topHit()).as(at).isNull();
            else assertThat(steady.topHit()).as(at + ": top hit").isEqualTo(verdict.hits().get(0));
            if (everyEvent || asks.nextInt(4) == 0) assertThat(steady.verdict()).as(at).isEqualTo(verdict);
            assertThat(steady.headroom()).as(at + ": headroom").isEqualTo(full.headroom());
            assertThat(steady.pendingToCancel()).as(at).isEqualTo(full.pendingToCancel());
            assertThat(steady.lastEventRepeated()).as(at).isEqualTo(full.lastEventRepeated());
            if (events % 11 == 0 || (took && asks.nextInt(5) == 0))
                assertThat(steady.exportState()).as(at + ": state").isEqualTo(full.exportState());
            if (events % 101 == 0) assertThat(steady.snapshot().rules()).as(at).isEqualTo(full.snapshot().rules());
            actions.merge(a, 1, Integer::sum);
            events++;
        }
        assertThat(steady.exportState()).isEqualTo(full.exportState());
        assertThat(full.steadyEvents()).isZero();
        assertThat(rejected).isLessThan(events / 100 + 1);
        return new int[]{events, steady.steadyEvents()};
    }

    /**
     * The bounds to the cent: an account holding a position, from several day-start balances, its equity moved down a
     * cent at a time until a rule fires (the steady path's lower bound is the first limit met) and a little further,
     * then up again past the start (an intraday high-water mark is its upper bound); after every cent both engines give
     * the same action, verdict and rule statuses.
     */
    @TestFactory
    Stream<DynamicTest> boundsHoldToTheCent() {
        return ProfileLoader.BUNDLED.stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            FirmProfile profile = ProfileLoader.bundled(id);
            double initial = profile.dailyLoss() != null && Double.isNaN(profile.dailyLoss().limitPct()) ? 5_000 : 1_000;
            for (double dayStart : new double[]{initial, initial * 0.97, initial * 0.94, initial * 1.03})
                centByCent(profile, initial, dayStart);
        }));
    }

    private static void centByCent(FirmProfile profile, double initial, double dayStart) {
        GovernorEngine steady = GovernorEngine.start(profile, initial, "USD");
        GovernorEngine full = GovernorEngine.start(profile, initial, "USD");
        full.steadyPath = false;
        long t = Instant.parse("2024-05-13T10:00:00Z").toEpochMilli();          // a Monday: three days of losses at most
        List<GovernorEvent> events = new ArrayList<>();
        events.add(new AccountSnapshot(t, initial, initial));
        double balance = initial;
        long deal = 1;
        while (balance != dayStart) {                                            // a day's loss within the daily limits
            double result = Math.max(dayStart - balance, -initial * 0.025);
            balance = Math.round((balance + result) * 100) / 100.0;
            events.add(new FillEvent(t + 1, new Fill(deal, deal, deal, "", "EURUSD", Side.BUY, FillEntry.IN, 1.1, 0.01, 0, 0, 0, t + 1, ""), t + 1));
            events.add(new FillEvent(t + 2, new Fill(deal + 1, deal, deal, "", "EURUSD", Side.SELL, FillEntry.OUT, 1.1, 0.01, 0, 0,
                    result, t + 2, ""), t + 1));
            events.add(new AccountSnapshot(t + 3, balance, balance));
            deal += 2;
            t += 86_400_000L;
        }
        t += 86_400_000L;                                                        // the next day, anchored at dayStart
        events.add(new ClockTick(t));
        ValuedPosition p = new ValuedPosition(new Position(3, "EURUSD", Side.BUY, 0.01, 1.1, 1.05, 0, 0, 0, 0, t, ""), 100_000);
        events.add(new FillEvent(t, new Fill(deal, 3, 3, "", "EURUSD", Side.BUY, FillEntry.IN, 1.1, 0.01, 0, 0, 0, t, ""), t));
        for (GovernorEvent e : events) assertThat(steady.evaluateAction(e)).isEqualTo(full.evaluateAction(e));
        StatusLevels a = new StatusLevels(), b = new StatusLevels();
        long cents = Math.round(dayStart * 100) + 500, lowest = Long.MIN_VALUE;
        int dir = -1, steps = 0, steadySteps = 0;
        Action first = null;
        while (steps < 400_000) {
            t++;
            double equity = cents / 100.0;
            ValuedPosition q = new ValuedPosition(new Position(3, "EURUSD", Side.BUY, 0.01, 1.1, 1.05, 0, equity - dayStart, 0, 0,
                    p.position().openTimeMs(), ""), 100_000);
            AccountSnapshot snap = new AccountSnapshot(t, dayStart, Math.max(0, equity), List.of(q), 0);
            int before = steady.steadyEvents();
            Action x = steady.evaluateAction(snap), y = full.evaluateAction(snap);
            String at = profile.id() + " day start " + dayStart + " equity " + equity;
            assertThat(x).as(at).isEqualTo(y);
            steady.statusLevels(a);
            full.statusLevels(b);
            assertThat(a.sameAs(b)).as(at + ": status levels").isTrue();
            assertThat(steady.verdict()).as(at).isEqualTo(full.verdict());
            if (steady.steadyEvents() > before) steadySteps++;
            if (first == null) first = y;
            if (dir < 0 && lowest == Long.MIN_VALUE && y != first) lowest = cents - 300;     // a rule fired: a little further
            if (dir < 0 && (cents <= lowest || cents <= 0)) dir = 1;
            if (dir > 0 && cents > Math.round(dayStart * 100) + 5_000) break;
            cents += dir;
            steps++;
        }
        assertThat(steady.exportState()).isEqualTo(full.exportState());
        assertThat(steadySteps).as(profile.id() + " day start " + dayStart + ": cents answered by the steady path").isGreaterThan(steps / 4);
    }

    /** One open position of the account: the record handed over until its quote moves (as the paper broker does). */
    private static final class Open {
        final long ticket, openMs;
        final String symbol, signalId;
        final Side side;
        final double volume, openPrice;
        double sl, floating;
        ValuedPosition view;

        Open(long ticket, String symbol, String signalId, Side side, double volume, double openPrice, double sl, long openMs) {
            this.ticket = ticket;
            this.symbol = symbol;
            this.signalId = signalId;
            this.side = side;
            this.volume = volume;
            this.openPrice = openPrice;
            this.sl = sl;
            this.openMs = openMs;
        }

        ValuedPosition view() {
            if (view == null) view = new ValuedPosition(new Position(ticket, symbol, side, volume, openPrice, sl, 0, floating, 0, 0,
                    openMs, signalId), 100_000);
            return view;
        }
    }

    /**
     * An account: the clock, quotes of the held symbols every few seconds (each a snapshot with that position's floating
     * result moved, the other records as they were), entries checked, reserved, acknowledged and filled, exits, stops
     * moved now and then (or none set), news, a deposit or withdrawal now and then; no events on Saturdays.
     */
    private static List<GovernorEvent> account(long seed, long start) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GovernorEvent> out = new ArrayList<>();
        List<Open> open = new ArrayList<>(), pendingShow = new ArrayList<>();
        double balance = 100_000;
        long t = start, end = start + DAYS * 86_400_000L, lastClock = 0, ticket = 1, deal = 1;
        int signals = 0;
        double scale = 15;
        while (t < end) {
            t += r.nextInt(50) == 0 ? r.nextLong(60_000, 3_600_000L) : r.nextLong(500, 20_000);
            if (Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SATURDAY) {
                t += 86_400_000L;
                continue;
            }
            if (t - lastClock >= 1_000 && r.nextInt(4) == 0) {
                out.add(new ClockTick(t));
                lastClock = t;
            }
            if (r.nextInt(3_000) == 0)
                out.add(new NewsEvent(t, t + r.nextLong(60_000, 8 * 3_600_000L), r.nextBoolean() ? "USD" : "EUR", NewsEvent.Impact.HIGH));
            if (r.nextInt(4_000) == 0) {
                long cents = r.nextBoolean() ? r.nextLong(100, 500_000) : -r.nextLong(100, Math.max(101, (long) (balance * 10)));
                out.add(new BalanceOperation(t, cents > 0 ? BalanceOperation.Kind.DEPOSIT : BalanceOperation.Kind.WITHDRAWAL,
                        cents, deal++, "op"));
                balance += cents / 100.0;
            }
            if (scale < 100 ? r.nextInt(3_000) == 0 : r.nextInt(200) == 0) scale = scale < 100 ? 600 : 15;   // a market that can hurt, now and then
            int k = r.nextInt(open.size() + 1);
            if (open.size() < 4 && (open.isEmpty() ? r.nextInt(20) == 0 : r.nextInt(150) == 0)) {
                String symbol = SYMBOLS[r.nextInt(SYMBOLS.length)];
                Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
                double price = 1.1, sl = r.nextInt(15) == 0 ? 0 : side == Side.BUY ? 1.09 : 1.11;
                String id = r.nextInt(6) == 0 ? "" : "sig-" + ++signals;
                OrderIntent intent = OrderIntent.open(symbol, side, 1, price, 0, sl, 0, 0, 0, "", "", 0, "");
                out.add(new OrderCheck(t, intent, sl == 0 ? Double.NaN : 1_000, 100_000, id));
                long tk = ticket++;
                if (!id.isEmpty() && r.nextInt(4) != 0) out.add(new OrderAck(t, id, OrderStatus.EXECUTED, tk));
                if (!id.isEmpty() && r.nextInt(12) == 0) {
                    out.add(new OrderAck(t, id, OrderStatus.REJECTED, 0));
                } else {
                    Open o = new Open(tk, symbol, id, side, 1, price, sl, t);
                    o.floating = -7;
                    out.add(new FillEvent(t, new Fill(deal++, tk, tk, id, symbol, side, FillEntry.IN, price, 1, -7, 0, 0, t, ""), t));
                    balance -= 7;
                    if (r.nextInt(3) != 0) open.add(o);       // else the snapshot shows it a little later
                    else pendingShow.add(o);
                }
            } else if (k < open.size() && r.nextInt(300) == 0) {
                Open o = open.remove(k);
                double result = Math.max(o.floating, -balance + 1);
                out.add(new FillEvent(t, new Fill(deal++, o.ticket, o.ticket, o.signalId, o.symbol, o.side.opposite(), FillEntry.OUT,
                        1.1, o.volume, 0, 0, result, t, ""), o.openMs));
                balance = Math.round((balance + result) * 100) / 100.0;
            } else if (k < open.size()) {
                Open o = open.get(k);
                o.floating += r.nextGaussian() * scale / 10 + r.nextDouble() * 1e-3;   // sub-cent results, as a broker's
                o.view = null;
                if (r.nextInt(400) == 0) {                     // the stop moved (or set, or removed)
                    o.sl = r.nextInt(4) == 0 ? 0 : o.side == Side.BUY ? 1.09 + r.nextDouble() * 0.005 : 1.11 - r.nextDouble() * 0.005;
                }
            }
            if (!pendingShow.isEmpty() && r.nextInt(3) == 0) {
                open.addAll(pendingShow);
                pendingShow.clear();
            }
            double equity = balance;
            List<ValuedPosition> ps = new ArrayList<>(open.size());
            for (Open o : open) {
                equity += o.floating;
                ps.add(o.view());
            }
            out.add(new AccountSnapshot(t, balance, Math.max(0, equity), List.copyOf(ps), 0));
        }
        return out;
    }
}
