package io.vprop.ops.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Telegram Bot API on 127.0.0.1: POST /bot<token>/sendMessage with a JSON body, answered
 * like Telegram does ({"ok":true,"result":…}, 401 for a wrong token, 400 "chat not found" for a wrong chat), plus a
 * generic webhook receiver at /hook. Everything received is kept for assertions.
 */
final class FakeTelegram implements AutoCloseable {
    record Message(long chatId, String text) {
    }

    final String token;
    final long chat;
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<JsonNode> hooks = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    FakeTelegram(String token, long chat) throws IOException {
        this.token = token;
        this.chat = chat;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String base() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (path.equals("/hook") && ex.getRequestMethod().equals("POST")) {
            hooks.add(json.readTree(body));
            reply(ex, 204, null);
            return;
        }
        if (!path.startsWith("/bot") || !path.endsWith("/sendMessage") || !ex.getRequestMethod().equals("POST")) {
            reply(ex, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            return;
        }
        if (!path.equals("/bot" + token + "/sendMessage")) {
            reply(ex, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            return;
        }
        JsonNode m = json.readTree(body);
        if (!m.path("chat_id").isNumber() || m.path("chat_id").asLong() != chat) {
            reply(ex, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
            return;
        }
        if (!m.path("text").isTextual() || m.path("text").asText().isEmpty()) {
            reply(ex, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}");
            return;
        }
        messages.add(new Message(chat, m.path("text").asText()));
        reply(ex, 200, "{\"ok\":true,\"result\":{\"message_id\":" + messages.size() + ",\"chat\":{\"id\":" + chat
                + "},\"text\":" + json.writeValueAsString(m.path("text").asText()) + "}}");
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(code, -1);
            ex.close();
            return;
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream o = ex.getResponseBody()) { o.write(b); }
    }

    @Override
    public void close() { server.stop(0); }
}
