package io.vprop.analytics;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {
    private static String gov(long ts, String status, double value) {
        return "{\"type\":\"governor_state\",\"ts_ms\":" + ts + ",\"data\":{\"peer\":\"p1\",\"state\":{\"mode\":\"ok\",\"reason\":\"\","
                + "\"rules\":[{\"id\":\"daily_loss\",\"value\":" + value + ",\"limit\":95000,\"distance\":1,\"status\":\"" + status + "\"},"
                + "{\"id\":\"max_loss\",\"value\":1,\"limit\":2,\"distance\":1,\"status\":\"ok\"}]}}}";
    }

    @Test
    void recordsTransitionsIntoAndOutOfWarningOnce() {
        LiveFeed f = new LiveFeed(JsonMapper.builder().build());
        f.accept(gov(1, "ok", 99000));
        f.accept(gov(2, "warning", 96000));
        f.accept(gov(3, "warning", 95900)); // still warning: no new event
        f.accept(gov(4, "BREACH", 94000));
        f.accept(gov(5, "ok", 99000));
        assertThat(f.ruleEvents()).extracting(LiveFeed.RuleEvent::tMs).containsExactly(2L, 4L, 5L);
        assertThat(f.ruleEvents().get(0).from()).isEqualTo("ok");
        assertThat(f.ruleEvents().get(0).to()).isEqualTo("warning");
        assertThat(f.ruleEvents().get(1).to()).isEqualTo("breach");
        assertThat(f.ruleEvents().get(0).value()).isEqualTo(96000.0);
        assertThat(f.governorStates().get("p1").path("rules")).hasSize(2);
        assertThat(f.governorStateTimes().get("p1")).isEqualTo(5L);
    }

    @Test
    void refusalsAreKeptAndOtherEventsIgnored() {
        LiveFeed f = new LiveFeed(JsonMapper.builder().build());
        f.accept("{\"type\":\"signal_refused\",\"ts_ms\":7,\"data\":{\"peer\":\"p1\",\"symbol\":\"EURUSD\",\"side\":\"buy\","
                + "\"rule\":\"max_positions\",\"reason\":\"already 1 position\",\"alpha\":\"ema\"}}");
        f.accept("{\"type\":\"fill\",\"ts_ms\":8,\"data\":{}}");
        f.accept("not json");
        assertThat(f.refusals()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("max_positions");
            assertThat(r.alpha()).isEqualTo("ema");
        });
        assertThat(f.ruleEvents()).isEmpty();
    }
}
