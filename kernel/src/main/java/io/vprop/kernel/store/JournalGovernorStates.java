package io.vprop.kernel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vprop.governors.EngineState;
import io.vprop.journal.Journal;
import io.vprop.risk.GovernorStateStore;

/**
 * The governors' saved state per account, kept in the sidecar's journal (table governor_state) as JSON
 * ({@link GovernorStateJson}): the adapter between the domain's {@link GovernorStateStore} and SQLite.
 */
public final class JournalGovernorStates implements GovernorStateStore {
    private final Journal journal;

    public JournalGovernorStates(Journal journal) { this.journal = journal; }

    /** A state saved under another profile is not parsed at all: it is not ours to read. */
    @Override
    public EngineState load(String account, String profileId) {
        String[] row = journal.governorState(account);
        if (row == null || !row[0].equals(profileId)) return null;
        try {
            return GovernorStateJson.read(row[1]);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("governor_state of " + account + " is not a readable state: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String account, String profileId, EngineState state, long nowMs) {
        try {
            journal.saveGovernorState(account, profileId, GovernorStateJson.write(state), nowMs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the governor state of " + account + " as JSON: " + e.getMessage(), e);
        }
    }
}
