package io.vprop.signal.sizing;

import io.vprop.market.SymbolSpec;
import io.vprop.market.instrument.Instrument;
import io.vprop.market.instrument.InstrumentTable;
import io.vprop.signal.port.SkipReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Gold and a JPY pair sized from the instrument table, by hand. */
class InstrumentSizingTest {
    final PositionSizer sizer = new PositionSizer(0.25, 0.5, 0.01, 0.5, 0.02);
    final SizingResult r = new SizingResult();

    @Test
    void goldIsSizedOnItsHundredOunceContract() {
        Instrument gold = InstrumentTable.builtIn().get("XAUUSD");
        SymbolSpec spec = gold.toSymbolSpec(gold.tickValue(1.0));            // USD profits: tick value 0.01 × 100 = $1
        // stop $5.00 away: 5 × 100 oz = $500 per lot, + costs $27 (spread $0.20 × 100 + $7 commission) = $527 per lot.
        // Risk budget: daily headroom $2,000 × 0.5 = $1,000 → 1,000 / 527 = 1.897 lots → 1.89.
        // (Kelly 0.0208 × 100,000 / 527 = 3.95; vol target 1,000 / ($5 × 100) = 2.0; ES 2,000 / (2.0627 × $3 × 100) = 3.23)
        sizer.size(0.5, 1.5, 100_000, spec, 5.00, 27, 3.00, 5.00, 2_000, 10_000, r);
        assertThat(r.lots).isEqualTo(1.89);
        assertThat(r.binding).isEqualTo(SizingResult.Cap.HEADROOM);
        assertThat(r.lossAtStop).isEqualTo(1.89 * 527, within(1e-9));           // $996.03, inside the $1,000 budget

        // EURUSD's spec on gold's prices: $5 / 0.00001 × $1 = $500,000 per lot, so nothing can be traded
        sizer.size(0.5, 1.5, 100_000, SymbolSpec.fxMajor("XAUUSD"), 5.00, 27, 3.00, 5.00, 2_000, 10_000, r);
        assertThat(r.lots).isZero();
        assertThat(r.skipMask).isEqualTo(SkipReason.BELOW_MIN_VOLUME.bit());
    }

    @Test
    void aJpyPairIsSizedAtTheCurrentRate() {
        Instrument usdjpy = InstrumentTable.builtIn().get("USDJPY");
        // 0.001 × 100,000 = ¥100 per tick; at USDJPY 125 → $0.80, at 160 → $0.625
        SymbolSpec at125 = usdjpy.toSymbolSpec(usdjpy.tickValue(1 / 125.0)), at160 = usdjpy.toSymbolSpec(usdjpy.tickValue(1 / 160.0));
        // stop 0.500 yen = 500 ticks: $400 per lot at 125, $312.50 at 160; headroom 0.5 × 2,000 = $1,000
        sizer.size(0.5, 1.5, 100_000, at125, 0.500, 0, 0.3, 0.3, 2_000, 10_000, r);
        assertThat(r.lots).isEqualTo(2.5);                                       // 1,000 / 400
        sizer.size(0.5, 1.5, 100_000, at160, 0.500, 0, 0.3, 0.3, 2_000, 10_000, r);
        assertThat(r.lots).isEqualTo(3.2);                                       // 1,000 / 312.5
    }
}
