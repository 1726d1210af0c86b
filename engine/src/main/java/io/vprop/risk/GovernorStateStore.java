package io.vprop.risk;

import io.vprop.governors.EngineState;

import java.util.HashMap;
import java.util.Map;

/**
 * Where {@link AccountGovernors} keeps each account's governor state between runs, so that a restart resumes with
 * the same floors and latches. The sidecar keeps it in its journal (as JSON, the kernel's adapter);
 * {@link #inMemory()} serves tests and benchmarks, {@link #none()} backtests.
 */
public interface GovernorStateStore {

    /**
     * The account's state saved under firm profile {@code profileId}, or null when it has none under that profile
     * (a state computed under another profile is not restored: its floors mean something else).
     *
     * @throws IllegalStateException when a state is saved under that profile but cannot be read back
     */
    EngineState load(String account, String profileId);

    /** Replaces the account's saved state; durable (as the journal is) when it returns. */
    void save(String account, String profileId, EngineState state, long nowMs);

    /** False for a store that keeps nothing: the governors then skip exporting their state after each event. */
    default boolean keepsState() { return true; }

    /** A store that keeps nothing (a backtest: no restart to survive). */
    static GovernorStateStore none() {
        return new GovernorStateStore() {
            @Override
            public EngineState load(String account, String profileId) { return null; }

            @Override
            public void save(String account, String profileId, EngineState state, long nowMs) { }

            @Override
            public boolean keepsState() { return false; }
        };
    }

    /** A store that forgets everything when the process ends. */
    static GovernorStateStore inMemory() {
        record Saved(String profileId, EngineState state) { }
        Map<String, Saved> saved = new HashMap<>();
        return new GovernorStateStore() {
            @Override
            public EngineState load(String account, String profileId) {
                Saved s = saved.get(account);
                return s != null && s.profileId().equals(profileId) ? s.state() : null;
            }

            @Override
            public void save(String account, String profileId, EngineState state, long nowMs) {
                saved.put(account, new Saved(profileId, state));
            }
        };
    }
}
