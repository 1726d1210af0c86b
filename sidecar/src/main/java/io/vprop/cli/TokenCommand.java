package io.vprop.cli;

import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.http.ApiServer;
import io.vprop.http.HttpAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * Prints this installation's API token (generated on first use, kept in data.dir/http.token), alone on its line so
 * a script can take it: {@code curl -H "X-VProp-Token: $(vprop token)" …}. {@code --url} prints the panel's address.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print the API token: every state-changing request (POST) and the WebSocket need it, on loopback too "
                + "(header X-VProp-Token; docs/api.md). Generated once per installation into data.dir/http.token.",
                "With --url: the web panel's address instead (with ?token= when bound beyond loopback)."})
final class TokenCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--url", description = "print the web panel's address (http.host, http.port) instead of the token")
    boolean url;

    @Override
    public void run() {
        VpropConfig cfg = common.load(Map.of());
        HttpAccess access = Sidecar.httpAccess(cfg);
        System.out.println(url ? ApiServer.panelUrl(cfg.get("http.host"), cfg.getInt("http.port"), access) : access.token());
    }
}
