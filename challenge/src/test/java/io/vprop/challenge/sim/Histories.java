package io.vprop.challenge.sim;

import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.trade.Side;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds trade histories for the tests: one EURUSD trade per line, money in USD on a 100,000 account. */
final class Histories {
    private final List<ClosedTrade> trades = new ArrayList<>();

    static Histories create() {
        return new Histories();
    }

    /** A trade from {@code open} to {@code close} (ISO UTC) that made {@code net} and went {@code worst} against. */
    Histories trade(String open, String close, double net, double worst, double risk) {
        long o = Instant.parse(open).toEpochMilli(), c = Instant.parse(close).toEpochMilli();
        trades.add(new ClosedTrade("t" + trades.size(), "EURUSD", Side.BUY, 1.0, o, c, 1.1, 1.1 + net / 100_000, net, 0, 0,
                worst, risk, "test line " + trades.size()));
        return this;
    }

    /** A trade of one day, 10:00 to 11:00 UTC, that went no further against it than where it closed. */
    Histories day(String date, double net) {
        return trade(date + "T10:00:00Z", date + "T11:00:00Z", net, Math.min(net, 0), 1_000);
    }

    TradeHistory history() {
        return new TradeHistory(trades, "USD", 100_000, "test history");
    }

    static FirmProfile inline(String json) {
        return ProfileLoader.json(json, "test profile");
    }

    /** Runs one phase through the historical cursor from the history's first day, as the lab does. */
    static PathRunner runner(TradeHistory h, FirmPlan plan, Phase phase, LabSpec spec) {
        Book book = book(h, phase, spec);
        return new PathRunner(book, plan, spec.initialBalance(), spec.currency(), spec.horizonDays());
    }

    static Book book(TradeHistory h, Phase phase, LabSpec spec) {
        return new Book(ScaledTrades.of(h, spec, spec.riskPctPerTrade()), phase.profile().dayClock(), spec.news(),
                spec.horizonDays() + PathRunner.FUNDED_DAYS + 2);
    }

    record Attempt(int status, int days, String rule) {}

    static Attempt attempt(TradeHistory h, Phase phase, LabSpec spec) {
        Book book = book(h, phase, spec);
        PathRunner r = new PathRunner(book, spec.firms().get(0), spec.initialBalance(), spec.currency(), spec.horizonDays());
        int st = r.attempt(phase, new DayCursor.Historical(book, 0), spec.horizonDays());
        return new Attempt(st, r.days, r.rule);
    }

    /** The trades as recorded, one thread, historical only: for single-path checks. */
    static LabSpec asRecorded(FirmPlan plan) {
        return LabSpec.of(List.of(plan)).withRisk(Double.NaN, java.util.Map.of(), 0.01).withPaths(0, 1, 1)
                .withRiskCurve(List.of(), 1, 0.2).withMethods(true, false);
    }
}
