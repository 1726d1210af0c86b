package io.vprop.governors.replay;

import io.vprop.governors.Events;
import io.vprop.governors.GovernorEngine;
import io.vprop.governors.RuleVerdict;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.event.AccountSnapshot;
import io.vprop.governors.event.NewsEvent;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.governors.outcome.Action;
import io.vprop.governors.outcome.RuleHit;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays two weeks of real EURUSD ticks (OANDA, May 2014, true UTC) and the real Fed calendar of that period through
 * the ftmo-2step governor with a simple 1-lot trader that obeys every decision. Checks the engine against facts
 * computed independently from the data: Prague trading days, the news windows, the weekend close.
 */
class RealTickReplayTest {
    static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    static final double MPPU = 100_000;
    static final double PIP = 0.0001;

    record Tick(long ms, double bid, double ask) {}

    static Path data(String relative) {
        String root = System.getProperty("vprop.shared.data");
        if (root == null) throw new IllegalStateException("system property vprop.shared.data is not set (run through Maven)");
        Path p = Path.of(root, relative);
        if (!Files.isRegularFile(p)) throw new IllegalStateException("shared data file missing: " + p + " (see shared/data/README.md)");
        return p;
    }

    static List<Tick> ticks() throws IOException {
        List<Tick> out = new ArrayList<>(540_000);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz"))),
                StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            assertThat(header).startsWith("<DATE>\t<TIME>\t<BID>\t<ASK>");
            for (String line; (line = r.readLine()) != null; ) {
                // YYYY.MM.DD<TAB>HH:MM:SS.mmm<TAB>bid<TAB>ask<TAB>... (true UTC)
                int a = line.indexOf('\t', 24);
                int b = line.indexOf('\t', a + 1);
                long day = LocalDate.of(Integer.parseInt(line, 0, 4, 10), Integer.parseInt(line, 5, 7, 10),
                        Integer.parseInt(line, 8, 10, 10)).toEpochDay();
                long ms = day * 86_400_000L + Integer.parseInt(line, 11, 13, 10) * 3_600_000L
                        + Integer.parseInt(line, 14, 16, 10) * 60_000L + Integer.parseInt(line, 17, 19, 10) * 1_000L
                        + Integer.parseInt(line, 20, 23, 10);
                out.add(new Tick(ms, Double.parseDouble(line.substring(24, a)), Double.parseDouble(line.substring(a + 1, b))));
            }
        }
        return out;
    }

    static List<NewsEvent> calendar(long knownAtMs) throws IOException {
        List<NewsEvent> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(data("calendar/fdtr_calendar_2014-04-01_2014-06-30.csv"));
        assertThat(lines.get(0)).startsWith("DateTime,Currency,Impact");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            long release = OffsetDateTime.parse(f[0]).toInstant().toEpochMilli();
            NewsEvent.Impact impact = f[2].startsWith("High") ? NewsEvent.Impact.HIGH
                    : f[2].startsWith("Medium") ? NewsEvent.Impact.MEDIUM : NewsEvent.Impact.LOW;
            out.add(new NewsEvent(knownAtMs, release, f[1], impact));
        }
        return out;
    }

    /** The open position of the 1-lot trader. */
    record Open(Side side, double entry, double stop, double target, long openMs) {
        double pnl(Tick t) {
            return side == Side.BUY ? (t.bid() - entry) * MPPU : (entry - t.ask()) * MPPU;
        }

        double exitPrice(Tick t) {
            return side == Side.BUY ? t.bid() : t.ask();
        }

        boolean done(Tick t) {
            double px = exitPrice(t);
            return side == Side.BUY ? px <= stop || px >= target : px >= stop || px <= target;
        }
    }

    @Test
    void governorOnRealTicksAndRealCalendar() throws IOException {
        List<Tick> ticks = ticks();
        assertThat(ticks).hasSize(532_903); // row count stated in shared/data/README.md
        assertThat(ticks.get(0)).isEqualTo(new Tick(Instant.parse("2014-05-01T00:00:00.292Z").toEpochMilli(), 1.38676, 1.38686));
        GovernorEngine engine = GovernorEngine.start(ProfileLoader.bundled("ftmo-2step"), 100_000, "USD");
        long first = ticks.get(0).ms();
        List<NewsEvent> news = calendar(first);
        for (NewsEvent n : news) engine.evaluate(n);
        List<Long> highUsdReleases = news.stream()
                .filter(n -> n.impact() == NewsEvent.Impact.HIGH && n.releaseMs() >= first && n.releaseMs() <= ticks.get(ticks.size() - 1).ms())
                .map(NewsEvent::releaseMs).toList();
        assertThat(highUsdReleases).hasSize(2); // 2014-05-07 14:00 and 2014-05-08 13:30 UTC, per the README

        double balance = 100_000;
        Open open = null;
        long nextOrder = first;
        boolean buy = true;
        Set<Long> dayStarts = new TreeSet<>();
        Set<LocalDate> expectedDays = new TreeSet<>();
        Set<LocalDate> entryDays = new TreeSet<>();
        List<Long> probeTimes = new ArrayList<>();
        for (long r : highUsdReleases) {
            probeTimes.add(r - 60_000);
            probeTimes.add(r + 60_000);
        }
        int probe = 0;
        int newsBlocks = 0;
        int trades = 0;
        int weekendViolations = 0;
        long lastHour = Long.MIN_VALUE;

        for (Tick t : ticks) {
            expectedDays.add(Instant.ofEpochMilli(t.ms()).atZone(PRAGUE).toLocalDate());
            if (open != null && open.done(t)) {
                double pnl = open.pnl(t);
                balance += pnl;
                engine.evaluate(Events.fill(t.ms(), "EURUSD", open.side() == Side.BUY ? Side.SELL : Side.BUY, 1,
                        open.exitPrice(t), false, pnl, open.openMs()));
                open = null;
                trades++;
            }
            RuleVerdict d = engine.evaluate(snapshot(t, balance, open));
            long hour = t.ms() / 3_600_000L;
            if (hour != lastHour) { // a reset is on the hour, so the first tick of each hour sees every new day
                dayStarts.add(engine.snapshot().dayStartMs());
                lastHour = hour;
            }
            if (d.action().ordinal() >= Action.PAUSE_UNTIL_RESET.ordinal() && open != null) {
                double pnl = open.pnl(t);
                balance += pnl;
                engine.evaluate(Events.fill(t.ms(), "EURUSD", open.side() == Side.BUY ? Side.SELL : Side.BUY, 1,
                        open.exitPrice(t), false, pnl, open.openMs()));
                open = null;
                trades++;
                engine.evaluate(snapshot(t, balance, null));
            }
            if (open != null && insideWeekendFlat(t.ms())) weekendViolations++;

            // probe orders one minute either side of each high-impact USD release: must be refused for news
            while (probe < probeTimes.size() && t.ms() >= probeTimes.get(probe)) {
                RuleVerdict pd = engine.evaluate(order(t, Side.BUY));
                assertThat(pd.hits()).extracting(RuleHit::ruleId).as("order at %s", Instant.ofEpochMilli(t.ms()))
                        .contains("news-embargo");
                newsBlocks++;
                probe++;
            }
            if (open == null && t.ms() >= nextOrder) {
                Side side = buy ? Side.BUY : Side.SELL;
                RuleVerdict od = engine.evaluate(order(t, side));
                if (od.allowed()) {
                    double entry = side == Side.BUY ? t.ask() : t.bid();
                    open = new Open(side, entry, entry - side.sign() * 20 * PIP, entry + side.sign() * 20 * PIP, t.ms());
                    engine.evaluate(Events.fill(t.ms(), "EURUSD", side, 1, entry, true, 0, t.ms()));
                    engine.evaluate(snapshot(t, balance, open));
                    entryDays.add(Instant.ofEpochMilli(t.ms()).atZone(PRAGUE).toLocalDate());
                    buy = !buy;
                }
                nextOrder = t.ms() + 30 * 60_000L;
            }
        }

        // trading days follow Prague midnights exactly as computed from the raw timestamps
        Set<LocalDate> seenDays = new TreeSet<>();
        for (long s : dayStarts) seenDays.add(Instant.ofEpochMilli(s).atZone(PRAGUE).toLocalDate());
        assertThat(seenDays).isEqualTo(expectedDays);
        assertThat(dayStarts).allSatisfy(s -> assertThat(Instant.ofEpochMilli(s).atZone(PRAGUE).toLocalTime().toSecondOfDay()).isZero());
        assertThat(engine.snapshot().tradingDays()).isEqualTo(entryDays.size());
        assertThat(newsBlocks).isEqualTo(4);
        assertThat(weekendViolations).as("ticks with a position open inside the weekend flat window").isZero();
        assertThat(trades).as("the replay really trades").isGreaterThanOrEqualTo(20);
        assertThat(engine.snapshot().halted()).isFalse();
        assertThat(engine.snapshot().balance()).isEqualTo(balance);
    }

    /** Independently: flat from Friday 16:50 New York until Sunday 17:00 New York. */
    static boolean insideWeekendFlat(long ms) {
        ZonedDateTime ny = Instant.ofEpochMilli(ms).atZone(ZoneId.of("America/New_York"));
        DayOfWeek d = ny.getDayOfWeek();
        int minute = ny.getHour() * 60 + ny.getMinute();
        return (d == DayOfWeek.FRIDAY && minute >= 16 * 60 + 50) || d == DayOfWeek.SATURDAY
                || (d == DayOfWeek.SUNDAY && minute < 17 * 60);
    }

    static OrderCheck order(Tick t, Side side) {
        double entry = side == Side.BUY ? t.ask() : t.bid();
        return Events.order(t.ms(), "EURUSD", side, 1, entry, entry - side.sign() * 20 * PIP, Double.NaN, MPPU);
    }

    static AccountSnapshot snapshot(Tick t, double balance, Open open) {
        if (open == null) return new AccountSnapshot(t.ms(), balance, balance, List.of(), 0);
        double pnl = open.pnl(t);
        ValuedPosition p = Events.position("EURUSD", open.side(), 1, open.entry(), open.stop(), open.openMs(), pnl, MPPU);
        return new AccountSnapshot(t.ms(), balance, balance + pnl, List.of(p), 0);
    }

}
