package io.vprop.governors;

import io.vprop.governors.config.ProfileLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The panel may ask for an account's view before the terminal sent anything (a sidecar that just started). */
class SnapshotBeforeEventsTest {

    @TestFactory
    Stream<DynamicTest> aFreshEngineHasAView() {
        return ProfileLoader.BUNDLED.stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            GovernorEngine e = GovernorEngine.start(ProfileLoader.bundled(id), 100_000, "USD");
            var s = e.snapshot();
            assertThat(s.balance()).isEqualTo(100_000);
            assertThat(s.rules()).isNotEmpty();
            var levels = new io.vprop.governors.outcome.StatusLevels();
            e.statusLevels(levels);
            assertThat(levels.size()).isEqualTo(s.rules().size());
        }));
    }
}
