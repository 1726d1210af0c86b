package io.vprop.risk;

import java.util.HashMap;
import java.util.Map;

/**
 * Where {@link AccountGovernors} keeps each account's governor state between runs, so that a restart resumes with
 * the same floors and latches. The sidecar keeps it in its journal; {@link #inMemory()} serves tests and benchmarks.
 */
public interface GovernorStateStore {

    /** An account's saved state: the firm profile it was computed under and the engine's state as JSON. */
    record Saved(String profileId, String stateJson) {
    }

    /** The account's last saved state, or null when it has none. */
    Saved load(String account);

    /** Replaces the account's saved state; durable (as the journal is) when it returns. */
    void save(String account, Saved state, long nowMs);

    /** A store that forgets everything when the process ends. */
    static GovernorStateStore inMemory() {
        Map<String, Saved> saved = new HashMap<>();
        return new GovernorStateStore() {
            @Override
            public Saved load(String account) { return saved.get(account); }

            @Override
            public void save(String account, Saved state, long nowMs) { saved.put(account, state); }
        };
    }
}
