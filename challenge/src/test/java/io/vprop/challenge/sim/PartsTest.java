package io.vprop.challenge.sim;

import io.vprop.governors.profile.FirmProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lab's parts on their own: phases, block length, intervals, the event heap. */
class PartsTest {
    @Test
    void everyBundledFirmHasPhasesDerivedFromItsProfile() {
        Map<String, FirmPlan> all = PhasePlans.all();
        assertThat(all).containsOnlyKeys(io.vprop.governors.config.ProfileLoader.BUNDLED);
        for (FirmPlan p : all.values()) {
            assertThat(p.challenge()).as(p.id()).isNotEmpty();
            assertThat(p.funded()).as(p.id()).isNotNull();
            assertThat(p.funded().profile().profitTarget()).as(p.id() + " funded has no target").isNull();
            for (Phase ph : p.phases()) {
                assertThat(ph.source()).as(p.id() + " " + ph.name()).startsWith("https://");
                assertThat(ph.profile().buffers().flattenAtPct()).as("VProp's buffers are off in the lab").isEqualTo(100);
                assertThat(ph.profile().preTrade()).isNull();
            }
        }
        FirmPlan ftmo = all.get("ftmo-2step");
        assertThat(ftmo.challenge()).extracting(ph -> ph.profile().profitTarget().targetPct()).containsExactly(10.0, 5.0);
        assertThat(ftmo.challenge().get(0).profile().news()).as("evaluation: news unrestricted").isNull();
        assertThat(ftmo.funded().profile().news()).as("funded Standard: news rule").isNotNull();
        assertThat(ftmo.funded().profile().forcedFlat()).isNotEmpty();
        FirmPlan topstep = all.get("topstep-50k");
        FirmProfile combine = topstep.challenge().get(0).profile();
        assertThat(combine.profitTarget().targetPct() / 100 * 50_000).isEqualTo(3_000);
        assertThat(combine.tradingDays().minTradingDays()).isEqualTo(2);
        assertThat(all.get("the5ers-high-stakes").challenge().get(1).profile().tradingDays().minProfitableDays()).isEqualTo(3);
        assertThatThrownBy(() -> FirmPlan.bundled("nope")).hasMessageContaining("no phases");
    }

    @Test
    void blockLengthIsShortForIndependentDaysAndLongForClusteredOnes() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 1_000;
        double[] iid = new double[n], ar = new double[n];
        double prev = 0;
        for (int i = 0; i < n; i++) {
            double e = rng.nextGaussian();
            iid[i] = e;
            prev = 0.8 * prev + e;
            ar[i] = prev;
        }
        double bIid = BlockLength.politisWhite(iid), bAr = BlockLength.politisWhite(ar);
        assertThat(bIid).isBetween(1.0, 3.0);
        assertThat(bAr).isGreaterThan(5 * bIid);
        // the rule's own cap: min(3 sqrt(n), n / 3)
        assertThat(bAr).isLessThanOrEqualTo(3 * Math.sqrt(n));
        assertThat(BlockLength.politisWhite(new double[20])).as("a constant series").isEqualTo(1);
    }

    @Test
    void wilsonIntervalCoversTheEstimateAndNarrowsWithTrials() {
        LabResult.Rate a = Wilson.rate(30, 100), b = Wilson.rate(300, 1_000);
        assertThat(a.lo()).isLessThan(0.3);
        assertThat(a.hi()).isGreaterThan(0.3);
        assertThat(b.hi() - b.lo()).isLessThan(a.hi() - a.lo());
        // known value: 30/100 -> [0.2189, 0.3958]
        assertThat(a.lo()).isCloseTo(0.2189, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(a.hi()).isCloseTo(0.3958, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(Wilson.rate(0, 50).lo()).isZero();
        assertThat(Wilson.rate(50, 50).hi()).isEqualTo(1);
    }

    @Test
    void heapPopsInTimeThenInsertionOrder() {
        EventHeap h = new EventHeap();
        SplittableRandom rng = new SplittableRandom(1);
        long[] times = new long[500];
        for (int i = 0; i < times.length; i++) {
            times[i] = rng.nextInt(50);
            h.push(times[i], i);
        }
        long lastT = -1;
        int lastP = -1;
        for (int i = 0; i < times.length; i++) {
            long t = h.peekTime();
            int p = h.peekPayload();
            h.pop();
            assertThat(t).isGreaterThanOrEqualTo(lastT);
            if (t == lastT) assertThat(p).isGreaterThan(lastP);
            assertThat(times[p]).isEqualTo(t);
            lastT = t;
            lastP = p;
        }
        assertThat(h.isEmpty()).isTrue();
    }
}
