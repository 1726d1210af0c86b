package io.vprop.governors.scenario;

import io.vprop.governors.attach.AttachInput;

import java.util.Map;

/**
 * A scenario's {@code attach} section: the account and deal history VProp finds when attached mid-challenge, and
 * what the rebuilt state must be ({@code expect}: status, rule, a reason substring, numbers, times; null = no check).
 */
record Attach(AttachInput input, String status, String rule, String reason, Map<String, Double> numbers, Map<String, Long> times) {
    static final java.util.List<String> NUMERIC_KEYS = java.util.List.of("initialBalance", "dayStartBalance", "dayStartEquity",
            "highWaterMark", "tradingDays", "profitableDays", "bestDayProfit", "dayProfit", "dealsRead");
    static final java.util.List<String> TIME_KEYS = java.util.List.of("challengeStart", "dayStart", "blockedUntil");
}
