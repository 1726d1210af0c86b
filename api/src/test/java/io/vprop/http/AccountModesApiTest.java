package io.vprop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vprop.governors.attach.AttachInput;
import io.vprop.governors.attach.HistoryDeal;
import io.vprop.governors.attach.HistoryReplay;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.journal.Journal;
import io.vprop.journal.JournalReader;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.risk.RiskEngine;
import io.vprop.strategy.Strategy;
import io.vprop.testing.Http;
import io.vprop.trade.AccountState;
import io.vprop.transport.InProcessTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/governors' {@code modes} over real HTTP, for the panel's PAUSED / HALTED banner: a daily-loss hit on
 * Topstep pauses the account until 17:00 Chicago and on The5ers halts it, with the governors' own sentence as the
 * reason, the pause's end on the profile's clock, and the account's firm day from the same clock.
 */
class AccountModesApiTest {
    private static final String PEER = "T1/5001/EURUSD";
    private static final String ACCOUNT = "T1/5001";

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();

    /** A running API over governors this test feeds, as the kernel thread would; notices journaled as the kernel does. */
    private final class Rig implements AutoCloseable {
        final AtomicLong clock;
        final Journal journal;
        final EventBus events = new EventBus();
        final JournalReader reader;
        final AccountGovernors governors;
        final SidecarKernel kernel;
        final ApiServer api;

        Rig(String profileId, double initial, String start) {
            FirmProfile profile = ProfileLoader.bundled(profileId);
            clock = new AtomicLong(t(start));
            journal = new Journal(dir.resolve(profileId + ".db"), false);
            reader = JournalReader.open(journal.file());
            governors = new AccountGovernors(profile, profileId, initial, GovernorStateStore.inMemory());
            RiskEngine risk = new RiskEngine(5);
            risk.add(governors);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                    new SidecarKernel.Ports(new InProcessTransport("modes-api-test"), journal, clock::get),
                    peer -> Strategy.NONE, risk, governors, events, metrics);
            api = new ApiServer(kernel, reader, events, metrics, profile.dayClock(),
                    HttpAccess.loopback("0123456789abcdef0123456789abcdef")).start("127.0.0.1", 0);
        }

        /** The terminal's account snapshot at {@code iso}, its notices journaled; the panel's view published. */
        void account(String iso, double balance, double equity, boolean journalNotices) throws Exception {
            long now = t(iso);
            clock.set(now);
            List<AccountGovernors.Notice> notices = governors.onAccount(PEER, now,
                    new AccountState(balance, equity, 0, equity, List.of()), "USD", symbol -> null);
            if (journalNotices) for (AccountGovernors.Notice n : notices) journal.appendEvent(n.tsMs(), "governor", json.writeValueAsString(n));
            governors.publish();
        }

        JsonNode mode() throws Exception {
            return governorsJson().path("modes").path(ACCOUNT);
        }

        JsonNode governorsJson() throws Exception {
            HttpResponse<String> r = Http.call("GET", "http://127.0.0.1:" + api.port() + "/api/governors");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return json.readTree(r.body());
        }

        @Override
        public void close() {
            api.close();
            kernel.close();
            reader.close();
            events.close();
            journal.close();
        }
    }

    @Test
    void aPayoutDoesNotPauseOrHaltAndIsListedAsABalanceOperationNotAsAFill() throws Exception {
        // FTMO 2-Step, Prague days: 108,000 at the start of 11 March anchors the day at 108,000 (floor 103,000)
        try (Rig rig = new Rig("ftmo-2step", 100_000, "2026-03-10T09:00:00Z")) {
            rig.account("2026-03-10T09:00:00Z", 108_000, 108_000, true);
            rig.account("2026-03-11T08:00:00Z", 108_000, 108_000, true);
            long now = t("2026-03-11T09:00:00Z");
            rig.clock.set(now);
            assertThat(rig.governors.onBalance(PEER, now, "payout", -8_000, 501, "Reward")).isEmpty();
            rig.journal.appendEvent(now, "balance",
                    "{\"peer\":\"" + PEER + "\",\"balance\":{\"deal\":501,\"kind\":\"payout\",\"amount\":-8000.0}}");
            rig.account("2026-03-11T09:00:01Z", 100_000, 100_000, true);
            assertThat(rig.mode().path("mode").asText()).as("read as a loss it was 3,000 below the day's floor").isEqualTo("TRADING");
            HttpResponse<String> ops = Http.call("GET", "http://127.0.0.1:" + rig.api.port() + "/api/governors/balance");
            assertThat(ops.statusCode()).isEqualTo(200);
            JsonNode rows = json.readTree(ops.body());
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).toString()).contains("payout").contains("501");
            HttpResponse<String> fills = Http.call("GET", "http://127.0.0.1:" + rig.api.port() + "/api/fills");
            assertThat(json.readTree(fills.body())).isEmpty();
        }
    }

    @Test
    void topstepDailyLossPausesUntil17hChicagoWithTheGovernorsReason() throws Exception {
        // Monday 9 March 2026, 10:00 in Chicago (CDT since the 8th, UTC-5): the day runs to 17:00 CDT = 22:00 UTC
        try (Rig rig = new Rig("topstep-50k", 50_000, "2026-03-09T15:00:00Z")) {
            rig.account("2026-03-09T15:00:00Z", 50_000, 50_000, true);
            JsonNode before = rig.mode();
            assertThat(before.path("mode").asText()).isEqualTo("TRADING");
            assertThat(before.path("reason").asText()).isEmpty();
            assertThat(before.path("untilMs").isNull()).isTrue();
            assertThat(before.path("zone").asText()).isEqualTo("America/Chicago");
            assertThat(before.path("resetTime").asText()).isEqualTo("17:00");
            assertThat(before.path("day").asText()).as("before 17:00 it is still Sunday's firm day").isEqualTo("2026-03-08");
            assertThat(before.path("nextResetMs").asLong()).isEqualTo(t("2026-03-09T22:00:00Z"));
            assertThat(before.path("nextResetLocal").asText()).isEqualTo("2026-03-09 17:00");

            // 1,100 lost against Topstep's 1,000 daily limit: soft breach, paused until the reset
            rig.account("2026-03-09T16:30:00Z", 48_900, 48_900, true);
            JsonNode paused = rig.mode();
            assertThat(paused.path("mode").asText()).isEqualTo("PAUSED");
            assertThat(paused.path("ruleId").asText()).isEqualTo("daily-loss");
            assertThat(paused.path("reason").asText()).contains("below today's loss floor").contains("trading resumes at");
            assertThat(paused.path("sinceMs").asLong()).isEqualTo(t("2026-03-09T16:30:00Z"));
            assertThat(paused.path("untilMs").asLong()).isEqualTo(t("2026-03-09T22:00:00Z"));
            assertThat(paused.path("untilLocal").asText()).isEqualTo("2026-03-09 17:00");
            assertThat(paused.path("untilOffset").asText()).isEqualTo("-05:00");
            assertThat(paused.path("timeMs").asLong()).isEqualTo(t("2026-03-09T16:30:00Z"));
            // the pause ends at the reset the account's own firm day and the snapshot name
            JsonNode snapshot = rig.governorsJson().path("accounts").path(ACCOUNT);
            assertThat(snapshot.path("pausedUntilMs").asLong()).isEqualTo(paused.path("untilMs").asLong());
            assertThat(snapshot.path("nextResetMs").asLong()).isEqualTo(paused.path("nextResetMs").asLong());

            // at 17:00 Chicago the firm day turns and the account trades again
            rig.account("2026-03-09T22:00:01Z", 48_900, 48_900, true);
            JsonNode after = rig.mode();
            assertThat(after.path("mode").asText()).isEqualTo("TRADING");
            assertThat(after.path("day").asText()).isEqualTo("2026-03-09");
            assertThat(after.path("nextResetLocal").asText()).isEqualTo("2026-03-10 17:00");
        }
    }

    @Test
    void the5ersDailyLossHaltsForGoodWithTheReason() throws Exception {
        // Tuesday 10 March 2026 12:00 UTC: 15:00 on the US-DST broker server (GMT+3 once New York is on summer time)
        try (Rig rig = new Rig("the5ers-high-stakes", 100_000, "2026-03-10T12:00:00Z")) {
            rig.account("2026-03-10T12:00:00Z", 100_000, 100_000, true);
            JsonNode before = rig.mode();
            assertThat(before.path("mode").asText()).isEqualTo("TRADING");
            assertThat(before.path("zone").asText()).isEqualTo("Broker/US-DST");
            assertThat(before.path("resetTime").asText()).isEqualTo("00:00");
            assertThat(before.path("day").asText()).isEqualTo("2026-03-10");
            assertThat(before.path("nextResetMs").asLong()).as("server midnight = 17:00 New York = 21:00 UTC")
                    .isEqualTo(t("2026-03-10T21:00:00Z"));
            assertThat(before.path("nextResetLocal").asText()).isEqualTo("2026-03-11 00:00");

            // 6 % lost against the 5 % daily limit: a hard breach
            rig.account("2026-03-10T13:00:00Z", 94_000, 94_000, true);
            JsonNode halted = rig.mode();
            assertThat(halted.path("mode").asText()).isEqualTo("HALTED");
            assertThat(halted.path("ruleId").asText()).isEqualTo("daily-loss");
            assertThat(halted.path("reason").asText()).contains("the daily loss limit is breached");
            assertThat(halted.path("untilMs").isNull()).as("a halt has no end").isTrue();
            assertThat(halted.path("untilLocal").isNull()).isTrue();

            // the next day does not lift it
            rig.account("2026-03-11T13:00:00Z", 94_000, 94_000, true);
            assertThat(rig.mode().path("mode").asText()).isEqualTo("HALTED");
        }
    }

    @Test
    void withoutAJournaledNoticeTheReasonIsTheRuleInBreach() throws Exception {
        try (Rig rig = new Rig("topstep-50k", 50_000, "2026-03-09T15:00:00Z")) {
            rig.account("2026-03-09T15:00:00Z", 50_000, 50_000, false);
            rig.account("2026-03-09T16:30:00Z", 48_900, 48_900, false);
            JsonNode paused = rig.mode();
            assertThat(paused.path("mode").asText()).isEqualTo("PAUSED");
            assertThat(paused.path("ruleId").asText()).isEqualTo("daily-loss");
            assertThat(paused.path("reason").asText()).startsWith("Equity must stay at or above");
            assertThat(paused.path("sinceMs").isNull()).isTrue();
            assertThat(paused.path("untilMs").asLong()).isEqualTo(t("2026-03-09T22:00:00Z"));
        }
    }

    @Test
    void theNewestActionNoticeOfEachAccountAndActionIsTheReason() {
        List<io.vprop.journal.JournalEvent> newestFirst = List.of(
                new io.vprop.journal.JournalEvent(3, 3, "governor",
                        "{\"account\":\"A/1\",\"tsMs\":3,\"kind\":\"action\",\"ruleId\":\"max-loss\",\"action\":\"FLATTEN_AND_HALT\",\"message\":\"newest\"}"),
                new io.vprop.journal.JournalEvent(2, 2, "governor", "not json"),
                new io.vprop.journal.JournalEvent(1, 1, "governor",
                        "{\"account\":\"A/1\",\"tsMs\":1,\"kind\":\"action\",\"ruleId\":\"daily-loss\",\"action\":\"FLATTEN_AND_HALT\",\"message\":\"older\"}"),
                new io.vprop.journal.JournalEvent(0, 0, "governor",
                        "{\"account\":\"A/1\",\"tsMs\":0,\"kind\":\"rule\",\"ruleId\":\"daily-loss\",\"action\":\"PAUSE_UNTIL_RESET\",\"message\":\"a rule line\"}"));
        Map<String, Map<String, AccountModes.Notice>> m = AccountModes.latestActions(newestFirst);
        assertThat(m.get("A/1").get("FLATTEN_AND_HALT").message()).isEqualTo("newest");
        assertThat(m.get("A/1")).doesNotContainKey("PAUSE_UNTIL_RESET");
    }

    @Test
    void anAccountWhoseFirmStateIsNotProvenIsBlockedWithWhatToConfigure() throws Exception {
        // attached to The5ers mid-challenge with a history that does not begin with the deposit: BLOCKED, not TRADING
        try (Rig rig = new Rig("the5ers-high-stakes", 0, "2026-06-02T12:00:00Z")) {
            var st = HistoryReplay.rebuild(ProfileLoader.bundled("the5ers-high-stakes"), new AttachInput(t("2026-06-02T12:00:00Z"),
                    101_200, 101_200, AttachInput.NO_START, Double.NaN,
                    List.of(new HistoryDeal(t("2026-06-01T10:00:00Z"), HistoryDeal.Kind.IN, 31, 1, 0),
                            new HistoryDeal(t("2026-06-02T09:00:00Z"), HistoryDeal.Kind.OUT, 31, 1, 1_200))));
            rig.governors.onFirmState(PEER, t("2026-06-02T12:00:00Z"), st, "USD");
            rig.account("2026-06-02T12:00:01Z", 101_200, 101_200, true);
            JsonNode blocked = rig.mode();
            assertThat(blocked.path("mode").asText()).isEqualTo("BLOCKED");
            assertThat(blocked.path("ruleId").asText()).isEqualTo("attach.history");
            assertThat(blocked.path("reason").asText()).contains("Unknown challenge start").contains("ChallengeStart").contains("InitialBalance");
            JsonNode attach = rig.governorsJson().path("attach").path(ACCOUNT);
            assertThat(attach.path("status").asText()).isEqualTo("BLOCKED");
        }
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}
