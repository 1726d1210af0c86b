package io.vprop.signal.data;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Parses MT5 export timestamps ("2014.05.01" + "00:00:00.292" or "00:00:00") as UTC epoch ms, without regex. */
final class Mt5Time {
    private Mt5Time() {}

    static long parse(String date, String time) {
        if (date.length() != 10 || date.charAt(4) != '.' || date.charAt(7) != '.')
            throw new IllegalArgumentException("bad <DATE> '" + date + "' (expected YYYY.MM.DD)");
        if (time.length() < 8 || time.charAt(2) != ':' || time.charAt(5) != ':')
            throw new IllegalArgumentException("bad <TIME> '" + time + "' (expected HH:MM:SS[.mmm])");
        int y = Integer.parseInt(date, 0, 4, 10), mo = Integer.parseInt(date, 5, 7, 10), d = Integer.parseInt(date, 8, 10, 10);
        int h = Integer.parseInt(time, 0, 2, 10), mi = Integer.parseInt(time, 3, 5, 10), s = Integer.parseInt(time, 6, 8, 10);
        int ms = time.length() > 9 ? Integer.parseInt(time, 9, time.length(), 10) : 0;
        if (h > 23 || mi > 59 || s > 59 || ms > 999) throw new IllegalArgumentException("bad <TIME> '" + time + "'");
        long days = LocalDate.of(y, mo, d).toEpochDay();
        return days * 86_400_000L + h * 3_600_000L + mi * 60_000L + s * 1000L + ms;
    }

    static long epochDayMs(int y, int m, int d) { return LocalDate.of(y, m, d).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000; }
}
