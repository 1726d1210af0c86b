package io.vprop.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The web panel's page (dashboard-web/public/index.html, built to /web on the classpath) with this installation's
 * API token in its {@code <meta name="vprop-token">}. Only a page of the sidecar's origin can read it: the
 * same-origin policy keeps other sites out (no CORS), the Host check keeps DNS-rebinding pages out, and
 * X-Frame-Options keeps it out of other sites' frames.
 */
final class PanelPage {
    /** Where the page takes the token. */
    static final String TOKEN_PLACEHOLDER = "%VPROP_TOKEN%";

    private PanelPage() { }

    /** The built page with the token filled in, or null when this build has no panel. */
    static String load(String token) {
        try (InputStream in = PanelPage.class.getResourceAsStream("/web/index.html")) {
            if (in == null) return null;
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!page.contains(TOKEN_PLACEHOLDER))
                throw new IllegalStateException("the web panel's index.html has no " + TOKEN_PLACEHOLDER
                        + " placeholder for the API token: rebuild the panel (dashboard-web/build.sh)");
            return page.replace(TOKEN_PLACEHOLDER, token);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the web panel's index.html: " + e.getMessage(), e);
        }
    }

    /** Never cached: the token stays out of the browser's disk cache. */
    static void serve(Context ctx, String page) {
        ctx.header("Cache-Control", "no-store");
        ctx.html(page);
    }
}
