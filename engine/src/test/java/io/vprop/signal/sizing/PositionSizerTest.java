package io.vprop.signal.sizing;

import io.vprop.market.SymbolSpec;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.select.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed cases. EURUSD fxMajor: 1.0 lot moves $100,000 per 1.0 of price, so 10 pips = $100. */
class PositionSizerTest {
    final SymbolSpec eurusd = SymbolSpec.fxMajor("EURUSD");
    final PositionSizer sizer = new PositionSizer(0.25, 0.5, 0.01, 0.5, 0.02);
    final SizingResult r = new SizingResult();

    @Test
    void kellyAndEntropyByHand() {
        assertThat(PositionSizer.kelly(0.5, 1.5)).isCloseTo(0.5 - 0.5 / 1.5, within(1e-15));
        assertThat(PositionSizer.binaryEntropy(0.5)).isCloseTo(1.0, within(1e-15));
        assertThat(PositionSizer.binaryEntropy(0.42)).isCloseTo(0.981454, within(1e-6));
        // 0.25 × 0.166667 × (1 − 0.5 × 1)
        assertThat(sizer.penalisedKelly(0.5, 1.5)).isCloseTo(0.0208333, within(1e-7));
        // 0.25 × 0.033333 × (1 − 0.5 × 0.981454)
        assertThat(sizer.penalisedKelly(0.42, 1.5)).isCloseTo(0.00424394, within(1e-7));
        assertThat(sizer.penalisedKelly(0.35, 1.5)).isZero();
    }

    @Test
    void volatilityTargetBindsWhenKellyIsGenerous() {
        // Kelly: $2,083.33 / $110 per lot = 18.94 lots; vol target: $1,000 / ($100,000 × 0.006) = 1.667 lots;
        // headroom: 0.5 × 5,000 / 110 = 22.7; ES: 2,000 / (100,000 × 2.0627 × 0.00125) = 7.76
        sizer.size(0.5, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.006, 5_000, 10_000, r);
        assertThat(r.lots).isEqualTo(1.66);
        assertThat(r.binding).isEqualTo(SizingResult.Cap.VOL_TARGET);
        assertThat(r.lossAtStop).isCloseTo(1.66 * 110, within(1e-9));
    }

    @Test
    void kellyBindsWhenTheEdgeIsThin() {
        // $424.394 / $110 = 3.858 lots; vol target with σ_daily 0.001 = 10 lots
        sizer.size(0.42, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.001, 5_000, 10_000, r);
        assertThat(r.lots).isEqualTo(3.85);
        assertThat(r.binding).isEqualTo(SizingResult.Cap.KELLY);
    }

    @Test
    void riskPerTradeCapsWhatKellyPutsAtStake() {
        // Kelly alone: 3.85 lots ($424 at the stop); at 0.25 % of $100,000 = $250 / $110 per lot = 2.27 lots
        PositionSizer capped = new PositionSizer(0.25, 0.5, 0.01, 0.5, 0.02, 0.0025);
        capped.size(0.42, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.001, 5_000, 10_000, r);
        assertThat(r.lots).isEqualTo(2.27);
        assertThat(r.binding).isEqualTo(SizingResult.Cap.RISK_PER_TRADE);
        assertThat(r.lossAtStop).isLessThanOrEqualTo(250);
        // a cap above Kelly's size changes nothing
        new PositionSizer(0.25, 0.5, 0.01, 0.5, 0.02, 0.01).size(0.42, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.001,
                5_000, 10_000, r);
        assertThat(r.lots).isEqualTo(3.85);
        assertThat(r.binding).isEqualTo(SizingResult.Cap.KELLY);
    }

    @Test
    void headroomEsAndVolumeCapsAreHonoured() {
        sizer.size(0.5, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.006, 300, 10_000, r);
        assertThat(r.lots).isEqualTo(1.36); // 0.5 × 300 / 110 = 1.3636
        assertThat(r.binding).isEqualTo(SizingResult.Cap.HEADROOM);
        assertThat(r.lossAtStop).isLessThanOrEqualTo(0.5 * 300);

        sizer.size(0.5, 1.5, 100_000, eurusd, 0.0010, 10, 0.01, 0.006, 5_000, 10_000, r);
        assertThat(r.binding).isEqualTo(SizingResult.Cap.ES_BUDGET); // 2,000 / (100,000 × 0.0206) = 0.97
        assertThat(r.lots).isEqualTo(0.96);

        SymbolSpec small = new SymbolSpec("EURUSD", 5, 1e-5, 1e-5, 1.0, 100_000, 0.1, 0.1, 1.0, 0, 0, "EUR", "USD");
        sizer.size(0.5, 1.5, 100_000, small, 0.0010, 10, 0.00125, 0.006, 5_000, 10_000, r);
        assertThat(r.lots).isEqualTo(1.0);
        assertThat(r.binding).isEqualTo(SizingResult.Cap.VOLUME_MAX);
    }

    @Test
    void skipsWithAReasonInsteadOfGoingBelowTheMinimum() {
        sizer.size(0.5, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.006, 1, 10_000, r);
        assertThat(r.lots).isZero();
        assertThat(r.skipMask).isEqualTo(SkipReason.BELOW_MIN_VOLUME.bit());
        sizer.size(0.5, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.006, 5_000, 0, r);
        assertThat(r.skipMask).isEqualTo(SkipReason.NO_HEADROOM.bit());
        sizer.size(0.35, 1.5, 100_000, eurusd, 0.0010, 10, 0.00125, 0.006, 5_000, 10_000, r);
        assertThat(r.skipMask).isEqualTo(SkipReason.NEGATIVE_KELLY.bit());
        sizer.size(0.5, 1.5, 100_000, eurusd, 0.0010, 10, 2.0, 0.006, 5_000, 10_000, r);
        assertThat(r.skipMask).isEqualTo(SkipReason.ES_BUDGET.bit());
    }

    @Test
    void randomisedNeverBelowMinimumNeverAboveMaximumOrHeadroom() {
        Rng rng = new Rng(99);
        int sized = 0;
        for (int i = 0; i < 20_000; i++) {
            double min = rng.nextDouble() < 0.5 ? 0.01 : 0.1;
            double step = min;
            double max = min * (1 + Math.floor(rng.nextDouble() * 500));
            SymbolSpec spec = new SymbolSpec("X", 5, 1e-5, 1e-5, 0.5 + rng.nextDouble(), 100_000, min, step, max, 0, 0, "EUR", "USD");
            double equity = 1_000 + rng.nextDouble() * 500_000;
            double daily = rng.nextDouble() * equity * 0.05, overall = rng.nextDouble() * equity * 0.1;
            double sl = 1e-4 + rng.nextDouble() * 0.01;
            sizer.size(0.3 + rng.nextDouble() * 0.5, 1.5, equity, spec, sl, rng.nextDouble() * 20, sl * 1.25,
                    sl * 5, daily, overall, r);
            if (r.lots == 0) { assertThat(r.skipMask).isNotZero(); continue; }
            sized++;
            assertThat(r.lots).isBetween(min, max);
            assertThat(Math.abs(r.lots / step - Math.rint(r.lots / step))).isLessThan(1e-6);
            assertThat(r.lossAtStop).isLessThanOrEqualTo(0.5 * Math.min(daily, overall) + 1e-6);
        }
        assertThat(sized).isGreaterThan(2_000);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new PositionSizer(0, 0.5, 0.01, 0.5, 0.02)).hasMessageContaining("kellyMultiplier");
        assertThatThrownBy(() -> new PositionSizer(0.25, 0.5, Double.NaN, 0.5, 0.02)).hasMessageContaining("dailyVolTarget");
    }
}
