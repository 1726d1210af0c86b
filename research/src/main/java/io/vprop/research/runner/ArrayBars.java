package io.vprop.research.runner;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;

import java.util.function.BooleanSupplier;

/**
 * One unit's slice of a symbol's cached bars: those opening at or after {@code fromMs} that close by {@code endMs}
 * (so nothing is quoted after the unit's end). Once a bar opening at or after {@code quietFromMs} is due and
 * {@code quiet} says nothing can happen any more (no entry may open, nothing is open), the slice ends there: the rest
 * of the window would only repeat a flat account.
 */
final class ArrayBars implements BarSource {
    private final Bar[] bars;
    private final int end;
    private final long quietFromMs;
    private final BooleanSupplier quiet;
    private int next;

    ArrayBars(Bar[] bars, long barMs, long fromMs, long endMs, long quietFromMs, BooleanSupplier quiet) {
        this.bars = bars;
        this.next = BarLibrary.firstAtOrAfter(bars, fromMs);
        this.end = Math.max(next, BarLibrary.firstAtOrAfter(bars, endMs - barMs + 1));
        this.quietFromMs = quietFromMs;
        this.quiet = quiet;
    }

    @Override
    public Bar next() {
        if (next >= end) return null;
        Bar b = bars[next];
        if (b.openTimeMs() >= quietFromMs && quiet.getAsBoolean()) {
            next = end;
            return null;
        }
        next++;
        return b;
    }
}
