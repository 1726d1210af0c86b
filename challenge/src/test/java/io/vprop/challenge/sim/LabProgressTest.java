package io.vprop.challenge.sim;

import io.vprop.challenge.TradeHistory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lab's progress: a total known before the first path, every path counted once, and a way to stop a run. */
class LabProgressTest {
    @Test
    void progressCountsEveryPathOfEveryFirmMethodAndRiskPointAndEndsAtTheTotal() {
        TradeHistory h = LabRunTest.history();
        for (int threads : new int[]{1, 3}) {
            ConcurrentLinkedQueue<long[]> calls = new ConcurrentLinkedQueue<>();
            LabResult r = ChallengeLab.run(h, LabRunTest.spec(threads), (done, total) -> calls.add(new long[]{done, total}));
            long expected = 0;
            for (LabResult.FirmResult f : r.firms()) {
                for (LabResult.MethodResult m : f.methods()) expected += m.paths(); // historical: one per trade day
                expected += (long) f.riskCurve().points().size() * 300;
            }
            long total = expected;
            assertThat(calls).as("%d threads", threads).isNotEmpty().allSatisfy(c -> assertThat(c[1]).isEqualTo(total));
            assertThat(calls.stream().mapToLong(c -> c[0]).max().orElseThrow()).isEqualTo(total);
            assertThat(calls.stream().mapToLong(c -> c[0]).distinct().count()).isEqualTo(calls.size());
            assertThat(calls.size()).as("progress in chunks, not once at the end").isGreaterThan(20);
        }
    }

    @Test
    void anExceptionFromTheListenerStopsTheRun() {
        TradeHistory h = LabRunTest.history();
        AtomicLong seen = new AtomicLong();
        for (int threads : new int[]{1, 3}) {
            seen.set(0);
            assertThatThrownBy(() -> ChallengeLab.run(h, LabRunTest.spec(threads), (done, total) -> {
                seen.set(Math.max(seen.get(), done));
                if (done >= 500) throw new IllegalStateException("stopped at " + done + " of " + total);
            })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("stopped at ");
            assertThat(seen.get()).isLessThan(500 + 64L * threads * 2);
        }
    }

    @Test
    void theOneArgumentRunIsTheSameRun() {
        TradeHistory h = LabRunTest.history();
        LabSpec spec = LabSpec.of(List.of(FirmPlan.bundled("ftmo-2step"))).withPaths(200, 5, 1)
                .withRiskCurve(List.of(1.0), 100, 0.2);
        assertThat(LabJson.withoutTiming(ChallengeLab.run(h, spec)))
                .isEqualTo(LabJson.withoutTiming(ChallengeLab.run(h, spec, (d, t) -> { })));
    }

    @Test
    void aRiskGridIsExactInDecimalAndBounded() {
        assertThat(LabSpec.grid(0.1, 0.5, 0.1)).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
        assertThat(LabSpec.grid(0.25, 1, 0.5)).containsExactly(0.25, 0.75);
        assertThat(LabSpec.grid(1, 1, 0.5)).containsExactly(1.0);
        assertThatThrownBy(() -> LabSpec.grid(0, 1, 0.5)).hasMessage("risk curve: from 0.0 % is not in (0, 100]");
        assertThatThrownBy(() -> LabSpec.grid(2, 1, 0.5)).hasMessage("risk curve: to 1.0 % must be in [from, 100]");
        assertThatThrownBy(() -> LabSpec.grid(0.01, 10, 0.01)).hasMessageContaining("more than 100 points");
    }
}
