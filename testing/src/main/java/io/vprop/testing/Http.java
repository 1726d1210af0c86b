package io.vprop.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** GET/POST against a test server, answers as strings. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() { }

    /** {@code method} GET or POST, no body and no headers. */
    public static HttpResponse<String> call(String method, String url) throws IOException, InterruptedException {
        return call(method, url, Map.of(), null);
    }

    /**
     * Any method with headers (Origin, X-VProp-Token, Content-Type …; not Host, which the JDK client sets itself: see
     * {@link #raw}) and a body (null = none).
     */
    public static HttpResponse<String> call(String method, String url, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status code and the whole answer (head and body) of a request written byte for byte: any Host header. */
    public record Raw(int status, String text) {
    }

    /**
     * Sends {@code head} (request line and headers, lines without their CRLF) and {@code body} over a plain socket to
     * 127.0.0.1:{@code port}, with Connection: close, and reads the answer to the end.
     */
    public static Raw raw(int port, String body, String... head) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder();
        for (String line : head) req.append(line).append("\r\n");
        req.append("Connection: close\r\n");
        if (body != null) req.append("Content-Length: ").append(payload.length).append("\r\n");
        req.append("\r\n");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) throw new IOException("not an HTTP answer: " + text);
            return new Raw(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    /**
     * Opens a WebSocket with {@code headers} (Origin, X-VProp-Token …) and answers its first text message, or
     * "HTTP <status>" when the server refused the handshake.
     */
    public static String webSocket(String url, Map<String, String> headers) throws InterruptedException, TimeoutException {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket.Builder b = CLIENT.newWebSocketBuilder();
        headers.forEach(b::header);
        WebSocket ws;
        try {
            ws = b.buildAsync(URI.create(url), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) first.complete(text.toString());
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return "HTTP " + h.getResponse().statusCode();
            throw new IllegalStateException("WebSocket " + url + ": " + e.getCause(), e.getCause());
        }
        try {
            return first.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            ws.abort();
        }
    }
}
