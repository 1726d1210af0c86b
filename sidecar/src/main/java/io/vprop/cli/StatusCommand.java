package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.http.HttpAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vprop status}: what a running sidecar reports on /api/status — its terminals (welcomed, stale, balance,
 * equity, governors' mode), their last quotes, message and error counts, the journal — as a table or, with
 * {@code --json}, the API's own document. Exit 1 when no sidecar answers at the configured address.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a running sidecar's status: terminals, quotes, messages, errors, signals, fills, journal.",
                "Reads http.host and http.port from the configuration (as serve and demo do); exit 1 when nothing answers there."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "print the sidecar's /api/status document as it is")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        VpropConfig cfg = common.load(Map.of());
        String host = cfg.get("http.host");
        String hostForUrl = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        String url = "http://" + hostForUrl + ":" + cfg.getInt("http.port") + "/api/status";
        HttpAccess access = Sidecar.httpAccess(cfg);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
        if (access.tokenForReads()) req.header("X-VProp-Token", access.token());
        HttpResponse<String> r;
        try {
            r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("no sidecar answers at " + url + ": is it running? (vprop serve, or vprop demo; http.host/http.port "
                    + "from --config, VPROP_HTTP_PORT or the defaults)");
            return 1;
        }
        if (r.statusCode() != 200) {
            System.err.println(url + " answered HTTP " + r.statusCode() + ": " + r.body());
            return 1;
        }
        if (json) {
            System.out.println(r.body());
            return 0;
        }
        print(new ObjectMapper().readTree(r.body()), url, System.out);
        return 0;
    }

    static void print(JsonNode s, String url, PrintStream out) {
        out.printf(Locale.ROOT, "sidecar at %s (ZeroMQ %s), session %s, %s UTC%n", url.replace("/api/status", ""),
                s.path("zmq_endpoint").asText(), s.path("session").asText(), Instant.ofEpochMilli(s.path("ts_ms").asLong()));
        JsonNode peers = s.path("terminals");
        out.printf(Locale.ROOT, "terminals: %d%n", peers.size());
        for (JsonNode p : peers) {
            String state = !p.path("welcomed").asBoolean() ? "not welcomed" : p.path("stale").asBoolean() ? "STALE" : "live";
            String ccy = p.path("currency").asText();
            out.printf(Locale.ROOT, "  %-40s %-12s account %s  balance %s  equity %s  positions %d  governors %s%n",
                    p.path("id").asText(), state, p.path("account").asText(), money(p.path("balance"), ccy),
                    money(p.path("equity"), ccy), p.path("positions").asInt(), p.path("governorMode").asText("-"));
        }
        for (JsonNode q : s.path("symbols"))
            out.printf(Locale.ROOT, "  quote %-10s bid %s ask %s at %s UTC (%s)%n", q.path("symbol").asText(), q.path("bid").asText(),
                    q.path("ask").asText(), Instant.ofEpochMilli(q.path("timeMs").asLong()), q.path("peer").asText());
        out.printf(Locale.ROOT, "signals sent %d, fills recorded %d, protocol errors %d%n", s.path("signals_sent").asLong(),
                s.path("fills_recorded").asLong(), s.path("protocol_errors").asLong());
        out.printf(Locale.ROOT, "journal %s (%,.1f MB)%n", s.at("/journal/file").asText(), s.at("/journal/bytes").asLong() / 1e6);
    }

    private static String money(JsonNode v, String ccy) {
        return v.isNumber() ? String.format(Locale.ROOT, "%,.2f %s", v.asDouble(), ccy) : "-";
    }
}
