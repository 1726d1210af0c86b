package io.vprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vprop.challenge.risk.RiskDefaults;
import io.vprop.challenge.risk.RiskPerTrade;
import io.vprop.config.ConfigException;
import io.vprop.config.VpropConfig;
import io.vprop.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * risk.per.trade.pct and risk.lab.file: an explicit value, else the challenge lab's choice for firm.profile, else the
 * built-in 0.25 % (docs/configuration.md, "Risk per trade"); the engine's cap and GET /api/governors follow.
 */
class RiskPerTradeKeysTest {
    static VpropConfig cfg(Map<String, String> flags) {
        return VpropConfig.load(null, Map.of(), flags);
    }

    @Test
    void theLabsChoiceForTheFirmByDefaultWithItsVerdict() {
        RiskPerTrade r = Sidecar.riskPerTrade(cfg(Map.of()));
        assertThat(r.source()).isEqualTo(RiskPerTrade.Source.LAB);
        assertThat(r.firm()).isEqualTo("ftmo-2step");
        assertThat(r.pct()).isEqualTo(RiskDefaults.bundled().firm("ftmo-2step").orElseThrow().riskPct());
        assertThat(r.labFile().version()).isEqualTo(RiskDefaults.bundled().version());
        // the bundled lab file (docs/research/edges-h4d1): P(pass) 0 at every risk with P(breach) <= 10 %
        assertThat(r.lab().advised()).isFalse();
        assertThat(r.note()).contains("the lab advises not to trade this strategy on this firm");
        assertThat(Sidecar.engineConfig(cfg(Map.of())).riskPerTrade).isEqualTo(r.pct() / 100);
    }

    @Test
    void anExplicitValueWinsAndACustomProfileGetsTheBuiltInValue(@TempDir Path dir) {
        RiskPerTrade set = Sidecar.riskPerTrade(cfg(Map.of("risk.per.trade.pct", "0.5")));
        assertThat(set.source()).isEqualTo(RiskPerTrade.Source.CONFIG);
        assertThat(set.pct()).isEqualTo(0.5);
        assertThat(set.lab()).as("the lab's choice stays visible").isNotNull();
        assertThat(Sidecar.engineConfig(cfg(Map.of("risk.per.trade.pct", "0.5"))).riskPerTrade).isEqualTo(0.005);

        // a custom profile file: the lab was run on bundled firms only
        RiskPerTrade builtIn = RiskPerTrade.resolve(Double.NaN, dir.resolve("my-firm.json").toString(), RiskDefaults.bundled());
        assertThat(builtIn.source()).isEqualTo(RiskPerTrade.Source.BUILT_IN);
        assertThat(builtIn.pct()).isEqualTo(RiskPerTrade.BUILT_IN_PCT);
    }

    @Test
    void badValuesAndEditedLabFilesAreRefusedNamingTheKey(@TempDir Path dir) throws IOException {
        for (String bad : new String[]{"0", "-1", "11", "x"})
            assertThatThrownBy(() -> cfg(Map.of("risk.per.trade.pct", bad))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("risk.per.trade.pct");
        assertThatThrownBy(() -> cfg(Map.of("risk.lab.file", dir.resolve("none.json").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("risk.lab.file");
        String text;
        try (var in = RiskDefaults.class.getResourceAsStream(RiskDefaults.BUNDLED)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, text.replaceFirst("\"risk_pct\" : 0.25,", "\"risk_pct\" : 0.5,"));
        VpropConfig c = cfg(Map.of("risk.lab.file", edited.toString()));
        assertThatThrownBy(() -> Sidecar.riskPerTrade(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("risk.lab.file").hasMessageContaining("does not match its content");
    }

    @Test
    void theGovernorsApiSaysTheRiskItsSourceAndWhyTheDemoStrategyRuns(@TempDir Path dir) throws Exception {
        JsonNode lab = governors(dir.resolve("a"), Map.of());
        JsonNode r = lab.path("risk_per_trade");
        assertThat(r.path("source").asText()).isEqualTo("lab");
        assertThat(r.path("pct").asDouble()).isEqualTo(0.25);
        assertThat(r.path("lab").path("verdict").asText()).contains("the lab advises not to trade this strategy on this firm");
        assertThat(r.path("lab").path("points").size()).isEqualTo(12);
        assertThat(r.path("lab_file").path("command_line").asText()).contains("--write-risk-default");
        assertThat(lab.path("strategy").path("running").asText()).isEqualTo("demo");
        assertThat(lab.path("strategy").path("reason").asText()).startsWith("Demo strategy: EMA crossover")
                .contains("trades in").contains("weeks of the demo market");

        JsonNode set = governors(dir.resolve("b"), Map.of("risk.per.trade.pct", "0.4", "strategy", "none"));
        assertThat(set.path("risk_per_trade").path("source").asText()).isEqualTo("config");
        assertThat(set.path("risk_per_trade").path("pct").asDouble()).isEqualTo(0.4);
        assertThat(set.path("strategy").path("reason").asText()).isEmpty();
    }

    private static JsonNode governors(Path dir, Map<String, String> flags) throws Exception {
        Map<String, String> o = new HashMap<>(flags);
        o.put("data.dir", dir.toString());
        o.put("zmq.endpoint", "tcp://127.0.0.1:" + freePort());
        o.put("http.port", "0");
        try (Sidecar s = Sidecar.start(VpropConfig.load(null, Map.of(), o), true)) {
            return JsonMapper.builder().build().readTree(Http.call("GET", "http://127.0.0.1:" + s.httpPort() + "/api/governors").body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
