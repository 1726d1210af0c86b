package io.vprop.market.instrument;

import io.vprop.trade.Side;

import java.time.DayOfWeek;
import java.util.Locale;

/**
 * Overnight financing per lot per rollover day, signed (negative = the trader pays), as MT5's SYMBOL_SWAP_LONG /
 * SYMBOL_SWAP_SHORT. On {@code tripleDay} the rollover counts three days (it covers the weekend).
 *
 * @param unit       {@link Unit#POINTS}: points of price per lot (SYMBOL_SWAP_MODE_POINTS, money = points × point ×
 *                   contract size in the profit currency, converted); {@link Unit#MONEY}: account currency per lot
 *                   (SYMBOL_SWAP_MODE_CURRENCY_DEPOSIT)
 * @param longRate   for BUY positions
 * @param shortRate  for SELL positions
 * @param tripleDay  Monday to Friday; Wednesday for FX at most brokers, Friday for index CFDs
 */
public record SwapModel(Unit unit, double longRate, double shortRate, DayOfWeek tripleDay) {
    public enum Unit {
        POINTS, MONEY;

        public String word() { return name().toLowerCase(Locale.ROOT); }

        static Unit parse(String word) {
            for (Unit u : values()) if (u.word().equals(word)) return u;
            throw new IllegalArgumentException("'" + word + "' is not a swap unit (points, money)");
        }
    }

    public static final SwapModel NONE = money(0, 0);

    public SwapModel {
        if (unit == null) throw new IllegalArgumentException("swap unit is required");
        if (!Double.isFinite(longRate) || !Double.isFinite(shortRate)) {
            throw new IllegalArgumentException("swap rates must be finite, got long=" + longRate + " short=" + shortRate);
        }
        if (tripleDay == null || tripleDay == DayOfWeek.SATURDAY || tripleDay == DayOfWeek.SUNDAY) {
            throw new IllegalArgumentException("triple swap day must be Monday to Friday, got " + tripleDay);
        }
    }

    /** Account currency per lot per day, tripled on Wednesday. */
    public static SwapModel money(double longPerLot, double shortPerLot) {
        return new SwapModel(Unit.MONEY, longPerLot, shortPerLot, DayOfWeek.WEDNESDAY);
    }

    public double rate(Side side) { return side == Side.BUY ? longRate : shortRate; }

    /** Rollover days charged at a rollover on {@code day}: 0 on weekends, 3 on the triple day, else 1. */
    public int daysCharged(DayOfWeek day) {
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) return 0;
        return day == tripleDay ? 3 : 1;
    }

    static DayOfWeek parseDay(String word) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) continue;
            String full = d.name().toLowerCase(Locale.ROOT);
            if (full.equals(word) || full.substring(0, 3).equals(word)) return d;
        }
        throw new IllegalArgumentException("'" + word + "' is not a weekday (monday … friday, or mon … fri)");
    }
}
