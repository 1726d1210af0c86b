package io.vprop.models.live;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How each served version of one model actually did: for every closed trade it scored, the probability it gave
 * and whether TP1 came before SL. Brier score and log loss per version, and the automatic-rollback rule:
 * <pre>
 *   roll back  ⇔  n(current) ≥ minTrades  and  Brier(current) > reference + margin
 *   reference  =  Brier(previous) live when the previous version has ≥ minTrades live trades, else its holdout Brier
 * </pre>
 * Brier rather than AUC because a few dozen trades make AUC very noisy and because calibration is what Q* and the
 * Kelly sizer consume. Plain data, no I/O and not thread-safe: the owner serialises access.
 */
final class LiveMetrics {
    /** Running sums for one version. */
    public record Stats(long n, long wins, double brierSum, double logLossSum) {
        public static final Stats EMPTY = new Stats(0, 0, 0, 0);

        public double brier() {
            return n == 0 ? Double.NaN : brierSum / n;
        }

        public double logLoss() {
            return n == 0 ? Double.NaN : logLossSum / n;
        }

        public double winRate() {
            return n == 0 ? Double.NaN : (double) wins / n;
        }

        Stats plus(double p, boolean win) {
            double y = win ? 1 : 0;
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p));
            return new Stats(n + 1, wins + (win ? 1 : 0), brierSum + (p - y) * (p - y),
                    logLossSum - (win ? Math.log(q) : Math.log(1 - q)));
        }
    }

    /** Why a rollback is due: the numbers that decided it. */
    public record Verdict(int current, int previous, double currentBrier, double referenceBrier, String referenceSource,
                          long trades) {
        public String describe() {
            return String.format(Locale.ROOT,
                    "v%d live Brier %.4f over %d trades exceeds v%d's %s Brier %.4f by more than the margin",
                    current, currentBrier, trades, previous, referenceSource, referenceBrier);
        }
    }

    private final TreeMap<Integer, Stats> byVersion = new TreeMap<>();

    public LiveMetrics() {
    }

    public LiveMetrics(Map<Integer, Stats> restored) {
        byVersion.putAll(restored);
    }

    public void record(int version, double p, boolean win) {
        if (version <= 0) throw new IllegalArgumentException("version must be > 0, was " + version);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
        byVersion.merge(version, Stats.EMPTY.plus(p, win), (a, b) -> a.plus(p, win));
    }

    public Stats stats(int version) {
        return byVersion.getOrDefault(version, Stats.EMPTY);
    }

    public Map<Integer, Stats> all() {
        return Map.copyOf(byVersion);
    }

    /**
     * The rollback verdict for {@code current} against {@code previous} (0 = none), or empty when it should keep
     * serving. {@code previousHoldoutBrier} is used while the previous version has too few live trades.
     */
    public Optional<Verdict> check(int current, int previous, double previousHoldoutBrier, double margin, int minTrades) {
        if (minTrades <= 0 || previous <= 0 || current <= 0) return Optional.empty();
        Stats c = stats(current);
        if (c.n() < minTrades) return Optional.empty();
        Stats p = stats(previous);
        double ref;
        String source;
        if (p.n() >= minTrades) {
            ref = p.brier();
            source = "live";
        } else {
            ref = previousHoldoutBrier;
            source = "holdout";
        }
        if (!Double.isFinite(ref)) return Optional.empty();
        return c.brier() > ref + margin
                ? Optional.of(new Verdict(current, previous, c.brier(), ref, source, c.n()))
                : Optional.empty();
    }
}
