package io.vprop.cli;

import io.vprop.config.ConfigException;
import io.vprop.config.VpropConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command shares; they override the config file and the environment (docs/configuration.md). */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (key = value, see docs/configuration.md)")
    Path config;

    @Option(names = "--zmq", paramLabel = "ENDPOINT", description = "ZeroMQ endpoint (zmq.endpoint), e.g. tcp://127.0.0.1:5555")
    String zmq;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "web panel and API address (http.host:http.port)")
    String http;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "journal and state directory (data.dir)")
    Path dataDir;

    @Option(names = "--profile", paramLabel = "ID", description = "firm profile (firm.profile), e.g. ftmo-2step")
    String profile;

    @Option(names = "--strategy", paramLabel = "NAME", description = "signal source: demo | engine | none (strategy)")
    String strategy;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any configuration key, repeatable")
    Map<String, String> set = new LinkedHashMap<>();

    VpropConfig load(Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>(set);
        if (zmq != null) o.put("zmq.endpoint", zmq);
        if (http != null) {
            int c = http.lastIndexOf(':');
            if (c <= 0) throw new ConfigException("--http must be HOST:PORT, got '" + http + "'");
            o.put("http.host", http.substring(0, c));
            o.put("http.port", http.substring(c + 1));
        }
        if (dataDir != null) o.put("data.dir", dataDir.toString());
        if (profile != null) o.put("firm.profile", profile);
        if (strategy != null) o.put("strategy", strategy);
        extra.forEach((k, v) -> { if (v != null) o.put(k, v); });
        return VpropConfig.load(config, System.getenv(), o);
    }
}
