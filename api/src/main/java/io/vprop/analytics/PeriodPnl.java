package io.vprop.analytics;

import io.vprop.governors.time.FirmDayClock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Closed-trade profit per firm day, ISO week or calendar month on the firm's day clock (the governors' own): a trade
 * belongs to the firm day its last deal closed in; a week is Monday's firm day to the next Monday's reset; a month its
 * first firm day to the next month's first. Every period from the first trade's to the last trade's is listed, empty
 * ones with zeros, so a table and a bar chart show the days nothing closed. Pure.
 *
 * @param period      "2026-03-29", "2026-W13" (ISO week) or "2026-03"
 * @param firstDay    the period's first firm day (the chart's time axis)
 * @param balanceStart the balance at the period's start (null when unknown); {@code returnPct} = net / it × 100
 */
record PeriodPnl(String period, String firstDay, long startMs, long endMs, int trades, int wins, int losses, double net,
                 double grossProfit, double grossLoss, Double winRate, Double balanceStart, Double returnPct) {

    /** At most this many periods (about 13 years of days): a longer span lists the newest. */
    static final int MAX_PERIODS = 5_000;

    enum Unit {
        DAY, WEEK, MONTH;

        static Unit parse(String s) {
            if (s == null || s.isBlank()) return DAY;
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("period must be day, week or month, got '" + s + "'");
            }
        }

        LocalDate first(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
        }

        LocalDate next(LocalDate first) {
            return switch (this) {
                case DAY -> first.plusDays(1);
                case WEEK -> first.plusWeeks(1);
                case MONTH -> first.plusMonths(1);
            };
        }

        String label(LocalDate first) {
            return switch (this) {
                case DAY -> first.toString();
                case WEEK -> String.format(Locale.ROOT, "%d-W%02d", first.get(IsoFields.WEEK_BASED_YEAR),
                        first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case MONTH -> first.toString().substring(0, 7);
            };
        }
    }

    /**
     * @param trades       round trips (open ones are ignored)
     * @param startBalance the balance before the first trade (NaN: unknown, then no returns)
     * @return the periods oldest first
     */
    static List<PeriodPnl> of(Unit unit, List<Trade> trades, FirmDayClock clock, double startBalance) {
        TreeMap<LocalDate, List<Trade>> byPeriod = new TreeMap<>();
        for (Trade t : trades) if (t.closed()) byPeriod.computeIfAbsent(unit.first(clock.dayOf(t.closeMs())), k -> new ArrayList<>()).add(t);
        List<PeriodPnl> out = new ArrayList<>();
        if (byPeriod.isEmpty()) return out;
        LocalDate first = byPeriod.firstKey(), last = byPeriod.lastKey();
        // the balance at each period's start: everything closed before it
        double balance = startBalance;
        int periods = 0;
        for (LocalDate d = first; !d.isAfter(last); d = unit.next(d)) periods++;
        LocalDate from = first;
        for (int skip = Math.max(0, periods - MAX_PERIODS); skip > 0; skip--) {
            for (Trade t : byPeriod.getOrDefault(from, List.of())) balance += t.net();
            from = unit.next(from);
        }
        for (LocalDate d = from; !d.isAfter(last); d = unit.next(d)) {
            List<Trade> ts = byPeriod.getOrDefault(d, List.of());
            int wins = 0, losses = 0;
            double net = 0, gp = 0, gl = 0;
            for (Trade t : ts) {
                net += t.net();
                if (t.net() > 0) { wins++; gp += t.net(); }
                else if (t.net() < 0) { losses++; gl -= t.net(); }
            }
            boolean known = Double.isFinite(balance) && balance > 0;
            out.add(new PeriodPnl(unit.label(d), d.toString(), clock.startMs(d), clock.startMs(unit.next(d)), ts.size(), wins,
                    losses, net, gp, gl, ts.isEmpty() ? null : (double) wins / ts.size(), known ? balance : null,
                    known ? net / balance * 100 : null));
            balance += net;
        }
        return out;
    }
}
