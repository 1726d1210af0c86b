package io.vprop.config;

import io.vprop.market.io.ServerClock;
import io.vprop.testing.RepoPaths;
import io.vprop.testing.SharedData;
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

    /** paper.data.tz: ServerClock's names, and required when paper.data's times carry no zone (issue 14 item 7). */
    @Test
    void paperDataTzIsAClockAndRequiredForAZoneLessFile() throws Exception {
        String ticks = SharedData.file(SharedData.EURUSD_TICKS).toString();
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("paper.data", ticks)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("paper.data EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz has times without a zone")
                .hasMessageContaining("say which clock with paper.data.tz");
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("paper.data", ticks, "paper.data.tz", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("paper.data.tz: unknown server time zone 'Mars/Olympus'");
        assertThatThrownBy(() -> VpropConfig.load(null, Map.of(), Map.of("paper.data.tz", "GMT+25")))
                .as("checked without paper.data too").isInstanceOf(ConfigException.class)
                .hasMessageContaining("paper.data.tz: unknown server time zone 'GMT+25'");
        assertThat(VpropConfig.load(null, Map.of(), Map.of("paper.data", ticks, "paper.data.tz", "NY+7")).dataClock().describe())
                .startsWith("NY+7");
        assertThat(VpropConfig.load(null, Map.of(), Map.of("paper.data", ticks, "paper.data.tz", "UTC")).dataClock())
                .isSameAs(ServerClock.UTC);
        Path zoned = dir.resolve("EURUSD_H1.csv");                   // times with their zone: no paper.data.tz needed
        Files.writeString(zoned, "timestamp,open,high,low,close\n2024-03-04T00:00:00Z,1.08,1.081,1.079,1.0805\n");
        assertThat(VpropConfig.load(null, Map.of(), Map.of("paper.data", zoned.toString())).dataClock()).isSameAs(ServerClock.UTC);
    }

    @Test
    void docsListEveryKey() throws Exception {
        String doc = Files.readString(RepoPaths.root().resolve("docs/configuration.md"));
        for (Map.Entry<String, String[]> k : VpropConfig.KEYS.entrySet()) {
            assertThat(doc).as("docs/configuration.md documents " + k.getKey()).contains("| `" + k.getKey() + "` | `" + k.getValue()[0] + "`");
        }
    }
}
