package io.vprop.analytics;

import java.math.BigDecimal;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.vprop.governors.time.FirmDayClock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The summary of one firm day: the trades closed within [start, end) of that day on the firm's clock (the profile's
 * {@link FirmDayClock}, the governors' own), their measures overall and per session, alpha and symbol. Pure;
 * {@link DigestWriter} puts it on disk.
 */
record DailyDigest(@JsonSerialize(using = ToStringSerializer.class) LocalDate day, String zone, String resetTime,
                          long startMs, long endMs, String startUtc, String endUtc,
                          double hours, MetricSet overall, Map<String, MetricSet> bySession,
                          Map<String, MetricSet> byAlpha, Map<String, MetricSet> bySymbol, List<Trade> trades) {

    public static DailyDigest of(LocalDate day, FirmDayClock clock, List<Trade> allTrades, double startBalance) {
        long start = clock.startMs(day), end = clock.endMs(day);
        List<Trade> ts = allTrades.stream().filter(t -> t.closed() && t.closeMs() >= start && t.closeMs() < end).toList();
        return new DailyDigest(day, clock.zone(), clock.resetTime().toString(), start, end, Instant.ofEpochMilli(start).toString(),
                Instant.ofEpochMilli(end).toString(), (end - start) / 3_600_000.0, MetricSet.of(ts, startBalance),
                MetricSet.by("session", ts, startBalance), MetricSet.by("alpha", ts, startBalance),
                MetricSet.by("symbol", ts, startBalance), ts);
    }

    static final String CSV_HEADER = "day,peer,position,symbol,side,alpha,regime,session,open_utc,close_utc,entry_price,"
            + "exit_price,volume,profit,commission,swap,net,deals,signal_id,reason,exit_reason";

    /** One line per trade, RFC 4180 quoting, '.' decimals whatever the machine's locale, empty for an undefined number. */
    public String csv() {
        StringBuilder b = new StringBuilder(CSV_HEADER).append("\r\n");
        for (Trade t : trades) {
            b.append(String.join(",", day.toString(), q(t.peer()), Long.toString(t.position()), q(t.symbol()), q(t.side().wire()),
                    q(t.alpha()), q(t.regime()), q(t.session().label()), Instant.ofEpochMilli(t.openMs()).toString(),
                    Instant.ofEpochMilli(t.closeMs()).toString(), d(t.entryPrice()), d(t.exitPrice()), d(t.volume()),
                    d(t.profit()), d(t.commission()), d(t.swap()), d(t.net()), Integer.toString(t.deals()),
                    q(t.signalId()), q(t.reason()), q(t.exitReason()))).append("\r\n");
        }
        return b.toString();
    }

    private static String d(Double v) {
        // shortest text that reads back as the same double, never in exponent form
        return v != null && Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "";
    }

    private static String q(String s) {
        if (s == null) return "";
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }
}
