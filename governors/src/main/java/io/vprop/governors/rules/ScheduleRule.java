package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.ScheduleConfig;
import io.vprop.governors.profile.WindowConfig;
import io.vprop.governors.time.WeeklyWindow;

import java.util.List;

/** Entries only inside the allowed sessions and not in the last N minutes before the daily reset. */
public final class ScheduleRule implements GovernorRule {
    static final String SESSION = "session";
    static final String BEFORE_RESET = "before-reset";
    private final ScheduleConfig config;
    private final WeeklyWindow[] sessions;

    public ScheduleRule(ScheduleConfig config) {
        this.config = config;
        this.sessions = config.sessions().stream().map(WindowConfig::newWeeklyWindow).toArray(WeeklyWindow[]::new);
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        if (!(e instanceof OrderCheck)) return;
        long t = l.nowMs;
        if (sessions.length > 0 && !inSession(t)) {
            hits.add(Action.BLOCK_NEW_ENTRIES, SESSION, t, nextSession(t), nextSession(t),
                    "Outside the allowed trading sessions; the next one opens at " + Fmt.time(nextSession(t)) + ".");
        }
        long quietMs = config.noEntriesBeforeResetMinutes() * 60_000L;
        if (quietMs > 0 && l.nextResetMs - t <= quietMs) {
            hits.add(Action.BLOCK_NEW_ENTRIES, BEFORE_RESET, (l.nextResetMs - t) / 60_000.0, config.noEntriesBeforeResetMinutes(),
                    l.nextResetMs, "No entries in the last " + config.noEntriesBeforeResetMinutes()
                            + " minutes before the daily reset at " + Fmt.time(l.nextResetMs) + ".");
        }
    }

    private boolean inSession(long t) {
        for (WeeklyWindow w : sessions) if (w.activeAt(t)) return true;
        return false;
    }

    private long nextSession(long t) {
        long best = Long.MAX_VALUE;
        for (WeeklyWindow w : sessions) best = Math.min(best, w.startAfter(t));
        return best;
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        if (sessions.length > 0) {
            boolean in = inSession(l.nowMs);
            out.add(new RuleStatus(SESSION, in ? 1 : 0, 1, in ? 0 : (nextSession(l.nowMs) - l.nowMs) / 60_000.0, 0,
                    in ? RuleStatus.Status.OK : RuleStatus.Status.WARNING,
                    in ? "Inside an allowed session." : "Outside the allowed sessions (distance in minutes to the next)."));
        }
    }

    @Override
    public void levels(Ledger l, StatusLevels out) {
        if (sessions.length > 0) out.add(inSession(l.nowMs) ? RuleStatus.Status.OK : RuleStatus.Status.WARNING);
    }

    /** Only orders are checked; the session line changes when a session opens or closes. */
    @Override
    public long quietUntil(Ledger l) {
        long until = Long.MAX_VALUE;
        for (WeeklyWindow w : sessions) until = Math.min(until, w.nextChange(l.nowMs));
        return until;
    }

    /** The same as for a flat account: only orders are checked, the session line moves with the time alone. */
    @Override
    public void steady(Ledger l, Steady s) { s.until(quietUntil(l)); }
}
