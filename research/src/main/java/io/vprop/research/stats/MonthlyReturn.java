package io.vprop.research.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The return of one calendar month: equity at the month's last weekday end over the equity before its first weekday
 * (the previous month's last, or the start), minus 1, in percent.
 */
public record MonthlyReturn(int year, int month, double returnPct) {

    public static List<MonthlyReturn> of(DailySeries s) {
        List<MonthlyReturn> out = new ArrayList<>();
        double before = s.startEquity();
        for (int i = 0; i < s.size(); i++) {
            LocalDate d = LocalDate.ofEpochDay(s.day(i));
            boolean lastOfMonth = i == s.size() - 1 || LocalDate.ofEpochDay(s.day(i + 1)).getMonthValue() != d.getMonthValue()
                    || s.day(i + 1) - s.day(i) > 31;
            if (lastOfMonth) {
                out.add(new MonthlyReturn(d.getYear(), d.getMonthValue(),
                        before > 0 ? (s.equity(i) / before - 1) * 100 : Double.NaN));
                before = s.equity(i);
            }
        }
        return out;
    }
}
