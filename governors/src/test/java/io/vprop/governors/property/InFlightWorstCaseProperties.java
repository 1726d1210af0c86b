package io.vprop.governors.property;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: orders in flight count in the pre-trade worst case. Random interleavings of signals, resends, executions,
 * rejections, lost answers, expiries, fills, stale and fresh snapshots and price moves ({@link InFlightSimulation}):
 * the worst case of what the governors accepted never crosses the floor beyond the gap allowance the stops used.
 *
 * <p>A bigger campaign writes its tally as JSON (not part of the normal test run):
 * {@code mvn -o -q -pl governors -am test -Dtest=InFlightWorstCaseProperties#campaign -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvprop.inflight.campaign=10000000 -Dvprop.inflight.out=bench/results/inflight-campaign.json}
 */
class InFlightWorstCaseProperties {

    /** 100,000 interleavings of 10 to 50 steps each (about 20 s on a busy 2-core machine). */
    @Property(tries = 100_000, seed = "17")
    void acceptedWorstCaseNeverCrossesTheFloorBeyondTheAllowance(@ForAll long seed, @ForAll @IntRange(min = 10, max = 50) int steps) {
        InFlightSimulation.Tally t = new InFlightSimulation(seed, false).run(steps);
        if (t.violations() > 0) {
            // again with the event trace, for the report
            t = new InFlightSimulation(seed, true).run(steps);
        }
        assertThat(t.violations()).as("%s", t.firstViolation()).isZero();
    }

    @Test
    void campaign() throws IOException {
        long n = Long.getLong("vprop.inflight.campaign", 0);
        if (n == 0) return;                                  // only when asked for
        long start = System.nanoTime();
        InFlightSimulation.Tally total = InFlightSimulation.Tally.ZERO;
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(Long.getLong("vprop.inflight.seed", 17));
        String firstTrace = null;
        for (long i = 0; i < n; i++) {
            long seed = seeds.nextLong();
            int steps = 10 + seeds.nextInt(51);
            InFlightSimulation.Tally t = new InFlightSimulation(seed, false).run(steps);
            if (t.violations() > 0 && firstTrace == null) {
                firstTrace = new InFlightSimulation(seed, true).run(steps).firstViolation();   // with the event trace
                if (Boolean.getBoolean("vprop.inflight.stopAtFirst")) { total = total.plus(t); break; }
            }
            total = total.plus(t);
        }
        if (firstTrace != null) Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "inflight-first-violation.txt"), firstTrace);
        double seconds = (System.nanoTime() - start) / 1e9;
        String json = String.format(Locale.ROOT, """
                {
                  "harness": "InFlightWorstCaseProperties#campaign",
                  "machine": {"cores": %d, "jdk": "%s", "os": "%s"},
                  "seed": %d,
                  "profiles": %d,
                  "interleavings": %d,
                  "events": %d,
                  "orderChecks": %d,
                  "accepted": %d,
                  "violations": %d,
                  "worstShortfall": %.6f,
                  "seconds": %.1f
                }
                """, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Long.getLong("vprop.inflight.seed", 17),
                InFlightSimulation.PROFILES.size(), total.interleavings(), total.events(), total.checks(),
                total.accepted(), total.violations(), total.worstShortfall(), seconds);
        String out = System.getProperty("vprop.inflight.out");
        if (out != null) Files.writeString(Path.of(out), json);
        System.out.print(json);
        assertThat(total.violations()).as("%s", total.firstViolation()).isZero();
    }
}
