package io.vprop.governors.scenario;

import io.vprop.governors.EnginePaths;
import io.vprop.governors.GovernorEngine;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleStatus;
import io.vprop.governors.outcome.StatusLevels;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governors' quiet path (what a backtest uses at every equity change) says exactly what the full path says, on
 * every step of every scenario file: {@code evaluateAction} then {@code verdict()} gives the verdict {@code evaluate}
 * gives (action, rule, numbers and sentences of every hit), {@code statusLevels} lists the statuses of
 * {@code snapshot().rules()} line by line, {@code changedStatusLines} gives exactly the panel lines whose status moved
 * since the step before, and {@code headroom()} the snapshot's headroom fields. The full path runs without the steady
 * path (every snapshot and clock tick through the rules), the quiet one with it.
 */
class QuietEvaluationTest {

    @TestFactory
    Stream<DynamicTest> quietPathAgreesWithTheFullPathOnEveryScenarioStep() throws IOException {
        return ScenarioFilesTest.files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Scenario s = ScenarioLoader.load(f);
            GovernorEngine full = EnginePaths.withoutSteadyPath(s.engine());
            GovernorEngine quiet = s.engine();
            StatusLevels levels = new StatusLevels(), before = null;
            int compared = 0;
            for (Step step : s.steps()) {
                if (step.expectError() != null) continue;           // rejected while loading: never reaches an engine
                RuleVerdict expected = full.evaluate(step.event());
                Action action = quiet.evaluateAction(step.event());
                String at = f.getFileName() + " step " + step.index();
                assertThat(action).as(at).isEqualTo(expected.action());
                assertThat(quiet.verdict()).as(at).isEqualTo(expected);

                StateSnapshot snap = full.snapshot();
                quiet.statusLevels(levels);
                List<RuleStatus.Status> lines = new ArrayList<>();
                for (int i = 0; i < levels.size(); i++) lines.add(levels.get(i));
                assertThat(lines).as(at + ": status levels").isEqualTo(snap.rules().stream().map(RuleStatus::status).toList());
                if (before != null) {                              // the lines that moved since the step before
                    List<RuleStatus> moved = new ArrayList<>();
                    for (int i = 0; i < snap.rules().size(); i++)
                        if (snap.rules().get(i).status() != before.get(i)) moved.add(snap.rules().get(i));
                    assertThat(quiet.changedStatusLines(before)).as(at + ": changed lines").isEqualTo(moved);
                } else {
                    before = new StatusLevels();
                }
                before.copyFrom(levels);

                GovernorEngine.Headroom h = quiet.headroom();
                assertThat(h).as(at + ": headroom").isEqualTo(new GovernorEngine.Headroom(snap.dailyHeadroom(),
                        snap.overallHeadroom(), snap.openRisk(), snap.halted(), snap.paused(), snap.targetLocked()));
                compared++;
            }
            assertThat(compared).as("steps compared in " + f.getFileName()).isPositive();
        }));
    }
}
