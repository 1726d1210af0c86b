package io.vprop.ops.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Telegram Bot API {@code sendMessage}: plain text (no parse mode, so nothing in a message needs escaping).
 * Telegram answers {"ok":true,…} or {"ok":false,"description":…}; anything else is a failure with its reason.
 */
final class TelegramChannel implements NotificationChannel {
    private final HttpClient http;
    private final URI endpoint;
    private final String chat;
    private final ObjectMapper json = new ObjectMapper();

    public TelegramChannel(String apiBase, String token, String chat, HttpClient http) {
        String base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.endpoint = URI.create(base + "/bot" + token + "/sendMessage");
        this.chat = chat;
        this.http = http;
    }

    @Override
    public String name() { return "telegram"; }

    @Override
    public void send(Notification n) throws IOException, InterruptedException {
        Object chatId = chat.matches("-?[0-9]+") ? (Object) Long.parseLong(chat) : chat;
        byte[] body = json.writeValueAsBytes(Map.of("chat_id", chatId, "text", n.text(), "disable_web_page_preview", true));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer;
        try {
            answer = json.readTree(r.body());
        } catch (IOException e) {
            throw new IOException("Telegram answered HTTP " + r.statusCode() + " with no JSON: " + abbreviate(r.body()));
        }
        if (r.statusCode() != 200 || !answer.path("ok").asBoolean(false))
            throw new IOException("Telegram refused the message (HTTP " + r.statusCode() + "): "
                    + answer.path("description").asText(abbreviate(r.body())));
    }

    private static String abbreviate(String s) { return s.length() > 200 ? s.substring(0, 200) + "…" : s; }
}
