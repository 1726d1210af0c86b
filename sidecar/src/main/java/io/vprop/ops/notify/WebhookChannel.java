package io.vprop.ops.notify;

import java.util.Locale;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic webhook: POSTs {"key","severity","text","ts_ms"} as JSON; any 2xx is success. Slack/Discord-style
 * receivers read "text"; others can route on "key" and "severity".
 */
final class WebhookChannel implements NotificationChannel {
    private final HttpClient http;
    private final URI url;
    private final ObjectMapper json = new ObjectMapper();

    public WebhookChannel(String url, HttpClient http) {
        this.url = URI.create(url);
        this.http = http;
    }

    @Override
    public String name() { return "webhook"; }

    @Override
    public void send(Notification n) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", n.key());
        body.put("severity", n.severity().name().toLowerCase(Locale.ROOT));
        body.put("text", n.text());
        body.put("ts_ms", n.tsMs());
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) throw new IOException("webhook " + url + " answered HTTP " + r.statusCode());
    }
}
