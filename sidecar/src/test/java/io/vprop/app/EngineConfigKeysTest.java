package io.vprop.app;

import io.vprop.config.ConfigException;
import io.vprop.config.VpropConfig;
import io.vprop.market.Timeframe;
import io.vprop.signal.SignalConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** engine.timeframes and engine.edges select the live engine's timeframes and its edges (docs/configuration.md). */
class EngineConfigKeysTest {
    static SignalConfig engine(Map<String, String> flags) {
        return Sidecar.engineConfig(VpropConfig.load(null, Map.of(), flags));
    }

    @Test
    void intradayAndSwingBothReadTheBundledFittedEdgesByDefault() {
        SignalConfig d = engine(Map.of());
        assertThat(d.timeframes).containsExactlyElementsOf(SignalConfig.INTRADAY);
        assertThat(d.regimeTimeframe).isEqualTo(Timeframe.M15);
        assertThat(d.edges).isNotNull();
        // the bundled artefact has intraday cells for USD pairs (EURUSD H1, the M1 and tick files) and none for
        // crosses, where the intraday engine keeps its hand-set priors
        for (Timeframe tf : SignalConfig.INTRADAY) assertThat(d.edges.covers(tf, "EURUSD")).as("%s", tf).isTrue();
        assertThat(d.edges.covers(Timeframe.M5, "EURGBP")).isFalse();
        assertThat(d.edges.hasPriors(Timeframe.M15)).isTrue();
        assertThat(engine(Map.of("engine.edges", "handset")).edges).isNull();
        SignalConfig swing = engine(Map.of("engine.timeframes", "swing"));
        assertThat(swing.timeframes).containsExactly(Timeframe.H4, Timeframe.D1);
        assertThat(swing.regimeTimeframe).isEqualTo(Timeframe.H4);
        assertThat(swing.edges).isNotNull();
        assertThat(swing.edges.version()).startsWith("edges-");
        assertThat(engine(Map.of("engine.timeframes", "swing", "engine.edges", "handset")).edges).isNull();
        assertThat(engine(Map.of("engine.edges", "fitted")).edges).isNotNull();
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("engine.timeframes", "weekly")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engine.timeframes");
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("engine.edges", "no/such/edges.json")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engine.edges");
    }
}
