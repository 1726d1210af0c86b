package io.vprop.challenge.sim;

import io.vprop.challenge.ClosedTrade;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scaled trades laid out by the firm's days (one firm's day clock): for each history day, its trades with times
 * as offsets from the day's start, so a day can be replayed on its own date (historical method) or on another date
 * (bootstrap). Every calendar day from the first to the last trade's day is a day, traded or not. Fills are built
 * once here; the path runner only adds times. Immutable after construction, shared by all threads.
 *
 * <p>A trade belongs to the day it opened in. Its worst point is placed halfway between open and close: the time is
 * not in the record, only the depth.
 */
final class Book {
    final FirmDayClock clock;
    final LocalDate firstDay;
    final int days;
    final long[] dayStart;        // days + 1 entries: real starts, dayStart[days] = end of the last day
    final int[] weekday;          // 0 = Monday … 6 = Sunday, by the name of the firm day
    final int[] dayFirst;         // days + 1 entries: the day's trades are [dayFirst[d], dayFirst[d + 1])
    final long[] openOff, worstOff, closeOff;
    final double[] net, worst;
    final Fill[] entry, exit;
    final int[] newsFirst;        // days + 1 entries into newsOff / newsCcy
    final long[] newsOff;
    final String[] newsCcy;
    final boolean[] tradedWeekday = new boolean[7];
    final Fill fillerEntry, fillerExit;
    final double[] dailyNet;      // closed net per day, for the block length
    final int[] tradeDays;        // the days with at least one trade: the historical start dates
    final int trades;
    // the bootstrap's calendar: simulated day k is firstDay + k
    final long[] simStart;
    final int[] simWeekday;

    Book(ScaledTrades s, FirmDayClock clock, List<LabSpec.NewsRelease> news, int calendarDays) {
        this.clock = clock;
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < s.trades.size(); i++) if (s.lots[i] > 0) kept.add(i);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no trade is left after rounding to the volume step: the risk per trade"
                    + " is too small for the step (" + s.skippedZeroLots + " trades round to 0 lots)");
        }
        List<ClosedTrade> ts = s.trades;
        kept.sort(Comparator.comparingLong((Integer i) -> ts.get(i).openMs()).thenComparing(i -> ts.get(i).id()));
        firstDay = clock.dayOf(ts.get(kept.get(0)).openMs());
        LocalDate lastDay = firstDay;
        for (int i : kept) {
            LocalDate d = clock.dayOf(ts.get(i).openMs());
            if (d.isAfter(lastDay)) lastDay = d;
        }
        days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
        dayStart = new long[days + 1];
        weekday = new int[days];
        for (int d = 0; d <= days; d++) dayStart[d] = clock.startMs(firstDay.plusDays(d));
        for (int d = 0; d < days; d++) weekday[d] = firstDay.plusDays(d).getDayOfWeek().ordinal();

        trades = kept.size();
        dayFirst = new int[days + 1];
        openOff = new long[trades];
        worstOff = new long[trades];
        closeOff = new long[trades];
        net = new double[trades];
        worst = new double[trades];
        entry = new Fill[trades];
        exit = new Fill[trades];
        dailyNet = new double[days];
        int[] count = new int[days];
        int[] dayOf = new int[trades];
        for (int j = 0; j < trades; j++) {
            ClosedTrade t = ts.get(kept.get(j));
            dayOf[j] = (int) (clock.dayOf(t.openMs()).toEpochDay() - firstDay.toEpochDay());
            count[dayOf[j]]++;
        }
        for (int d = 0; d < days; d++) dayFirst[d + 1] = dayFirst[d] + count[d];
        String fillerSymbol = null;
        double fillerPrice = 0;
        for (int j = 0; j < trades; j++) {
            int i = kept.get(j);
            ClosedTrade t = ts.get(i);
            if (!(t.openPrice() > 0) || !(t.closePrice() > 0)) {
                throw new IllegalArgumentException(t.source() + ": trade " + t.id() + " has no positive open and close price");
            }
            int d = dayOf[j];
            long base = dayStart[d];
            openOff[j] = t.openMs() - base;
            closeOff[j] = t.closeMs() - base;
            worstOff[j] = openOff[j] + (t.closeMs() - t.openMs()) / 2;
            net[j] = s.net[i];
            worst[j] = s.worst[i];
            entry[j] = new Fill(0, 0, j, "", t.symbol(), t.side(), FillEntry.IN, t.openPrice(), s.lots[i], 0, 0, 0, t.openMs(), "lab");
            exit[j] = new Fill(0, 0, j, "", t.symbol(), t.side().opposite(), FillEntry.OUT, t.closePrice(), s.lots[i], 0, 0,
                    s.net[i], t.closeMs(), "lab");
            dailyNet[d] += s.net[i];
            tradedWeekday[weekday[d]] = true;
            if (fillerSymbol == null) {
                fillerSymbol = t.symbol();
                fillerPrice = t.openPrice();
            }
        }
        double step = 0.01;
        fillerEntry = new Fill(0, 0, -1, "", fillerSymbol, ts.get(kept.get(0)).side(), FillEntry.IN, fillerPrice, step, 0, 0, 0, 0, "lab-filler");
        fillerExit = new Fill(0, 0, -1, "", fillerSymbol, ts.get(kept.get(0)).side().opposite(), FillEntry.OUT, fillerPrice, step, 0, 0, 0, 0, "lab-filler");

        List<Integer> td = new ArrayList<>();
        for (int d = 0; d < days; d++) if (dayFirst[d + 1] > dayFirst[d]) td.add(d);
        tradeDays = td.stream().mapToInt(Integer::intValue).toArray();

        // news: attached to the firm day they fall in, as offsets
        newsFirst = new int[days + 1];
        List<LabSpec.NewsRelease> inRange = news.stream()
                .filter(n -> n.releaseMs() >= dayStart[0] && n.releaseMs() < dayStart[days])
                .sorted(Comparator.comparingLong(LabSpec.NewsRelease::releaseMs)).toList();
        newsOff = new long[inRange.size()];
        newsCcy = new String[inRange.size()];
        int[] ncount = new int[days];
        int k = 0;
        for (LabSpec.NewsRelease n : inRange) {
            int d = (int) (clock.dayOf(n.releaseMs()).toEpochDay() - firstDay.toEpochDay());
            ncount[d]++;
            newsOff[k] = n.releaseMs() - dayStart[d];
            newsCcy[k] = n.currency();
            k++;
        }
        for (int d = 0; d < days; d++) newsFirst[d + 1] = newsFirst[d] + ncount[d];

        simStart = new long[calendarDays + 1];
        simWeekday = new int[calendarDays];
        for (int d = 0; d <= calendarDays; d++) simStart[d] = clock.startMs(firstDay.plusDays(d));
        for (int d = 0; d < calendarDays; d++) simWeekday[d] = firstDay.plusDays(d).getDayOfWeek().ordinal();
    }

    boolean hasNews() {
        return newsOff.length > 0;
    }

    static DayOfWeek weekdayName(int ordinal) {
        return DayOfWeek.values()[ordinal];
    }
}
