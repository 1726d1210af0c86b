package io.vprop.challenge.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;

/**
 * The lab's result as JSON (one object, keys in a fixed order, so two runs with the same seed give the same text
 * apart from {@code elapsedMs}). Units are in the key names: {@code …Pct} percent, {@code …Days} calendar days,
 * money in {@code currency}; probabilities are fractions. Infinity and NaN (no pass, no trial) are written as null.
 */
public final class LabJson {
    private final StringBuilder b = new StringBuilder(4096);
    private int depth;
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private LabJson() {}

    public static String write(LabResult r) {
        LabJson j = new LabJson();
        j.result(r, true);
        return j.b.toString();
    }

    /** As {@link #write} without {@code elapsedMs} and {@code threads}: for comparing runs. */
    public static String withoutTiming(LabResult r) {
        LabJson j = new LabJson();
        j.result(r, false);
        return j.b.toString();
    }

    private void result(LabResult r, boolean timing) {
        open('{');
        str("source", r.source()).str("currency", r.currency()).num("initialBalance", r.initialBalance())
                .num("riskPctPerTrade", r.riskPctPerTrade()).num("seed", r.seed());
        if (timing) num("threads", r.threads()).num("elapsedMs", r.elapsedMs());
        LabResult.Trades t = r.trades();
        key("trades");
        open('{');
        num("total", t.total()).num("kept", t.kept()).num("skippedZeroLots", t.skippedZeroLots())
                .num("withProxyRisk", t.withProxyRisk()).num("proxyRiskMoney", t.proxyRiskMoney())
                .num("withAssumedWorst", t.withAssumedWorst());
        close('}');
        key("firms");
        open('[');
        for (LabResult.FirmResult f : r.firms()) firm(f);
        close(']');
        close('}');
    }

    private void firm(LabResult.FirmResult f) {
        open('{');
        str("firm", f.firm()).str("name", f.name()).num("historyDays", f.historyDays())
                .num("meanBlockDays", f.meanBlockDays()).str("blockRule", f.blockRule());
        key("phases");
        open('[');
        for (LabResult.PhaseInfo p : f.phases()) {
            open('{');
            str("name", p.name()).str("profileId", p.profileId()).bool("funded", p.funded())
                    .num("targetPct", p.targetPct()).num("minTradingDays", p.minTradingDays())
                    .str("source", p.source()).str("note", p.note());
            close('}');
        }
        close(']');
        key("methods");
        open('[');
        for (LabResult.MethodResult m : f.methods()) method(m);
        close(']');
        if (f.riskCurve() != null) {
            LabResult.RiskCurve c = f.riskCurve();
            key("riskCurve");
        open('{');
            num("breachBound", c.breachBound()).num("bestRiskPct", c.bestRiskPct()).str("rule", c.rule());
            key("points");
        open('[');
            for (LabResult.RiskPoint p : c.points()) {
                open('{');
                num("riskPct", p.riskPct());
                rate("passAll", p.passAll());
                rate("breach", p.breach());
                num("tradesSkippedZeroLots", p.tradesSkippedZeroLots());
                close('}');
            }
            close(']');
            close('}');
        }
        close('}');
    }

    private void method(LabResult.MethodResult m) {
        open('{');
        str("method", m.method()).num("paths", m.paths()).num("unfinished", m.unfinished());
        rate("passAll", m.passAll());
        rate("breach", m.breach());
        rates("failByRule", m.failByRule());
        num("expectedFeesPerFundedAccount", m.expectedFees());
        days("daysToPassAll", m.daysToPassAll());
        key("phases");
        open('[');
        for (LabResult.PhaseResult p : m.phases()) {
            open('{');
            str("phase", p.phase()).num("reached", p.reached());
            rate("pass", p.pass());
            rates("failByRule", p.failByRule());
            rate("horizon", p.horizon());
            days("daysToPass", p.daysToPass());
            close('}');
        }
        close(']');
        key("fundedSurvival");
        open('[');
        for (LabResult.Survival s : m.funded()) {
            open('{');
            num("months", s.months()).num("days", s.days());
            rate("survives", s.survives());
            num("censored", s.censored());
            close('}');
        }
        close(']');
        close('}');
    }

    private void days(String k, LabResult.Days d) {
        key(k);
        open('{');
        num("count", d.count()).num("meanDays", d.mean()).num("p10", d.p10()).num("p25", d.p25()).num("p50", d.p50())
                .num("p75", d.p75()).num("p90", d.p90()).num("maxDays", d.max());
        key("histogram");
        open('[');
        for (int i = 0; i < d.histogram().length; i++) b.append(i == 0 ? "" : ",").append(d.histogram()[i]);
        close(']');
        close('}');
    }

    private void rates(String k, Map<String, LabResult.Rate> m) {
        key(k);
        open('{');
        m.forEach(this::rate);
        close('}');
    }

    private void rate(String k, LabResult.Rate r) {
        key(k);
        open('{');
        num("successes", r.successes()).num("trials", r.trials()).num("p", r.p()).num("lo95", r.lo()).num("hi95", r.hi());
        close('}');
    }

    private StringBuilder key(String k) {
        quote(k);
        return b.append(':');
    }

    private LabJson str(String k, String v) {
        key(k);
        if (v == null) b.append("null"); else quote(v);
        b.append(',');
        return this;
    }

    private LabJson bool(String k, boolean v) {
        key(k).append(v).append(',');
        return this;
    }

    private LabJson num(String k, long v) {
        key(k).append(v).append(',');
        return this;
    }

    private LabJson num(String k, double v) {
        key(k);
        if (Double.isNaN(v) || Double.isInfinite(v)) b.append("null");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) b.append((long) v);
        else b.append(new BigDecimal(v).round(SIX_DIGITS).stripTrailingZeros());
        b.append(',');
        return this;
    }

    private void open(char c) {
        b.append(c);
        depth++;
    }

    /** Ends an object or array, dropping a trailing comma, and adds the comma for the next sibling. */
    private void close(char c) {
        if (b.charAt(b.length() - 1) == ',') b.setLength(b.length() - 1);
        b.append(c);
        depth--;
        if (depth > 0) b.append(',');
    }

    private void quote(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c)); else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
