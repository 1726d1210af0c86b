package io.vprop.kernel;

import io.vprop.strategy.Submission;
import io.vprop.strategy.Strategy;
import io.vprop.signal.data.CalendarEvent;
import java.nio.file.Files;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.journal.Journal;
import io.vprop.paper.TerminalLink;
import io.vprop.protocol.Payload;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.testing.SharedData;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Side;
import io.vprop.transport.RouterEndpoint;
import io.vprop.transport.RoutingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel pushes the real shared calendar's high-impact releases to a terminal over real ZeroMQ, in the
 * terminal's own (replayed) clock, and its governors refuse an entry inside the embargo around one of them.
 */
class KernelNewsTest {
    /** 2020-01-10 13:30 UTC: US Non-Farm Employment Change (and two more USD releases at the same minute). */
    private static final long NFP = Instant.parse("2020-01-10T13:30:00Z").toEpochMilli();

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Payload.News> news = new CopyOnWriteArrayList<>();
    private final AtomicLong marketMs = new AtomicLong();
    private AccountGovernors governors;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private SidecarKernel startKernel(NewsFeed feed) {
        Journal j = new Journal(dir.resolve("sidecar.db"), false);
        open.add(j);
        governors = new AccountGovernors(ProfileLoader.bundled("ftmo-2step"), "ftmo-2step", 100_000, GovernorStateStore.inMemory());
        RiskEngine risk = new RiskEngine(5);
        risk.add(governors);
        SidecarKernel k = new SidecarKernel(SidecarKernel.Config.defaults(),
                new SidecarKernel.Ports(new RouterEndpoint("tcp://127.0.0.1:*"), j, System::currentTimeMillis), peer -> Strategy.NONE,
                risk, governors, new EventBus(), new SimpleMeterRegistry());
        k.newsFeed(feed);
        new Thread(k, "kernel").start();
        open.add(k);
        return k;
    }

    private TerminalLink link(String endpoint, String journalFile) {
        Journal j = new Journal(dir.resolve(journalFile), false);
        TerminalLink l = new TerminalLink(endpoint, new RoutingId("paper-1", "1001", "EURUSD.M1"), j, KernelLinkTest::hello,
                new TerminalLink.Handler() {
                    @Override
                    public void onSignal(Payload.Signal s) { }

                    @Override
                    public void onNews(Payload.News n) { news.add(n); }
                }, marketMs::get, System::currentTimeMillis);
        open.add(j);
        open.add(l);
        return l;
    }

    private static void until(TerminalLink l, BooleanSupplier cond, Supplier<String> what) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what.get());
            l.poll(5);
        }
    }

    private static Submission buy(SidecarKernel k, long nowMs) throws Exception {
        return k.call(kk -> kk.submitTo(null, OrderIntent.open("EURUSD", Side.BUY, 0.1, 1.1002, 0.0005, 1.0990,
                1.1020, 1.1030, nowMs + 30_000, "manual", "", 0.5, "test"))).get();
    }

    @Test
    void calendarReleasesReachTheTerminalOnceAndEmbargoEntries() throws Exception {
        NewsFeed feed = NewsFeed.load(SharedData.file("calendar/high_impact_events_calendar.csv").toString());
        assertThat(feed.size()).as("high-impact rows of the shared calendar").isEqualTo(4_700);
        marketMs.set(NFP - 100_000); // the replayed market is 100 s before the NFP release
        SidecarKernel k = startKernel(feed);
        TerminalLink l = link(k.endpoint(), "terminal.db");
        until(l, l::welcomed, () -> "welcome");
        l.sendReliable(new Payload.Account(100_000, 100_000, 0, 100_000, List.of()));
        l.sendFresh(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, marketMs.get(), 6), false);

        until(l, () -> news.stream().anyMatch(n -> n.title().equals("Non-Farm Employment Change")), () -> "NFP news, got " + news);
        Payload.News nfp = news.stream().filter(n -> n.title().equals("Non-Farm Employment Change")).findFirst().orElseThrow();
        assertThat(nfp).isEqualTo(new Payload.News(NFP, "USD", "high", "Non-Farm Employment Change"));

        // the sidecar's governors learn it too (once the account snapshot made them): their news rule then shows
        // the next window; an entry 100 s before the release is refused by the news embargo
        until(l, () -> {
            var snap = governors.snapshots().get(AccountGovernors.accountOf("paper-1/1001/EURUSD.M1"));
            return snap != null && snap.rules().stream().anyMatch(r -> r.ruleId().equals("news-embargo") && Double.isFinite(r.distance()));
        }, () -> "the governors' news window, published " + governors.snapshots());
        Submission refused = buy(k, marketMs.get());
        assertThat(refused.sent()).isFalse();
        assertThat(refused.rule()).as(refused.toString()).isEqualTo("news-embargo");
        assertThat(refused.reason()).contains("EURUSD").contains("USD release");
        Submission[] last = new Submission[1];

        // more housekeeping rounds: nothing is pushed twice; only EUR/USD/All releases of the next 24 h of market time
        long mark = System.currentTimeMillis();
        until(l, () -> System.currentTimeMillis() - mark > 1_000, () -> "a second of housekeeping");
        assertThat(new HashSet<>(news)).as("each release once").hasSameSizeAs(news);
        assertThat(news).allSatisfy(n -> {
            assertThat(n.currency()).isIn("EUR", "USD", "All");
            assertThat(n.releaseMs()).isBetween(NFP - 100_000, NFP - 100_000 + NewsFeed.HORIZON_MS - 1);
            assertThat(n.impact()).isEqualTo("high");
        });
        assertThat(news).extracting(Payload.News::title)
                .contains("Average Hourly Earnings m/m", "Unemployment Rate").doesNotContain("Employment Change"); // CAD
        int before = news.size();

        // the terminal restarts (same routing id, its memory of the news gone): its new hello gets them again
        l.close();
        open.remove(l);
        TerminalLink restarted = link(k.endpoint(), "terminal-restarted.db");
        until(restarted, () -> restarted.welcomed() && news.size() >= 2 * before,
                () -> "news again after a re-hello, got " + news.size() + " of " + 2 * before);

        // after the embargo (release + 2 min, ftmo-2step) the same entry goes through
        marketMs.set(NFP + 5 * 60_000);
        restarted.sendFresh(new Payload.Tick("EURUSD", 1.1000, 1.1002, 0, 0, marketMs.get(), 6), false);
        until(restarted, () -> {
            try {
                last[0] = buy(k, marketMs.get());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last[0].sent();
        }, () -> "an entry after the window, last verdict " + last[0]);
    }

    @Test
    void badCalendarFilesFailNamingTheKeyAndTheFile() throws Exception {
        assertThat(NewsFeed.load("").size()).isZero();
        Path missing = dir.resolve("nope.csv");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NewsFeed.load(missing.toString()))
                .hasMessageContaining("calendar.file").hasMessageContaining("nope.csv");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "DateTime,Currency,Impact,Event,Actual,Forecast,Previous,Detail\n"
                + "2020-01-10T13:30:00+00:00,US,High Impact Expected,Non-Farm Employment Change,,,,\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NewsFeed.load(bad.toString()))
                .hasMessageContaining("calendar.file").hasMessageContaining("currency 'US'");
        Path word = dir.resolve("word.csv");
        Files.writeString(word, "DateTime,Currency,Impact,Event,Actual,Forecast,Previous,Detail\n"
                + "2020-01-10T13:30:00+00:00,USD,Severe,Non-Farm Employment Change,,,,\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NewsFeed.load(word.toString()))
                .hasMessageContaining("unknown calendar impact 'Severe'");
    }

    @Test
    void upcomingSelectsCurrenciesAndTheNext24Hours() {
        NewsFeed feed = new NewsFeed(List.of(
                new CalendarEvent(1_000, "USD", "High Impact Expected", "a", Double.NaN, Double.NaN, Double.NaN),
                new CalendarEvent(2_000, "All", "High Impact Expected", "b", Double.NaN, Double.NaN, Double.NaN),
                new CalendarEvent(3_000, "JPY", "High Impact Expected", "c", Double.NaN, Double.NaN, Double.NaN),
                new CalendarEvent(4_000, "EUR", "Medium Impact Expected", "d", Double.NaN, Double.NaN, Double.NaN),
                new CalendarEvent(1_000 + NewsFeed.HORIZON_MS, "EUR", "High Impact Expected", "e", Double.NaN, Double.NaN, Double.NaN)));
        assertThat(feed.size()).isEqualTo(4);
        assertThat(feed.upcoming(List.of("EUR", "USD"), 1_000)).extracting(Payload.News::title).containsExactly("a", "b");
        assertThat(feed.upcoming(List.of("EUR", "USD"), 1_001)).extracting(Payload.News::title).containsExactly("b", "e");
        assertThat(feed.upcoming(List.of("JPY"), 0)).extracting(Payload.News::title).containsExactly("b", "c");
    }
}
