package io.vprop.cli;

import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The sidecar alone, for real EAs (and separately started paper terminals). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the sidecar alone: EAs connect to its ZeroMQ endpoint.")
final class ServeCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--no-strategy", description = "send manual signals only (same as --strategy none)")
    boolean noStrategy;

    @Override
    public void run() {
        Map<String, String> o = new HashMap<>();
        if (noStrategy) o.put("strategy", "none");
        VpropConfig cfg = common.load(o);
        Sidecar sidecar = Sidecar.start(cfg, true);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sidecar.close();
            stop.countDown();
        }, "vprop-shutdown"));
        System.out.printf("VProp sidecar: ZeroMQ %s, API http://%s:%d/ (token: `vprop token`), journal %s%n", sidecar.zmqEndpoint(),
                cfg.get("http.host"), sidecar.httpPort(), cfg.dataDir().resolve("sidecar.db").toAbsolutePath());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
