package io.vprop.governors.rules;

import io.vprop.governors.event.GovernorEvent;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import io.vprop.governors.profile.WindowConfig;
import io.vprop.governors.time.WeeklyWindow;

import java.util.List;

/**
 * Forced flat: before the weekend close, before market breaks longer than 2 h, at a session end. From
 * {@code leadMinutes} before the window until its end the account must be flat and takes no entries.
 */
public final class ForcedFlatRule implements GovernorRule {
    static final String ID = "forced-flat";
    private final WindowConfig[] configs;
    private final WeeklyWindow[] windows; // windows[i] is configs[i]
    private final String[] ids;           // ids[i] is the rule id of configs[i]

    public ForcedFlatRule(List<WindowConfig> configs) {
        this.configs = configs.toArray(WindowConfig[]::new);
        this.windows = configs.stream().map(WindowConfig::newWeeklyWindow).toArray(WeeklyWindow[]::new);
        this.ids = configs.stream().map(c -> ID + ":" + c.id()).toArray(String[]::new);
    }

    @Override
    public void check(Ledger l, GovernorEvent e, HitList hits) {
        long t = l.nowMs;
        for (int i = 0; i < windows.length; i++) {
            WeeklyWindow w = windows[i];
            if (w.activeAt(t)) {
                long end = w.endAfter(t), start = w.startAfter(t);
                String window = configs[i].id();
                hits.add(Action.PAUSE_UNTIL_RESET, ids[i], t, start, end,
                        () -> "Flat before '" + window + "' starting " + Fmt.time(start)
                                + ": close everything, no entries until " + Fmt.time(end) + ".");
            }
        }
    }

    @Override
    public void status(Ledger l, List<RuleStatus> out) {
        for (int i = 0; i < windows.length; i++) {
            WeeklyWindow w = windows[i];
            long t = l.nowMs;
            if (t == Long.MIN_VALUE) {
                // no event yet (a sidecar that just started): the account has no time, so no window to place
                out.add(new RuleStatus(ids[i], 0, 0, 0, 100, RuleStatus.Status.OK,
                        "Must be flat during '" + configs[i].id() + "' (its next start is known from the first event)."));
                continue;
            }
            boolean active = w.activeAt(t);
            long flatFrom = w.startAfter(t) - configs[i].leadMinutes() * 60_000L;
            out.add(new RuleStatus(ids[i], t, flatFrom, (flatFrom - t) / 60_000.0, 100,
                    active ? RuleStatus.Status.WARNING : RuleStatus.Status.OK,
                    "Must be flat from " + Fmt.time(flatFrom) + " to " + Fmt.time(w.endAfter(t)) + " (distance in minutes)."));
        }
    }

    @Override
    public void levels(Ledger l, StatusLevels out) {
        for (WeeklyWindow w : windows)
            out.add(l.nowMs != Long.MIN_VALUE && w.activeAt(l.nowMs) ? RuleStatus.Status.WARNING : RuleStatus.Status.OK);
    }

    /** Flat: none of the windows is active (else the hits carry the time), until the next one begins. */
    @Override
    public long quietUntil(Ledger l) {
        long until = Long.MAX_VALUE;
        for (WeeklyWindow w : windows) {
            if (w.activeAt(l.nowMs)) return l.nowMs;
            until = Math.min(until, w.nextChange(l.nowMs));
        }
        return until;
    }

    /** The same as for a flat account: only the time moves it (none active, until the next one begins). */
    @Override
    public void steady(Ledger l, Steady s) { s.until(quietUntil(l)); }
}
