package io.vprop.governors;

import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.governors.rules.InFlight;

import java.util.List;

/**
 * Everything the engine remembers, as a plain record the sidecar can persist. Starting and recovering are the same
 * path: {@link GovernorEngine#restore} with either
 * {@link #fresh(double, String)} or a saved state. Times are UTC epoch ms; {@link Long#MIN_VALUE} means "not yet".
 */
public record EngineState(
        double initialBalance, String currency,
        long nowMs, long dayStartMs, long nextResetMs,
        double balance, double equity, List<ValuedPosition> positions, int pendingOrders,
        double dayStartBalance, double dayStartEquity,
        double highWaterMark, double overallFloor,
        boolean halted, RuleHit haltHit, long pausedUntilMs, RuleHit pauseHit, boolean targetLocked, RuleHit lockHit,
        int tradingDays, int profitableDays, boolean tradedToday, double dayProfit, double bestDayProfit, double haircut,
        int requestsToday, int positionsToday, int tradesToday, int consecutiveLosses, long cooldownUntilMs,
        int closedTrades, int heldTrades, List<Long> recentOrderTimes,
        List<ScheduledNews> news, int newsViolations,
        long capitalCents, long creditCents, long floorShiftCents, List<Long> balanceDeals,
        List<InFlight.Order> inFlight, List<String> releasedSignals) {

    /** A remembered high-impact release. */
    public record ScheduledNews(long releaseMs, String currency) {}

    public EngineState {
        if (Double.isNaN(initialBalance) || Double.isInfinite(initialBalance) || initialBalance <= 0) {
            throw new IllegalArgumentException("initialBalance: must be a finite number greater than 0, got " + initialBalance);
        }
        if (currency == null || currency.isBlank()) throw new IllegalArgumentException("currency: missing value");
        finiteNonNegative("balance", balance);
        finiteNonNegative("equity", equity);
        finiteNonNegative("dayStartBalance", dayStartBalance);
        finiteNonNegative("dayStartEquity", dayStartEquity);
        finiteNonNegative("highWaterMark", highWaterMark);
        if (Double.isNaN(overallFloor)) throw new IllegalArgumentException("overallFloor: must be a number, got NaN");
        if (halted && haltHit == null) throw new IllegalArgumentException("haltHit: missing value (halted is true)");
        if (pausedUntilMs != 0 && pauseHit == null) throw new IllegalArgumentException("pauseHit: missing value (pausedUntilMs is set)");
        if (targetLocked && lockHit == null) throw new IllegalArgumentException("lockHit: missing value (targetLocked is true)");
        positions = positions == null ? List.of() : List.copyOf(positions);
        recentOrderTimes = recentOrderTimes == null ? List.of() : List.copyOf(recentOrderTimes);
        news = news == null ? List.of() : List.copyOf(news);
        balanceDeals = balanceDeals == null ? List.of() : List.copyOf(balanceDeals);
        inFlight = noNulls("inFlight", inFlight);           // (null: a state saved before they were kept)
        releasedSignals = noNulls("releasedSignals", releasedSignals);
    }

    /**
     * A state without balance operations: capital, credit and floor shift 0, no deal remembered (the fields before
     * balance operations were events of their own).
     */
    public EngineState(double initialBalance, String currency, long nowMs, long dayStartMs, long nextResetMs,
                       double balance, double equity, List<ValuedPosition> positions, int pendingOrders,
                       double dayStartBalance, double dayStartEquity, double highWaterMark, double overallFloor,
                       boolean halted, RuleHit haltHit, long pausedUntilMs, RuleHit pauseHit, boolean targetLocked, RuleHit lockHit,
                       int tradingDays, int profitableDays, boolean tradedToday, double dayProfit, double bestDayProfit, double haircut,
                       int requestsToday, int positionsToday, int tradesToday, int consecutiveLosses, long cooldownUntilMs,
                       int closedTrades, int heldTrades, List<Long> recentOrderTimes, List<ScheduledNews> news, int newsViolations) {
        this(initialBalance, currency, nowMs, dayStartMs, nextResetMs, balance, equity, positions, pendingOrders,
                dayStartBalance, dayStartEquity, highWaterMark, overallFloor, halted, haltHit, pausedUntilMs, pauseHit,
                targetLocked, lockHit, tradingDays, profitableDays, tradedToday, dayProfit, bestDayProfit, haircut,
                requestsToday, positionsToday, tradesToday, consecutiveLosses, cooldownUntilMs, closedTrades, heldTrades,
                recentOrderTimes, news, newsViolations, 0, 0, 0, List.of(), List.of(), List.of());
    }

    private static <T> List<T> noNulls(String field, List<T> list) {
        if (list == null) return List.of();
        for (int i = 0; i < list.size(); i++)
            if (list.get(i) == null) throw new IllegalArgumentException(field + "[" + i + "]: missing value");
        return List.copyOf(list);
    }

    private static void finiteNonNegative(String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException(field + ": must be a finite number, got " + v);
        if (v < 0) throw new IllegalArgumentException(field + ": must not be negative, got " + v);
    }

    /** State of a new account: balance = equity = initial, nothing traded, no day started yet. */
    public static EngineState fresh(double initialBalance, String currency) {
        if (Double.isNaN(initialBalance) || Double.isInfinite(initialBalance) || initialBalance <= 0) {
            throw new IllegalArgumentException("initialBalance: must be a finite number greater than 0, got " + initialBalance);
        }
        return new EngineState(initialBalance, currency, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE,
                initialBalance, initialBalance, List.of(), 0, initialBalance, initialBalance,
                initialBalance, Double.NEGATIVE_INFINITY, false, null, 0, null, false, null,
                0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0);
    }
}
