package io.vprop.governors.scenario;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.attach.HistoryReplay;
import io.vprop.governors.profile.FirmProfile;

import java.util.List;

/**
 * One scenario file: a profile (bundled id or inline rules), an initial balance and a timeline of steps; or, with
 * {@code attach}, an account attached mid-challenge (its initial balance NaN when the file leaves it unknown).
 *
 * @param profileRef the bundled profile id, or "inline"
 */
record Scenario(String name, String description, String source, String profileRef, FirmProfile profile,
                       double initialBalance, String currency, Attach attach, List<Step> steps) {
    Scenario {
        steps = List.copyOf(steps);
    }

    /** The engine the steps run on: a fresh account, or the state rebuilt from the attach section's history. */
    GovernorEngine engine() {
        return attach == null ? GovernorEngine.start(profile, initialBalance, currency)
                : GovernorEngine.attach(profile, HistoryReplay.rebuild(profile, attach.input()), currency);
    }
}
