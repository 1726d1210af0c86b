package io.vprop.challenge.sim;

import java.util.SplittableRandom;

/**
 * The sequence of days a path walks: each {@link #next()} moves to the next calendar day and says which history
 * day's trades happen on it. Historical: the real days from a start date on, until the history ends. Bootstrap
 * (Politis &amp; Romano 1994, stationary): simulated calendar days from the history's first day on; each day either
 * continues the current block (the next history day) or, with probability 1/meanBlock, starts a new block at a
 * random history day, of the same weekday when aligned. A block also ends at the end of the history.
 */
abstract class DayCursor {
    long start;       // the current day's start, UTC ms
    long end;         // the next day's start
    int histDay;      // which history day's trades and news happen today
    int weekday;      // 0 = Monday, by the firm day's name

    /** Moves to the next day; false when there is none (the history ended). */
    abstract boolean next();

    static final class Historical extends DayCursor {
        private final Book b;
        private int d;

        Historical(Book b, int startDay) {
            this.b = b;
            this.d = startDay;
        }

        @Override
        boolean next() {
            if (d >= b.days) return false;
            start = b.dayStart[d];
            end = b.dayStart[d + 1];
            histDay = d;
            weekday = b.weekday[d];
            d++;
            return true;
        }
    }

    static final class Bootstrap extends DayCursor {
        private final Book b;
        private final SplittableRandom rng;
        private final double pNewBlock;
        private final int[][] byWeekday; // null when not aligned
        private int k = -1;
        private int idx = -1;

        Bootstrap(Book b, SplittableRandom rng, double meanBlock, int[][] byWeekday) {
            this.b = b;
            this.rng = rng;
            this.pNewBlock = 1.0 / meanBlock;
            this.byWeekday = byWeekday;
        }

        @Override
        boolean next() {
            k++;
            if (k >= b.simWeekday.length) {
                throw new IllegalStateException("bootstrap calendar of " + b.simWeekday.length + " days exhausted");
            }
            weekday = b.simWeekday[k];
            // draw the continuation coin every day, so a path's random stream does not depend on where blocks end
            boolean newBlock = rng.nextDouble() < pNewBlock;
            if (idx < 0 || newBlock || idx + 1 >= b.days) {
                if (byWeekday != null) {
                    int[] c = byWeekday[weekday];
                    idx = c[rng.nextInt(c.length)];
                } else {
                    idx = rng.nextInt(b.days);
                }
            } else {
                idx++;
            }
            start = b.simStart[k];
            end = b.simStart[k + 1];
            histDay = idx;
            return true;
        }

        /** History days by weekday; a weekday the history never has falls back to all days. */
        static int[][] byWeekday(Book b) {
            int[][] out = new int[7][];
            for (int w = 0; w < 7; w++) {
                int n = 0;
                for (int d = 0; d < b.days; d++) if (b.weekday[d] == w) n++;
                if (n == 0) {
                    out[w] = new int[b.days];
                    for (int d = 0; d < b.days; d++) out[w][d] = d;
                    continue;
                }
                out[w] = new int[n];
                n = 0;
                for (int d = 0; d < b.days; d++) if (b.weekday[d] == w) out[w][n++] = d;
            }
            return out;
        }
    }
}
