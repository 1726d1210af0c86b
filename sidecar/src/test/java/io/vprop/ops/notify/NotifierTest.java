package io.vprop.ops.notify;

import io.vprop.config.VpropConfig;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.kernel.EventBus;
import io.vprop.protocol.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications through real HTTP to a local fake Telegram Bot API and a webhook receiver. */
class NotifierTest {
    static final String TOKEN = "123456:ABC-test_token";
    static final long CHAT = 987654321L;

    /** Topstep's day: 17:00 America/Chicago, the clock the governors reset on. */
    static final FirmDayClock CHICAGO = ProfileLoader.bundled("topstep-50k").dayClock();

    FakeTelegram tg;
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception { tg = new FakeTelegram(TOKEN, CHAT); }

    @AfterEach
    void stop() { tg.close(); }

    private Notifier notifier(String chat, int burst, int perMinute) {
        return new Notifier(List.of(new TelegramChannel(tg.base(), TOKEN, chat, http),
                new WebhookChannel(tg.base() + "/hook", http)), "5123456", burst, perMinute, clock::get, CHICAGO);
    }

    private static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    private static String governor(String peer, String mode, String reason, String rule, String status, double value) {
        return "{\"type\":\"governor_state\",\"ts_ms\":1,\"data\":{\"peer\":\"" + peer + "\",\"state\":{\"mode\":\"" + mode
                + "\",\"reason\":\"" + reason + "\",\"rules\":[{\"id\":\"" + rule + "\",\"value\":" + value
                + ",\"limit\":-5000.0,\"distance\":" + (5000 + value) + ",\"status\":\"" + status + "\"}]}}}";
    }

    @Test
    void governorWarningReachesTelegramAndWebhookWithTheRightText() throws Exception {
        try (Notifier n = notifier(Long.toString(CHAT), 3, 6)) {
            n.onEvent(governor("T1/5123456/EURUSD", "ok", "", "daily_loss", "ok", -100));    // ok at start: silent
            n.onEvent(governor("T1/5123456/EURUSD", "ok", "", "daily_loss", "warning", -4100)); // the warning
            n.onEvent(governor("T1/5123456/EURUSD", "ok", "", "daily_loss", "warning", -4200)); // still warning: silent
            assertThat(n.drain(5_000)).isTrue();
            assertThat(tg.messages).singleElement().satisfies(m -> {
                assertThat(m.chatId()).isEqualTo(CHAT);
                assertThat(m.text()).isEqualTo("⚠️ VProp 5123456: governor warning on T1/5123456/EURUSD: daily_loss is"
                        + " near its limit (value -4100.00, limit -5000.00, distance 900.00).");
            });
            assertThat(tg.hooks).singleElement().satisfies(h -> {
                assertThat(h.path("key").asText()).isEqualTo("rule_warning:T1/5123456/EURUSD:daily_loss");
                assertThat(h.path("severity").asText()).isEqualTo("warning");
                assertThat(h.path("text").asText()).isEqualTo(tg.messages.get(0).text());
            });
            assertThat(n.sent()).isEqualTo(2);
        }
    }

    @Test
    void breachPauseResumeAndDisconnectAreEachNotified() throws Exception {
        try (Notifier n = notifier(Long.toString(CHAT), 3, 6)) {
            n.onEvent(governor("P", "ok", "", "max_loss", "ok", 0));
            n.onEvent(governor("P", "halted", "max loss reached", "max_loss", "breach", -10_001));
            n.onEvent("{\"type\":\"peer\",\"ts_ms\":2,\"data\":{\"id\":\"P\",\"state\":\"stale\"}}");
            n.onEvent("{\"type\":\"peer\",\"ts_ms\":3,\"data\":{\"id\":\"P\",\"state\":\"live\"}}");
            n.onEvent(governor("P", "paused", "news window", "max_loss", "ok", 0));
            n.onEvent(governor("P", "ok", "", "max_loss", "ok", 0));
            n.onEvent("{\"type\":\"tick\",\"ts_ms\":4,\"data\":{}}");  // not in the table: nothing
            assertThat(n.drain(5_000)).isTrue();
            assertThat(tg.messages).extracting(FakeTelegram.Message::text).containsExactly(
                    "🛑 VProp 5123456: governor BREACH on P: max_loss (value -10001.00, limit -5000.00, distance -5001.00). Trading is stopped by the EA.",
                    "🛑 VProp 5123456: trading halted on P: max loss reached.",
                    "⚠️ VProp 5123456: terminal P disconnected (no message within the stale limit). No new signals go to it; its EA blocks new entries until it is back. Check the MT5 terminal and the VPS network.",
                    "ℹ️ VProp 5123456: terminal P is connected again.",
                    "ℹ️ VProp 5123456: governor max_loss on P is back to ok (value 0.00, limit -5000.00, distance 5000.00).",
                    "⚠️ VProp 5123456: trading paused on P: news window.",
                    "ℹ️ VProp 5123456: trading resumed on P.");
        }
    }

    @Test
    void aFloodOfWarningsIsRateLimitedPerKindWithoutSilencingOthers() throws Exception {
        try (Notifier n = notifier(Long.toString(CHAT), 3, 6)) {
            n.onEvent(governor("P", "ok", "", "daily_loss", "ok", 0));
            for (int i = 0; i < 50; i++) {   // a flapping rule: 50 warnings and 50 recoveries in the same second
                n.onEvent(governor("P", "ok", "", "daily_loss", "warning", -4100 - i));
                n.onEvent(governor("P", "ok", "", "daily_loss", "ok", -3000));
            }
            n.onEvent(governor("P", "ok", "", "daily_loss", "breach", -5001)); // another kind: not held back by the flood
            assertThat(n.drain(5_000)).isTrue();
            List<String> texts = tg.messages.stream().map(FakeTelegram.Message::text).toList();
            assertThat(texts.stream().filter(t -> t.contains("governor warning"))).hasSize(3);
            assertThat(texts.stream().filter(t -> t.contains("back to ok"))).hasSize(3);
            assertThat(texts.stream().filter(t -> t.contains("BREACH"))).hasSize(1);
            assertThat(tg.messages).hasSize(7);
            assertThat(n.suppressed()).isEqualTo(94);

            clock.addAndGet(10_000);  // 6 per minute: one token back after 10 s
            n.onEvent(governor("P", "ok", "", "daily_loss", "warning", -4300));
            n.onEvent(governor("P", "ok", "", "daily_loss", "ok", -3000));
            n.onEvent(governor("P", "ok", "", "daily_loss", "warning", -4400));
            assertThat(n.drain(5_000)).isTrue();
            assertThat(tg.messages.get(7).text()).contains("governor warning", "(47 similar message(s) suppressed)");
            assertThat(tg.messages.get(8).text()).contains("back to ok", "(47 similar message(s) suppressed)");
            assertThat(tg.messages).hasSize(9);
            assertThat(n.suppressed()).isEqualTo(95);
        }
    }

    @Test
    void eventsFromTheRealBusAndTheDigestOfEachFirmDay() throws Exception {
        clock.set(t("2026-03-06T20:00:00Z"));   // Friday 14:00 in Chicago: counting starts inside firm day 2026-03-05
        try (EventBus bus = new EventBus(); Notifier n = notifier(Long.toString(CHAT), 3, 6)) {
            n.subscribe(bus);
            bus.publish("governor_state", 1, Map.of("peer", "T/1/C", "state", new Payload.GovernorState("ok", "",
                    List.of(new Payload.RuleState("daily_loss", -4500, -5000, 500, "warning")))));
            for (int i = 1; i <= 2; i++)
                bus.publish("fill", 2, Map.of("peer", "T/1/C", "fill", new Payload.Fill(i, i, i, "s" + i, "EURUSD", "buy",
                        "out", 1.1, 1.0, -3.5, 0, 120.25, 5, "tp")));
            long deadline = System.currentTimeMillis() + 5_000;
            while (bus.published() < 3 && System.currentTimeMillis() < deadline) Thread.sleep(10);
            digestAt(n, "2026-03-06T23:00:00Z");                        // 17:00 CST
            n.onEvent("{\"type\":\"signal_refused\",\"ts_ms\":3,\"data\":{\"peer\":\"T/1/C\",\"side\":\"buy\","
                    + "\"symbol\":\"EURUSD\",\"rule\":\"daily-loss\",\"reason\":\"no headroom\"}}");
            digestAt(n, "2026-03-07T23:00:00Z");                        // 17:00 CST: a full day
            digestAt(n, "2026-03-08T22:00:00Z");                        // 17:00 CDT: 23 hours after the last one
            n.onEvent("{\"type\":\"peer\",\"ts_ms\":4,\"data\":{\"id\":\"T/1/C\",\"state\":\"stale\"}}");
            digestAt(n, "2026-03-10T22:00:00Z");                        // a reset was missed: two days in one digest
            assertThat(n.drain(5_000)).isTrue();
            assertThat(tg.messages).extracting(FakeTelegram.Message::text).containsExactly(
                    "⚠️ VProp 5123456: governor warning on T/1/C: daily_loss is near its limit (value -4500.00, limit -5000.00, distance 500.00).",
                    "📊 daily digest of firm day 2026-03-05 (reset 17:00 America/Chicago): 2026-03-06 14:00 (counting started)"
                            + " to 2026-03-06 17:00: 2 fill(s), net +233.50; 0 refused signal(s); 1 governor warning(s),"
                            + " 0 breach(es); 0 disconnection(s).",
                    "ℹ️ VProp 5123456: signal refused on T/1/C: buy EURUSD (daily-loss no headroom).",
                    "📊 daily digest of firm day 2026-03-06 (reset 17:00 America/Chicago): 2026-03-06 17:00 to 2026-03-07 17:00:"
                            + " 0 fill(s), net +0.00; 1 refused signal(s); 0 governor warning(s), 0 breach(es); 0 disconnection(s).",
                    "📊 daily digest of firm day 2026-03-07 (reset 17:00 America/Chicago): 2026-03-07 17:00 to 2026-03-08 17:00:"
                            + " 0 fill(s), net +0.00; 0 refused signal(s); 0 governor warning(s), 0 breach(es); 0 disconnection(s).",
                    "⚠️ VProp 5123456: terminal T/1/C disconnected (no message within the stale limit). No new signals go to"
                            + " it; its EA blocks new entries until it is back. Check the MT5 terminal and the VPS network.",
                    "📊 daily digest of firm days 2026-03-08 to 2026-03-09 (reset 17:00 America/Chicago): 2026-03-08 17:00 to"
                            + " 2026-03-10 17:00: 0 fill(s), net +0.00; 0 refused signal(s); 0 governor warning(s), 0 breach(es);"
                            + " 1 disconnection(s).");
        }
    }

    /** What the timer does at a reset: the clock is there, the digest of the day that ended goes out. */
    private void digestAt(Notifier n, String resetIso) {
        clock.set(t(resetIso));
        n.sendDigest(t(resetIso));
    }

    @Test
    void theDigestIsScheduledAtTheFirmsResetNotAtUtcMidnight() throws Exception {
        // 300 ms before Sunday 17:00 CDT (22:00 UTC, the first reset after the US switch); UTC midnight is 2 h later
        clock.set(t("2026-03-08T22:00:00Z") - 300);
        try (Notifier n = notifier(Long.toString(CHAT), 3, 6)) {
            n.scheduleDigest();
            assertThat(n.nextDigestMs()).isEqualTo(t("2026-03-08T22:00:00Z"));
            long deadline = System.currentTimeMillis() + 5_000;
            while (tg.messages.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertThat(tg.messages).extracting(FakeTelegram.Message::text).singleElement().asString()
                    .startsWith("📊 daily digest of firm day 2026-03-07 (reset 17:00 America/Chicago): 2026-03-08 16:59"
                            + " (counting started) to 2026-03-08 17:00:");
            // and then at the next reset, 24 h later in summer time
            deadline = System.currentTimeMillis() + 5_000;
            while (n.nextDigestMs() == t("2026-03-08T22:00:00Z") && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertThat(n.nextDigestMs()).isEqualTo(t("2026-03-09T22:00:00Z"));
        }
    }

    private static String notice(String kind, String rule, String status, String action, String message) {
        // the JSON of io.vprop.risk.AccountGovernors.Notice as the EventBus serializes it
        return "{\"type\":\"governor\",\"ts_ms\":5,\"data\":{\"account\":\"5123456\",\"tsMs\":5,\"kind\":\"" + kind
                + "\",\"ruleId\":\"" + rule + "\",\"status\":\"" + status + "\",\"action\":\"" + action
                + "\",\"message\":\"" + message + "\",\"measured\":-4100.0,\"threshold\":-5000.0}}";
    }

    @Test
    void theSidecarsOwnGovernorNoticesAreNotified() throws Exception {
        try (Notifier n = notifier(Long.toString(CHAT), 3, 6)) {
            n.onEvent(notice("rule", "daily_loss", "WARNING", "ALLOW", "82% of the daily loss used"));
            n.onEvent(notice("action", "daily_loss", "", "PAUSE_UNTIL_RESET", "daily loss limit reached"));
            n.onEvent(notice("rule", "daily_loss", "BREACH", "PAUSE_UNTIL_RESET", ""));
            n.onEvent(notice("action", "", "", "ALLOW", "daily reset"));
            n.onEvent(notice("action", "max_loss", "", "FLATTEN_AND_HALT", "max loss reached"));
            assertThat(n.drain(5_000)).isTrue();
            assertThat(tg.messages).extracting(FakeTelegram.Message::text).containsExactly(
                    "⚠️ VProp 5123456: governor warning on 5123456: daily_loss is near its limit (measured -4100.00, threshold -5000.00): 82% of the daily loss used.",
                    "⚠️ VProp 5123456: positions closed, trading paused until the daily reset on 5123456 (daily_loss): daily loss limit reached.",
                    "🛑 VProp 5123456: governor BREACH on 5123456: daily_loss (measured -4100.00, threshold -5000.00).",
                    "ℹ️ VProp 5123456: trading resumed on 5123456: daily reset.",
                    "🛑 VProp 5123456: positions closed and trading HALTED on 5123456 (max_loss): max loss reached.");
        }
    }

    @Test
    void aRefusingTelegramIsCountedNotThrown() throws Exception {
        try (Notifier n = notifier("111", 3, 6)) {   // wrong chat: Telegram answers 400 chat not found
            n.onEvent("{\"type\":\"pause\",\"ts_ms\":1,\"data\":{\"reason\":\"manual\"}}");
            assertThat(n.drain(5_000)).isTrue();
            assertThat(n.failed()).isEqualTo(1);
            assertThat(n.sent()).isEqualTo(1);            // the webhook still got it
            assertThat(tg.messages).isEmpty();
            assertThat(tg.hooks).hasSize(1);
        }
        TelegramChannel wrongToken = new TelegramChannel(tg.base(), "1:wrong", Long.toString(CHAT), http);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongToken.send(
                new Notification("k", Notification.Severity.INFO, "x", 0))).hasMessageContaining("HTTP 401").hasMessageContaining("Unauthorized");
    }

    @Test
    void configuredFromKeysAndNoChannelMeansNoNotifier() throws Exception {
        try (EventBus bus = new EventBus()) {
            assertThat(Notifier.start(VpropConfig.defaults(), bus, CHICAGO)).isNull();
            VpropConfig cfg = VpropConfig.load(null, Map.of(), Map.of("notify.telegram.token", TOKEN,
                    "notify.telegram.chat", Long.toString(CHAT), "notify.telegram.api", tg.base(), "account", "77"));
            var registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            try (Notifier n = Notifier.start(cfg, bus, CHICAGO, registry)) {
                bus.publish("peer", 1, Map.of("id", "T/77/C", "state", "welcomed", "account", "77"));
                long deadline = System.currentTimeMillis() + 5_000;
                while (tg.messages.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(10);
                assertThat(tg.messages).extracting(FakeTelegram.Message::text)
                        .containsExactly("ℹ️ VProp 77: terminal T/77/C connected (account 77).");
                assertThat(n.drain(5_000)).isTrue();
                assertThat(registry.scrape()).contains("vprop_notifications_total{result=\"sent\"} 1.0",
                        "vprop_notifications_total{result=\"suppressed\"} 0.0");
            }
        }
    }

    @Test
    void badNotifyKeysAreNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VpropConfig.load(null, Map.of(),
                        Map.of("notify.telegram.token", "nonsense", "notify.webhook.url", "ftp://x", "notify.rate.per.minute", "-1")))
                .hasMessageContaining("notify.telegram.token and notify.telegram.chat: give both or neither")
                .hasMessageContaining("notify.telegram.token: not a bot token")
                .hasMessageContaining("notify.webhook.url: 'ftp://x' is not an http(s) URL")
                .hasMessageContaining("notify.rate.per.minute: -1 is outside 1..600");
    }
}
