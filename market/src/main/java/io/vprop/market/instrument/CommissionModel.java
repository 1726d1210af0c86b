package io.vprop.market.instrument;

import java.util.Locale;

/**
 * What a deal costs in commission, per side (an open and a close each pay it), in the account currency: brokers
 * publish one schedule per account currency (USD 3.50, EUR 2.75, …), so the amount is not converted.
 *
 * @param kind how {@code rate} applies
 * @param rate >= 0: money per lot ({@link Kind#PER_LOT}), money per 1,000,000 of notional in the account currency
 *             ({@link Kind#PER_MILLION}), or percent of that notional ({@link Kind#PERCENT})
 */
public record CommissionModel(Kind kind, double rate) {
    public enum Kind {
        PER_LOT, PER_MILLION, PERCENT;

        public String word() { return name().toLowerCase(Locale.ROOT); }

        static Kind parse(String word) {
            for (Kind k : values()) if (k.word().equals(word)) return k;
            throw new IllegalArgumentException("'" + word + "' is not a commission kind (per_lot, per_million, percent)");
        }
    }

    public static final CommissionModel NONE = new CommissionModel(Kind.PER_LOT, 0);

    public CommissionModel {
        if (kind == null) throw new IllegalArgumentException("commission kind is required");
        if (!(rate >= 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("commission must be a finite number >= 0, got " + rate);
    }

    public static CommissionModel perLot(double money) { return new CommissionModel(Kind.PER_LOT, money); }

    /**
     * Commission of one side, >= 0 (the caller books it as a cost).
     *
     * @param lots             deal volume
     * @param notionalAccount  the deal's notional in the account currency (lots × contract × price, converted)
     */
    public double money(double lots, double notionalAccount) {
        return switch (kind) {
            case PER_LOT -> rate * lots;
            case PER_MILLION -> rate * notionalAccount / 1_000_000.0;
            case PERCENT -> rate / 100.0 * notionalAccount;
        };
    }
}
