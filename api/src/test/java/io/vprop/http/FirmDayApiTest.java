package io.vprop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vprop.governors.config.ProfileLoader;
import io.vprop.governors.profile.FirmProfile;
import io.vprop.journal.Journal;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.strategy.Strategy;
import io.vprop.journal.JournalReader;
import io.vprop.risk.AccountGovernors;
import io.vprop.risk.GovernorStateStore;
import io.vprop.trade.AccountState;
import io.vprop.transport.InProcessTransport;
import io.vprop.risk.RiskEngine;
import io.vprop.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/governors' firm-day clock for profiles that are not FTMO's, over real HTTP: at instants around the daily
 * reset and across the US daylight-saving switch (8 March 2026) its day and next reset are the ones the governors of
 * an account fed at the same instant report, and the ones the firm's rules say.
 */
class FirmDayApiTest {
    private static final String PEER = "T1/5001/EURUSD";
    private static final String ACCOUNT = "T1/5001";

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();

    /** An instant, the firm day it belongs to, that day's start, the next reset and its wall time on the firm's clock. */
    record Expect(String at, String day, String dayStart, String nextReset, String nextResetLocal, String nextResetOffset) {
    }

    @Test
    void topstepCountsDaysFrom17hChicagoAsItsGovernorsDo() throws Exception {
        check("topstep-50k", "America/Chicago", "17:00", List.of(
                // Friday: 16:59:59 CST is still Thursday's day; 17:00 CST starts Friday's
                new Expect("2026-03-06T22:59:59Z", "2026-03-05", "2026-03-05T23:00:00Z", "2026-03-06T23:00:00Z", "2026-03-06 17:00", "-06:00"),
                new Expect("2026-03-06T23:00:00Z", "2026-03-06", "2026-03-06T23:00:00Z", "2026-03-07T23:00:00Z", "2026-03-07 17:00", "-06:00"),
                new Expect("2026-03-07T22:59:59.999Z", "2026-03-06", "2026-03-06T23:00:00Z", "2026-03-07T23:00:00Z", "2026-03-07 17:00", "-06:00"),
                // Saturday's day spans the switch (02:00 CST -> 03:00 CDT on Sunday): 23 hours, next reset 22:00 UTC
                new Expect("2026-03-07T23:00:00Z", "2026-03-07", "2026-03-07T23:00:00Z", "2026-03-08T22:00:00Z", "2026-03-08 17:00", "-05:00"),
                new Expect("2026-03-08T08:30:00Z", "2026-03-07", "2026-03-07T23:00:00Z", "2026-03-08T22:00:00Z", "2026-03-08 17:00", "-05:00"),
                new Expect("2026-03-08T21:59:59Z", "2026-03-07", "2026-03-07T23:00:00Z", "2026-03-08T22:00:00Z", "2026-03-08 17:00", "-05:00"),
                new Expect("2026-03-08T22:00:00Z", "2026-03-08", "2026-03-08T22:00:00Z", "2026-03-09T22:00:00Z", "2026-03-09 17:00", "-05:00"),
                // the autumn switch (1 November, 02:00 CDT -> 01:00 CST): Saturday's day lasts 25 hours
                new Expect("2026-10-31T22:00:00Z", "2026-10-31", "2026-10-31T22:00:00Z", "2026-11-01T23:00:00Z", "2026-11-01 17:00", "-06:00"),
                new Expect("2026-11-01T22:30:00Z", "2026-10-31", "2026-10-31T22:00:00Z", "2026-11-01T23:00:00Z", "2026-11-01 17:00", "-06:00"),
                new Expect("2026-11-01T23:00:00Z", "2026-11-01", "2026-11-01T23:00:00Z", "2026-11-02T23:00:00Z", "2026-11-02 17:00", "-06:00")));
    }

    @Test
    void the5ersCountsDaysFromBrokerServerMidnightAsItsGovernorsDo() throws Exception {
        // 00:00 on a US-DST broker server (GMT+2, GMT+3 while New York is on summer time) = 17:00 New York all year;
        // a day is named by the server date of its reset, so Friday 17:00 New York starts Saturday's day
        check("the5ers-high-stakes", "Broker/US-DST", "00:00", List.of(
                new Expect("2026-03-06T21:59:59Z", "2026-03-06", "2026-03-05T22:00:00Z", "2026-03-06T22:00:00Z", "2026-03-07 00:00", "+02:00"),
                new Expect("2026-03-06T22:00:00Z", "2026-03-07", "2026-03-06T22:00:00Z", "2026-03-07T22:00:00Z", "2026-03-08 00:00", "+02:00"),
                // the server moves to GMT+3 with New York at 07:00 UTC on 8 March: Sunday's day lasts 23 hours
                new Expect("2026-03-07T22:00:00Z", "2026-03-08", "2026-03-07T22:00:00Z", "2026-03-08T21:00:00Z", "2026-03-09 00:00", "+03:00"),
                new Expect("2026-03-08T06:59:59Z", "2026-03-08", "2026-03-07T22:00:00Z", "2026-03-08T21:00:00Z", "2026-03-09 00:00", "+03:00"),
                new Expect("2026-03-08T20:59:59Z", "2026-03-08", "2026-03-07T22:00:00Z", "2026-03-08T21:00:00Z", "2026-03-09 00:00", "+03:00"),
                new Expect("2026-03-08T21:00:00Z", "2026-03-09", "2026-03-08T21:00:00Z", "2026-03-09T21:00:00Z", "2026-03-10 00:00", "+03:00")));
    }

    private void check(String profileId, String zone, String resetTime, List<Expect> instants) throws Exception {
        FirmProfile profile = ProfileLoader.bundled(profileId);
        AtomicLong clock = new AtomicLong(t(instants.get(0).at()));
        try (Journal journal = new Journal(dir.resolve(profileId + ".db"), false); EventBus events = new EventBus();
             JournalReader reader = JournalReader.open(journal.file())) {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            AccountGovernors governors = new AccountGovernors(profile, profileId, 50_000, GovernorStateStore.inMemory());
            RiskEngine risk = new RiskEngine(5);
            risk.add(governors);
            // the kernel thread is not started: this test alone drives the governors, as the kernel thread would
            SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                    new SidecarKernel.Ports(new InProcessTransport("firm-day-api-test"), journal, clock::get),
                    peer -> Strategy.NONE, risk, governors, events, metrics);
            ApiServer api = new ApiServer(kernel, reader, events, metrics, profile.dayClock(),
                    HttpAccess.loopback("0123456789abcdef0123456789abcdef")).start("127.0.0.1", 0);
            try {
                for (Expect e : instants) {
                    long now = t(e.at());
                    clock.set(now);
                    governors.onAccount(PEER, now, new AccountState(50_000, 50_000, 0, 50_000, List.of()), "USD",
                            symbol -> null);
                    governors.publish();
                    JsonNode g = get(api.port(), "/api/governors");
                    JsonNode day = g.path("firmDay");
                    JsonNode account = g.path("accounts").path(ACCOUNT);
                    assertThat(account.path("timeMs").asLong()).as(e.at()).isEqualTo(now);
                    // the API's clock is the governors' clock
                    assertThat(day.path("nextResetMs").asLong()).as(e.at()).isEqualTo(account.path("nextResetMs").asLong());
                    assertThat(day.path("dayStartMs").asLong()).as(e.at()).isEqualTo(account.path("dayStartMs").asLong());
                    // and both say what the firm's rules say
                    assertThat(g.path("profile").asText()).isEqualTo(profileId);
                    assertThat(day.path("zone").asText()).isEqualTo(zone);
                    assertThat(day.path("resetTime").asText()).isEqualTo(resetTime);
                    assertThat(day.path("nowMs").asLong()).as(e.at()).isEqualTo(now);
                    assertThat(day.path("day").asText()).as(e.at()).isEqualTo(e.day());
                    assertThat(day.path("dayStartMs").asLong()).as(e.at()).isEqualTo(t(e.dayStart()));
                    assertThat(day.path("nextResetMs").asLong()).as(e.at()).isEqualTo(t(e.nextReset()));
                    assertThat(day.path("nextResetLocal").asText()).as(e.at()).isEqualTo(e.nextResetLocal());
                    assertThat(day.path("nextResetOffset").asText()).as(e.at()).isEqualTo(e.nextResetOffset());
                }
            } finally {
                api.close();
                kernel.close();
            }
        }
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = Http.call("GET", "http://127.0.0.1:" + port + path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}
