package io.vprop.governors;

import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.ClockTick;
import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Side;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flat account's repeated snapshot may be answered from the last evaluation (GovernorEngine's quiet path): for
 * every bundled profile, three weeks of an account that is flat most of the time — a snapshot every few seconds,
 * trades with losses deep enough to pause and halt it, profits to lock it, news, the clock — go through one engine
 * with the quiet path and one without, and after every event both give the same action, verdict, rule statuses,
 * panel view and exported state. The quiet path must also actually be taken (most flat snapshots repeat). A third
 * engine is given each flat snapshot through {@link GovernorEngine#repeatFlatSnapshot} first (the sidecar's and the
 * backtester's shortcut, which makes no event), evaluating it only when that declines: the same after every event too.
 */
class RepeatedSnapshotTest {
    private static final long START = Instant.parse("2024-05-13T00:00:00Z").toEpochMilli();   // a Monday
    private static final long WEEKS = 3;

    @TestFactory
    Stream<DynamicTest> repeatedFlatSnapshotsGetTheAnswerAFreshEvaluationGives() {
        return ProfileLoader.BUNDLED.stream().flatMap(id -> Stream.of(1L, 2L).map(seed ->
                DynamicTest.dynamicTest(id + " seed " + seed, () -> compare(ProfileLoader.bundled(id), seed))));
    }

    private static void compare(FirmProfile profile, long seed) {
        GovernorEngine quiet = GovernorEngine.start(profile, 100_000, "USD");
        GovernorEngine fresh = GovernorEngine.start(profile, 100_000, "USD");
        fresh.quietPath = false;
        GovernorEngine shortcut = GovernorEngine.start(profile, 100_000, "USD");
        StatusLevels quietLevels = new StatusLevels(), freshLevels = new StatusLevels(), shortcutLevels = new StatusLevels();
        int events = 0, repeats = 0, shortcuts = 0;
        java.util.Map<Action, Integer> actions = new java.util.TreeMap<>();
        for (GovernorEvent e : account(seed)) {
            Action a = quiet.evaluateAction(e);
            RuleVerdict expected = fresh.evaluate(e);
            // the description is written only when an assertion fails: the profile record's text at each of the
            // million events was most of this test's time
            int n = events;
            Object at = new Object() {
                @Override public String toString() { return profile.id() + " event " + n + " " + e; }
            };
            assertThat(a).as("%s", at).isEqualTo(expected.action());
            assertThat(quiet.verdict()).as("%s", at).isEqualTo(expected);
            quiet.statusLevels(quietLevels);
            fresh.statusLevels(freshLevels);
            assertThat(quietLevels.sameAs(freshLevels)).as("%s: status levels", at).isTrue();
            if (quiet.lastEventRepeated() || events % 13 == 0)
                assertThat(quiet.exportState()).as("%s: state", at).isEqualTo(fresh.exportState());
            actions.merge(a, 1, Integer::sum);
            if (events % 97 == 0) assertThat(statuses(quiet.snapshot())).as("%s", at).isEqualTo(statuses(fresh.snapshot()));
            if (quiet.lastEventRepeated()) repeats++;

            Action s = e instanceof AccountSnapshot flat && flat.positions().isEmpty() && flat.orders().isEmpty() && flat.pendingOrders() == 0
                    ? shortcut.repeatFlatSnapshot(flat.timeMs(), flat.balance(), flat.equity()) : null;
            boolean took = s != null;
            if (took) shortcuts++;
            else s = shortcut.evaluateAction(e);             // (a flat snapshot that does not repeat, or another event)
            assertThat(s).as("%s: shortcut", at).isEqualTo(expected.action());
            assertThat(shortcut.lastEventRepeated()).as("%s: shortcut", at).isEqualTo(quiet.lastEventRepeated());
            shortcut.statusLevels(shortcutLevels);
            assertThat(shortcutLevels.sameAs(freshLevels)).as("%s: shortcut status levels", at).isTrue();
            if ((took && shortcuts % 7 == 0) || events % 13 == 0) { // state exports are the test's cost: sampled
                assertThat(shortcut.verdict()).as("%s: shortcut", at).isEqualTo(expected);
                assertThat(shortcut.exportState()).as("%s: shortcut state", at).isEqualTo(fresh.exportState());
            }
            if (events % 97 == 0) assertThat(statuses(shortcut.snapshot())).as("%s", at).isEqualTo(statuses(fresh.snapshot()));
            events++;
        }
        assertThat(repeats).as("repeated flat snapshots answered from the last evaluation").isGreaterThan(events / 4);
        assertThat(shortcuts).as("the shortcut taken for every repeated flat snapshot").isEqualTo(repeats);
        assertThat(actions.keySet()).as("the account is allowed, and blocked, paused or halted at times").contains(Action.ALLOW)
                .containsAnyOf(Action.BLOCK_NEW_ENTRIES, Action.PAUSE_UNTIL_RESET, Action.FLATTEN_AND_HALT);
    }

    private static List<RuleStatus> statuses(StateSnapshot s) { return s.rules(); }

    /**
     * An account: flat snapshots every 2–10 s (repeating until something changes), the clock every second, now and
     * then an order check and a trade that stays open for up to two hours with a floating result that wanders (at
     * times far enough to reach the loss buffers), closed with that result; a high-impact release every few days.
     * No events on Saturdays.
     */
    private static List<GovernorEvent> account(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GovernorEvent> out = new ArrayList<>();
        double balance = 100_000;
        long t = START, end = START + WEEKS * 7 * 86_400_000L;
        long positionOpenMs = 0, positionEndsMs = 0, nextTrade = t + r.nextLong(600_000, 4 * 3_600_000L);
        double floating = 0, scale = 0;
        long lastClock = 0;
        while (t < end) {
            t += r.nextLong(2_000, 10_000);
            if (Instant.ofEpochMilli(t).atZone(java.time.ZoneOffset.UTC).getDayOfWeek() == java.time.DayOfWeek.SATURDAY) {
                t += 86_400_000L;
                continue;
            }
            if (t - lastClock >= 1_000 && r.nextInt(3) == 0) {
                out.add(new ClockTick(t));
                lastClock = t;
            }
            if (r.nextInt(5_000) == 0)
                out.add(new NewsEvent(t, t + r.nextLong(60_000, 6 * 3_600_000L), r.nextBoolean() ? "USD" : "EUR", NewsEvent.Impact.HIGH));
            if (positionOpenMs == 0 && t >= nextTrade) {
                out.add(Events.order(t, "EURUSD", Side.BUY, 1, 1.08, 1.07, 1_000, 100_000));
                positionOpenMs = t;
                positionEndsMs = t + r.nextLong(60_000, 2 * 3_600_000L);
                scale = r.nextInt(4) == 0 ? 400 : 30;                   // now and then a trade that can hurt
                floating = -7;                                           // the commission
                out.add(Events.fill(t, "EURUSD", Side.BUY, 1, 1.08, true, -7, t));
                balance -= 7;
            }
            if (positionOpenMs != 0) {
                floating = Math.round((floating + r.nextGaussian() * scale / 10) * 100) / 100.0;
                if (t >= positionEndsMs) {
                    double result = Math.max(floating, -balance + 1);
                    out.add(Events.fill(t, "EURUSD", Side.SELL, 1, 1.08, false, result, positionOpenMs));
                    balance = Math.round((balance + result) * 100) / 100.0;
                    positionOpenMs = 0;
                    nextTrade = t + r.nextLong(600_000, 6 * 3_600_000L);
                    out.add(new AccountSnapshot(t, balance, balance, List.of(), 0));
                } else {
                    ValuedPosition p = Events.position("EURUSD", Side.BUY, 1, 1.08, 1.07, positionOpenMs, floating, 100_000);
                    out.add(new AccountSnapshot(t, balance, Math.max(0, balance + floating), List.of(p), 0));
                }
            } else {
                out.add(new AccountSnapshot(t, balance, balance, List.of(), 0));
            }
        }
        return out;
    }
}
