package io.vprop.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vprop.governors.time.FirmDayClock;
import io.vprop.journal.Journal;
import io.vprop.kernel.EventBus;
import io.vprop.kernel.SidecarKernel;
import io.vprop.strategy.Strategy;
import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.protocol.Envelope;
import io.vprop.protocol.Payload;
import io.vprop.protocol.ProtocolCodec;
import io.vprop.risk.RiskEngine;
import io.vprop.testing.Http;
import io.vprop.transport.InProcessTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.vprop.analytics.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The trade list, performance, candles and accounts endpoints over real HTTP, on a journal written through the
 * journal's own write path (signals, fills, account snapshots, M1 bars) as the kernel writes it.
 */
class TradingApiTest {
    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();
    private final ProtocolCodec codec = new ProtocolCodec();

    private void signal(Journal j, long seq, String id, String side, double sl) {
        Payload.Signal s = new Payload.Signal(id, "open", "EURUSD", side, 1.0, 0, 0, sl, 0, 0, 0, "ema", "trend", 0.6, "crossed", 0);
        Envelope e = new Envelope(1, seq, t("2026-03-10T07:59:00Z"), seq - 1, false, false, s);
        j.appendOutbound("p1", e, codec.encode(e));
    }

    private static Payload.Fill fill(long deal, long position, String signal, String side, String entry, double price,
                                     double commission, double profit, String iso, String reason) {
        return new Payload.Fill(deal, deal, position, signal, "EURUSD", side, entry, price, 1.0, commission, 0, profit, t(iso), reason);
    }

    private void write(Path file) {
        try (Journal j = new Journal(file, false)) {
            signal(j, 1, "s1", "buy", 1.0980);
            signal(j, 2, "s2", "buy", 1.0990);
            // Tuesday 10 March: +293 (R 1.465); Wednesday 11 March: -107 (a 10-pip stop worth 100: R -1.07); one open
            j.recordFill("p1", fill(1, 10, "s1", "buy", "in", 1.1000, -7, 0, "2026-03-10T08:00:00Z", "expert"), 1, 1);
            j.recordFill("p1", fill(2, 10, "", "sell", "out", 1.1030, 0, 300, "2026-03-10T08:40:00Z", "tp"), 2, 2);
            j.recordFill("p1", fill(3, 11, "s2", "buy", "in", 1.1000, -7, 0, "2026-03-11T08:00:00Z", "expert"), 3, 3);
            j.recordFill("p1", fill(4, 11, "", "sell", "out", 1.0990, 0, -100, "2026-03-11T08:20:00Z", "sl"), 4, 4);
            j.recordFill("p1", fill(5, 12, "s1", "buy", "in", 1.1000, -7, 0, "2026-03-11T09:00:00Z", "expert"), 5, 5);
            Payload.PositionInfo open = new Payload.PositionInfo(12, "EURUSD", "buy", 1.0, 1.1000, 1.0980, 0, 50, -1, 0,
                    t("2026-03-11T09:00:00Z"), "s1");
            Envelope acc = new Envelope(1, 6, t("2026-03-11T09:30:00Z"), 5, false, false,
                    new Payload.Account(10_186, 10_235, 2_000, 8_235, List.of(open)));
            j.appendInbound("p1", acc, codec.encode(acc), 6);
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < 60; i++)
                bars.add(new Bar("EURUSD", Timeframe.M1, t("2026-03-10T08:00:00Z") + i * 60_000L, 1.1 + i * 1e-5, 1.1 + i * 1e-5 + 2e-5,
                        1.1 + i * 1e-5 - 2e-5, 1.1 + (i + 1) * 1e-5, 5, 1));
            j.appendBars(bars);
        }
    }

    @Test
    void tradeListPerformanceCandlesAndAccountsAnswerFromTheJournal() throws Exception {
        Path file = dir.resolve("sidecar.db");
        write(file);
        FirmDayClock clock = FirmDayClock.of("Europe/Prague", "00:00");
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Journal journal = new Journal(file, false); EventBus events = new EventBus()) {
            // the kernel thread is not started: no terminal is connected, so no currency and no start balance are known
            SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                    new SidecarKernel.Ports(new InProcessTransport("trading-api-test"), journal, () -> t("2026-03-11T10:00:00Z")),
                    peer -> Strategy.NONE, new RiskEngine(5), null, events, metrics);
            Javalin app = Javalin.create();
            AnalyticsApi.register(app, kernel, events, file, dir, clock);
            app.start("127.0.0.1", 0);
            try {
                JsonNode trades = get(app, "/api/analytics/trades");
                assertThat(trades).hasSize(3);
                JsonNode open = trades.get(0), loss = trades.get(1), win = trades.get(2);
                assertThat(win.path("position").asLong()).isEqualTo(10);
                assertThat(win.path("stop").asDouble()).isEqualTo(1.0980);
                assertThat(win.path("r_multiple").asDouble()).isCloseTo(293 / 200.0, within(1e-9));
                assertThat(win.path("duration_ms").asLong()).isEqualTo(40 * 60_000L);
                assertThat(loss.path("r_multiple").asDouble()).isCloseTo(-107 / 100.0, within(1e-9));
                assertThat(open.path("closed").asBoolean()).isFalse();
                assertThat(open.path("unrealized").asDouble()).isEqualTo(49.0);
                assertThat(open.path("total_net").asDouble()).isEqualTo(42.0);
                assertThat(open.path("duration_ms").asLong()).isEqualTo(30 * 60_000L);
                assertThat(win.path("currency").asText()).as("no terminal has said hello").isEmpty();

                JsonNode days = get(app, "/api/analytics/performance?period=day");
                assertThat(days.path("zone").asText()).isEqualTo("Europe/Prague");
                assertThat(days.path("currency").isNull()).isTrue();
                assertThat(days.path("periods")).extracting(p -> p.path("period").asText()).containsExactly("2026-03-10", "2026-03-11");
                assertThat(days.path("periods")).extracting(p -> p.path("net").asDouble()).containsExactly(293.0, -107.0);
                assertThat(days.path("curve")).extracting(p -> p.path("drawdown").asDouble()).containsExactly(0.0, 107.0);
                assertThat(days.path("by_symbol").path("EURUSD").path("trades").asInt()).isEqualTo(2);
                assertThat(days.path("by_alpha").path("ema").path("net").asDouble()).isEqualTo(186.0);
                assertThat(get(app, "/api/analytics/performance?period=month").path("periods")).singleElement()
                        .satisfies(p -> assertThat(p.path("period").asText()).isEqualTo("2026-03"));

                JsonNode c = get(app, "/api/analytics/candles?timeframe=M15");
                assertThat(c.path("symbol").asText()).as("the newest trade's symbol").isEqualTo("EURUSD");
                assertThat(c.path("source_timeframe").asText()).isEqualTo("M1");
                assertThat(c.path("note").asText()).isEqualTo("M15 candles built from the journaled M1 bars");
                assertThat(c.path("candles")).hasSize(4);
                JsonNode first = c.path("candles").get(0);
                assertThat(first.path("t_ms").asLong()).isEqualTo(t("2026-03-10T08:00:00Z"));
                assertThat(first.path("open").asDouble()).isEqualTo(1.1);
                assertThat(first.path("close").asDouble()).isCloseTo(1.1 + 15e-5, within(1e-12));
                assertThat(first.path("bars").asInt()).isEqualTo(15);
                // every entry and exit since the first candle: the three entries and the two exits
                assertThat(c.path("markers")).extracting(m -> m.path("kind").asText() + "@" + m.path("position").asLong())
                        .containsExactly("entry@10", "exit@10", "entry@11", "exit@11", "entry@12");
                assertThat(get(app, "/api/analytics/candles?timeframe=M15&limit=2").path("candles")).hasSize(2);
                JsonNode none = get(app, "/api/analytics/candles?symbol=GBPUSD");
                assertThat(none.path("candles")).isEmpty();
                assertThat(none.path("note").asText()).startsWith("no GBPUSD bars in the journal").contains("ticks are not journaled");

                JsonNode acc = get(app, "/api/analytics/accounts").path("accounts").get(0);
                assertThat(acc.path("peer").asText()).isEqualTo("p1");
                assertThat(acc.path("margin").asDouble()).isEqualTo(2_000.0);
                assertThat(acc.path("free_margin").asDouble()).isEqualTo(8_235.0);
                assertThat(acc.path("margin_level_pct").asDouble()).isCloseTo(10_235 / 2_000.0 * 100, within(1e-9));
                assertThat(acc.path("floating").asDouble()).isEqualTo(49.0);
                assertThat(acc.path("connected").asBoolean()).isFalse();
            } finally {
                app.stop();
                kernel.close();
            }
        }
    }

    @Test
    void anAccountReportedByTwoChartsIsListedOnceWithItsNewestSnapshot() throws Exception {
        Path file = dir.resolve("charts.db");
        try (Journal j = new Journal(file, false)) {
            long seq = 0;
            // one account on two charts (and once on a chart the EA has left), another account on one chart
            for (Object[] r : new Object[][]{{"T1/5001/EURUSD.15.1", "2026-03-11T09:00:00Z", 10_000.0},
                    {"T1/5001/GBPUSD.60.2", "2026-03-11T09:30:00Z", 10_050.0}, {"T1/5001/EURUSD.5.3", "2026-03-10T09:00:00Z", 9_000.0},
                    {"T1/6002/EURUSD.15.1", "2026-03-11T09:10:00Z", 25_000.0}}) {
                seq++;
                Envelope acc = new Envelope(1, seq, t((String) r[1]), seq - 1, false, false,
                        new Payload.Account((double) r[2], (double) r[2], 0, (double) r[2], List.of()));
                j.appendInbound((String) r[0], acc, codec.encode(acc), seq);
            }
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Journal journal = new Journal(file, false); EventBus events = new EventBus()) {
            SidecarKernel kernel = new SidecarKernel(SidecarKernel.Config.defaults(),
                    new SidecarKernel.Ports(new InProcessTransport("trading-api-charts"), journal, () -> t("2026-03-11T10:00:00Z")),
                    peer -> Strategy.NONE, new RiskEngine(5), null, events, metrics);
            Javalin app = Javalin.create();
            AnalyticsApi.register(app, kernel, events, file, dir, FirmDayClock.of("America/Chicago", "17:00"));
            app.start("127.0.0.1", 0);
            try {
                JsonNode rows = get(app, "/api/analytics/accounts").path("accounts");
                assertThat(rows).extracting(r -> r.path("account").asText()).containsExactly("T1/5001", "T1/6002");
                JsonNode first = rows.get(0);
                assertThat(first.path("peer").asText()).as("the newest snapshot's chart").isEqualTo("T1/5001/GBPUSD.60.2");
                assertThat(first.path("balance").asDouble()).isEqualTo(10_050.0);
                assertThat(first.path("charts")).extracting(JsonNode::asText)
                        .containsExactly("T1/5001/GBPUSD.60.2", "T1/5001/EURUSD.15.1", "T1/5001/EURUSD.5.3");
                assertThat(rows.get(1).path("balance").asDouble()).isEqualTo(25_000.0);
            } finally {
                app.stop();
                kernel.close();
            }
        }
    }

    private JsonNode get(Javalin app, String path) throws Exception {
        HttpResponse<String> r = Http.call("GET", "http://127.0.0.1:" + app.port() + path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
