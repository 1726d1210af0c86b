package io.vprop.governors.scenario;

import io.vprop.governors.GovernorEngine;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.StateSnapshot;
import io.vprop.governors.attach.AttachState;
import io.vprop.governors.attach.HistoryReplay;
import io.vprop.governors.config.Timestamps;
import io.vprop.governors.outcome.RuleHit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plays a {@link Scenario} through a fresh engine and compares every checkpoint. */
final class ScenarioRunner {
    /** Money and counts are compared to within this absolute tolerance. */
    static final double TOLERANCE = 0.005;

    static final List<String> NUMERIC_KEYS = List.of("measured", "threshold", "balance", "equity", "dayAnchor",
            "dailyFloor", "dailyHeadroom", "highWaterMark", "overallFloor", "overallHeadroom", "openRisk", "sizingHeadroom",
            "countedProfit", "profitTarget", "targetProgressPct", "tradingDays", "profitableDays", "bestDayProfit",
            "profitStillNeeded", "heldSharePct", "newsViolations");
    static final List<String> BOOLEAN_KEYS = List.of("halted", "paused", "targetLocked");
    static final List<String> TIME_KEYS = List.of("dayStart", "nextReset", "pausedUntil", "until");

    /** One checkpoint's verdict. */
    record Verdict(int step, String type, long timeMs, boolean passed, String summary, List<String> mismatches) {}

    private ScenarioRunner() {}

    static List<Verdict> run(Scenario s) {
        List<Verdict> out = new ArrayList<>();
        if (s.attach() != null) out.add(checkAttach(s));
        GovernorEngine engine = s.engine();
        for (Step step : s.steps()) {
            if (step.expectError() != null) {
                boolean ok = step.rejection() != null && !step.rejection().isEmpty() && step.rejection().contains(step.expectError());
                out.add(new Verdict(step.index(), step.type(), step.timeMs(), ok,
                        "rejected: " + (step.rejection() == null || step.rejection().isEmpty() ? "(not rejected)" : step.rejection()),
                        ok ? List.of() : List.of("expected a rejection mentioning '" + step.expectError() + "'")));
                continue;
            }
            RuleVerdict d = engine.evaluate(step.event());
            if (step.expect() == null) continue;
            StateSnapshot st = engine.snapshot();
            List<String> bad = compare(step.expect(), d, st);
            if (step.expect().cancel() != null && !step.expect().cancel().equals(engine.pendingToCancel())) {
                bad = new ArrayList<>(bad);
                bad.add("cancel: expected " + step.expect().cancel() + ", got " + engine.pendingToCancel());
            }
            out.add(new Verdict(step.index(), step.type(), step.timeMs(), bad.isEmpty(), summary(d), bad));
        }
        return out;
    }

    /** The attach section's checkpoint (step -1): the state rebuilt from the history against its {@code expect}. */
    private static Verdict checkAttach(Scenario s) {
        Attach a = s.attach();
        AttachState st = HistoryReplay.rebuild(s.profile(), a.input());
        List<String> bad = new ArrayList<>();
        if (a.status() != null && !a.status().equals(st.status().name())) bad.add("status: expected " + a.status() + ", got " + st.status());
        if (a.rule() != null && !a.rule().equals(st.rule())) bad.add("rule: expected " + a.rule() + ", got '" + st.rule() + "'");
        if (a.reason() != null && !st.reason().contains(a.reason()))
            bad.add("reason: expected it to contain '" + a.reason() + "', got '" + st.reason() + "'");
        for (Map.Entry<String, Double> e : a.numbers().entrySet()) {
            double actual = switch (e.getKey()) {
                case "initialBalance" -> st.initialBalance();
                case "dayStartBalance" -> st.dayStartBalance();
                case "dayStartEquity" -> st.dayStartEquity();
                case "highWaterMark" -> st.highWater();
                case "tradingDays" -> st.tradingDays() + (st.tradedToday() ? 1 : 0);
                case "profitableDays" -> st.profitableDays();
                case "bestDayProfit" -> st.bestDay();
                case "dayProfit" -> st.dayProfit();
                case "dealsRead" -> st.dealsRead();
                default -> throw new IllegalStateException(e.getKey());
            };
            if (!(Math.abs(actual - e.getValue()) <= TOLERANCE)) bad.add(e.getKey() + ": expected " + e.getValue() + ", got " + actual);
        }
        for (Map.Entry<String, Long> e : a.times().entrySet()) {
            long actual = switch (e.getKey()) {
                case "challengeStart" -> st.challengeStartMs();
                case "dayStart" -> st.dayStartMs();
                case "blockedUntil" -> st.blockedUntilMs();
                default -> throw new IllegalStateException(e.getKey());
            };
            if (actual != e.getValue())
                bad.add(e.getKey() + ": expected " + Timestamps.format(e.getValue()) + ", got " + Timestamps.format(actual));
        }
        String summary = st.status() + (st.rule().isEmpty() ? "" : " " + st.rule() + " — " + st.reason());
        return new Verdict(-1, "attach", a.input().nowMs(), bad.isEmpty(), summary, bad);
    }

    private static String summary(RuleVerdict d) {
        return d.allowed() ? "ALLOW" : d.action() + " by " + d.ruleId() + " — " + d.message();
    }

    static List<String> compare(Expectation x, RuleVerdict d, StateSnapshot s) {
        List<String> bad = new ArrayList<>();
        if (x.action() != null && !x.action().equals(d.action().name())) {
            bad.add("action: expected " + x.action() + ", got " + d.action());
        }
        if (x.rule() != null && !x.rule().equals(d.ruleId())) bad.add("rule: expected " + x.rule() + ", got '" + d.ruleId() + "'");
        if (x.message() != null && !d.message().contains(x.message()))
            bad.add("message: expected it to contain '" + x.message() + "', got '" + d.message() + "'");
        for (String h : x.hits()) {
            if (d.hits().stream().map(RuleHit::ruleId).noneMatch(h::equals)) bad.add("hits: expected " + h + " among " + ids(d));
        }
        for (Map.Entry<String, Double> e : x.numbers().entrySet()) {
            double actual = number(e.getKey(), d, s);
            if (!(Math.abs(actual - e.getValue()) <= TOLERANCE)) {
                bad.add(e.getKey() + ": expected " + e.getValue() + ", got " + actual);
            }
        }
        for (Map.Entry<String, Boolean> e : x.booleans().entrySet()) {
            boolean actual = switch (e.getKey()) {
                case "halted" -> s.halted();
                case "paused" -> s.paused();
                case "targetLocked" -> s.targetLocked();
                default -> throw new IllegalStateException(e.getKey());
            };
            if (actual != e.getValue()) bad.add(e.getKey() + ": expected " + e.getValue() + ", got " + actual);
        }
        for (Map.Entry<String, Long> e : x.times().entrySet()) {
            long actual = switch (e.getKey()) {
                case "dayStart" -> s.dayStartMs();
                case "nextReset" -> s.nextResetMs();
                case "pausedUntil" -> s.pausedUntilMs();
                case "until" -> d.untilMs();
                default -> throw new IllegalStateException(e.getKey());
            };
            if (actual != e.getValue()) {
                bad.add(e.getKey() + ": expected " + Timestamps.format(e.getValue()) + ", got " + Timestamps.format(actual));
            }
        }
        return bad;
    }

    private static List<String> ids(RuleVerdict d) {
        return d.hits().stream().map(RuleHit::ruleId).toList();
    }

    private static double number(String key, RuleVerdict d, StateSnapshot s) {
        return switch (key) {
            case "measured" -> d.measured();
            case "threshold" -> d.threshold();
            case "balance" -> s.balance();
            case "equity" -> s.equity();
            case "dayAnchor" -> s.dayAnchor();
            case "dailyFloor" -> s.dailyFloor();
            case "dailyHeadroom" -> s.dailyHeadroom();
            case "highWaterMark" -> s.highWaterMark();
            case "overallFloor" -> s.overallFloor();
            case "overallHeadroom" -> s.overallHeadroom();
            case "openRisk" -> s.openRisk();
            case "sizingHeadroom" -> s.sizingHeadroom();
            case "countedProfit" -> s.countedProfit();
            case "profitTarget" -> s.profitTarget();
            case "targetProgressPct" -> s.targetProgressPct();
            case "tradingDays" -> s.tradingDays();
            case "profitableDays" -> s.profitableDays();
            case "bestDayProfit" -> s.bestDayProfit();
            case "profitStillNeeded" -> s.profitStillNeeded();
            case "heldSharePct" -> s.heldSharePct();
            case "newsViolations" -> s.newsViolations();
            default -> throw new IllegalStateException(key);
        };
    }
}
