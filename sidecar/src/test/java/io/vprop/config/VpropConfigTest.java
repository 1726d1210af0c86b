package io.vprop.config;

import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VpropConfigTest {
    @TempDir
    Path dir;

    @Test
    void precedenceIsDefaultsFileEnvironmentFlags() throws Exception {
        Path f = dir.resolve("vprop.properties");
        Files.writeString(f, "http.port = 9000\nfirm.profile = e8-one\nstale.ms = 7000\n");
        VpropConfig c = VpropConfig.load(f, Map.of("VPROP_HTTP_PORT", "9100", "VPROP_STALE_MS", "8000"), Map.of("stale.ms", "9000"));
        assertThat(c.get("firm.profile")).isEqualTo("e8-one");       // file over default
        assertThat(c.getInt("http.port")).isEqualTo(9100);           // environment over file
        assertThat(c.getInt("stale.ms")).isEqualTo(9000);            // flag over environment
        assertThat(c.get("zmq.endpoint")).isEqualTo("tcp://127.0.0.1:5555");
    }

    @Test
    void everyWrongKeyAndValueIsNamed() throws Exception {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "http.prot = 80\nstale.ms = soon\npaper.margin.mode = fifo\nzmq.endpoint = localhost:5555\n");
        assertThatThrownBy(() -> VpropConfig.load(f, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'http.prot'")
                .hasMessageContaining("stale.ms: 'soon' is not a whole number")
                .hasMessageContaining("paper.margin.mode: 'fifo' must be one of [hedging, netting]")
                .hasMessageContaining("zmq.endpoint");
        assertThatThrownBy(() -> VpropConfig.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("paper.balance", "NaN")))
                .hasMessageContaining("paper.balance");
    }

    @Test
    void kernelCpuNeedsLibzmqAndACpuThatExists() throws Exception {
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("kernel.cpu", "0")))
                .hasMessageContaining("kernel.cpu: pinning threads needs zmq.impl=libzmq");
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("kernel.cpu", Integer.toString(cpus), "zmq.impl", "libzmq")))
                .hasMessageContaining("kernel.cpu: CPU " + cpus + " does not exist here");
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("kernel.cpu", "-2")))
                .hasMessageContaining("kernel.cpu");
        assertThat(VpropConfig.load(null, Map.of(), Map.of("kernel.cpu", "0", "zmq.impl", "libzmq")).getInt("kernel.cpu")).isZero();
        assertThat(VpropConfig.load(null, Map.of(), Map.of()).getInt("kernel.cpu")).isEqualTo(-1);
    }

    @Test
    void allowedHostsAreNamesWithoutSchemePortOrPath() {
        VpropConfig ok = VpropConfig.load(null, Map.of(), Map.of("http.allowed.hosts", " vprop.lan, 192.168.1.10 ,[fd00::5],"));
        assertThat(ok.list("http.allowed.hosts")).containsExactly("vprop.lan", "192.168.1.10", "[fd00::5]");
        assertThat(VpropConfig.defaults().list("http.allowed.hosts")).isEmpty();
        for (String bad : new String[]{"http://vprop.lan", "vprop.lan:8080", "vprop.lan/panel", "*", "fd00::5", "-x.lan"})
            assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("http.allowed.hosts", bad))).as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("http.allowed.hosts: '" + bad + "' is not a host name");
    }

    @Test
    void docsListEveryKey() throws Exception {
        String doc = Files.readString(RepoPaths.root().resolve("docs/configuration.md"));
        for (Map.Entry<String, String[]> k : VpropConfig.KEYS.entrySet()) {
            assertThat(doc).as("docs/configuration.md documents " + k.getKey()).contains("| `" + k.getKey() + "` | `" + k.getValue()[0] + "`");
        }
    }
}
