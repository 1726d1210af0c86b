package io.vprop.governors.scenario;

import io.vprop.governors.profile.FirmProfile;

import java.util.List;

/**
 * One scenario file: a profile (bundled id or inline rules), an initial balance and a timeline of steps.
 *
 * @param profileRef the bundled profile id, or "inline"
 */
record Scenario(String name, String description, String source, String profileRef, FirmProfile profile,
                       double initialBalance, String currency, List<Step> steps) {
    Scenario {
        steps = List.copyOf(steps);
    }
}
