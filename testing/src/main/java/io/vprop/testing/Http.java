package io.vprop.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain GET/POST (no body) against a test server, answers as strings. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() { }

    /** {@code method} GET or POST. */
    public static HttpResponse<String> call(String method, String url) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
