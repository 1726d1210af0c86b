package io.vprop.signal;

import io.vprop.market.Timeframe;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.port.SkipReason;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.Grade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A setup an alpha produced that was deliberately not traded.
 *
 * @param reasonMask bit set of {@link SkipReason#bit()}; never 0
 * @param direction  +1 / -1, the direction the alpha wanted
 * @param lots       the size that had been computed before the blocking filter (0 when sizing was not reached)
 */
public record Skip(String symbol, long timeMs, int direction, AlphaId alpha, Timeframe timeframe, Regime regime,
                   Grade grade, double qStar, double lots, long reasonMask) implements Decision {
    public Skip {
        if (reasonMask == 0) throw new IllegalArgumentException("a skip needs at least one reason (reasonMask=0)");
    }

    public EnumSet<SkipReason> reasons() { return SkipReason.decode(reasonMask); }

    public boolean has(SkipReason reason) { return (reasonMask & reason.bit()) != 0; }

    /** Human-readable reasons for the journal and the WebSocket (allocates; call off the hot path). */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add(alpha + " on " + timeframe + " in " + regime + " wanted to " + (direction > 0 ? "BUY" : "SELL")
                + " " + symbol + (Double.isNaN(qStar) ? "" : ", Q* " + threeDecimals(qStar) + " R, grade " + grade.label()));
        for (SkipReason r : reasons()) out.add(r.name() + ": " + r.description());
        return out;
    }

    /**
     * {@code String.format(Locale.ROOT, "%.3f", v)} without the Formatter (a backtest describes thousands of skips):
     * the shortest decimal digits of the double rounded half-up, a minus kept on values that round to zero.
     */
    static String threeDecimals(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e15) return String.format(Locale.ROOT, "%.3f", v);
        String digits = BigDecimal.valueOf(Math.abs(v)).setScale(3, RoundingMode.HALF_UP).toPlainString();
        return Double.doubleToRawLongBits(v) < 0 ? "-" + digits : digits;
    }
}
