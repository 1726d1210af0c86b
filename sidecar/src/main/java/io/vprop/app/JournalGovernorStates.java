package io.vprop.app;

import io.vprop.journal.Journal;
import io.vprop.risk.GovernorStateStore;

/** The governors' saved state per account, kept in the sidecar's journal (table governor_state). */
final class JournalGovernorStates implements GovernorStateStore {
    private final Journal journal;

    JournalGovernorStates(Journal journal) { this.journal = journal; }

    @Override
    public Saved load(String account) {
        String[] row = journal.governorState(account);
        return row == null ? null : new Saved(row[0], row[1]);
    }

    @Override
    public void save(String account, Saved state, long nowMs) {
        journal.saveGovernorState(account, state.profileId(), state.stateJson(), nowMs);
    }
}
