package io.vprop.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.vprop.memory.facade.MemoryConfig;
import io.vprop.memory.facade.TradeMemory;
import io.vprop.memory.TradeRecord;
import io.vprop.trade.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/memory over real HTTP against an embedded trade memory (SQLite + in-process rings + index). */
class MemoryApiTest {
    @TempDir
    Path dir;

    private static TradeRecord trade(long id, String account, long exitMs, double pnl) {
        return new TradeRecord(id, account, "EURUSD", id % 2 == 0 ? Side.BUY : Side.SELL, "breakout", "trend", "A", "M1",
                new float[]{id, 1, 2, 3}, Map.of(), exitMs - 60_000, exitMs, 1.1, 1.1 + pnl / 1e5, 0, 0, pnl, pnl / 100, 0, 0, "tp");
    }

    @Test
    void reportsSizesOfEveryStoreAndTheNewestTradesFirst() throws Exception {
        try (TradeMemory mem = TradeMemory.open(MemoryConfig.embedded(dir, 4))) {
            for (int i = 1; i <= 12; i++) mem.recordTrade(trade(i, i <= 8 ? "FTMO/1001" : "FTMO/2002", 1_700_000_000_000L + i * 1000L,
                    i % 3 == 0 ? -50 : 80));
            Javalin app = Javalin.create(c -> c.jsonMapper(new io.javalin.json.JavalinJackson()));
            // an account without trades and a repeated one: counted once, shown with zeros
            MemoryApi.register(app, mem, () -> List.of("FTMO/1001", "FTMO/2002", "FTMO/1001", "FTMO/3003"));
            app.start("127.0.0.1", 0);
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/memory")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode m = new ObjectMapper().readTree(r.body());
                assertThat(m.get("short_term").get("trades").asInt()).isEqualTo(12);
                assertThat(m.get("short_term").get("capacity").asInt()).isEqualTo(1000);
                assertThat(m.get("short_term").get("backend").asText()).isEqualTo("in-process");
                assertThat(m.get("short_term").get("accounts").get("FTMO/1001").get("trades").asInt()).isEqualTo(8);
                assertThat(m.get("short_term").get("accounts").get("FTMO/3003").get("trades").asInt()).isZero();
                assertThat(m.get("long_term").get("trades").asLong()).isEqualTo(12);
                assertThat(m.get("index").get("size").asLong()).isEqualTo(12);
                assertThat(m.get("index").get("dimension").asInt()).isEqualTo(4);
                assertThat(m.get("index").get("kind").asText()).isNotBlank();
                JsonNode last = m.get("last_trades");
                assertThat(last).hasSize(MemoryApi.LAST_TRADES);
                assertThat(last.get(0).get("id").asLong()).isEqualTo(12);
                assertThat(last.get(9).get("id").asLong()).isEqualTo(3);
                assertThat(last.get(0).get("pnl").asDouble()).isEqualTo(-50);
                assertThat(last.get(1).get("side").asText()).isEqualTo("SELL");
            } finally {
                app.stop();
            }
        }
    }
}
