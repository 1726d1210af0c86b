package io.vprop.research.walkforward;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the history is cut into folds. Test windows follow each other without gaps from {@code from + train} on, each
 * {@code test} long; only whole test windows that end by {@code to} are made (the rest of the history is not
 * tested, and the result says from when). A rolling training window is the {@code train} before its test window;
 * an anchored one starts at {@code from} and grows.
 *
 * @param embargo dropped around each test window from the training trades, days (see {@link Fold#embargoMs()})
 */
public record FoldPlan(Mode mode, LocalDate from, LocalDate to, Period train, Period test, Duration embargo) {
    public enum Mode { ROLLING, ANCHORED;

        public static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fold mode '" + text + "' (rolling or anchored)");
            }
        }
    }

    public FoldPlan {
        if (!from.isBefore(to)) throw new IllegalArgumentException("from " + from + " must be before to " + to);
        if (train.isNegative() || train.isZero()) throw new IllegalArgumentException("train length must be positive");
        if (test.isNegative() || test.isZero()) throw new IllegalArgumentException("test length must be positive");
        if (embargo.isNegative()) throw new IllegalArgumentException("embargo cannot be negative: " + embargo);
    }

    public List<Fold> folds() {
        List<Fold> folds = new ArrayList<>();
        LocalDate testFrom = from.plus(train);
        for (int k = 0; ; k++) {
            LocalDate testTo = testFrom.plus(test);
            if (testTo.isAfter(to)) break;
            LocalDate trainFrom = mode == Mode.ANCHORED ? from : testFrom.minus(train);
            folds.add(new Fold(k, ms(trainFrom), ms(testFrom), ms(testTo), embargo.toMillis()));
            testFrom = testTo;
        }
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no fold fits between " + from + " and " + to + " with train " + train
                    + " and test " + test);
        }
        return folds;
    }

    /** Where the tested history ends (the last test window's end): later data is not tested. */
    public LocalDate testedTo() {
        List<Fold> f = folds();
        return LocalDate.ofEpochDay(f.get(f.size() - 1).testToMs() / 86_400_000L);
    }

    static long ms(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** "4y", "18m", "6w", "90d" (years, months, weeks, days). */
    public static Period parsePeriod(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) throw new IllegalArgumentException("bad length '" + text + "' (e.g. 4y, 18m, 6w, 90d)");
        int n;
        try {
            n = Integer.parseInt(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad length '" + text + "' (e.g. 4y, 18m, 6w, 90d)");
        }
        return switch (t.charAt(t.length() - 1)) {
            case 'y' -> Period.ofYears(n);
            case 'm' -> Period.ofMonths(n);
            case 'w' -> Period.ofWeeks(n);
            case 'd' -> Period.ofDays(n);
            default -> throw new IllegalArgumentException("bad length '" + text + "' (e.g. 4y, 18m, 6w, 90d)");
        };
    }
}
