package io.vprop.cli;

import io.vprop.app.DemoEngineMeasurement;
import io.vprop.app.DemoStrategyChoice;
import io.vprop.app.PaperSetup;
import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import io.vprop.paper.PaperTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Sidecar + paper terminal + web panel in one process, all on 127.0.0.1. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the sidecar, a paper terminal on a synthetic (or replayed) market and the web panel.")
final class DemoCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Mixin
    MarketOptions market;

    @Option(names = "--measure-engine", paramLabel = "WEEKS", description = "instead of starting the demo, count the "
            + "signal engine's trades (as configured: engine.timeframes, engine.edges) in WEEKS weeks of the demo's "
            + "synthetic market with the backtester, and write the measurement (--measure-out) the demo chooses its "
            + "strategy by (docs/signal-engine.md, The demo)")
    Integer measureWeeks;

    @Option(names = "--measure-out", paramLabel = "FILE", description = "with --measure-engine: where to write it "
            + "(default: print only)")
    Path measureOut;

    @Spec
    CommandSpec spec;

    static String strategyLine(String strategy, String reason) {
        return switch (strategy) {
            // why not the engine: the recorded measurement on this market (DemoStrategyChoice), said in full
            case "demo" -> "demo — an EMA(8)/EMA(21) crossover stand-in that trades often, not an edge. " + reason
                    + "; --strategy engine runs the engine anyway";
            case "engine" -> "engine — the signal engine (regimes, alphas, Thompson sampling, Kelly sizing)";
            case "none" -> "none — manual signals only (POST /api/signals)";
            default -> strategy;
        };
    }

    private void measure(VpropConfig cfg) {
        String command = "vprop " + spec.commandLine().getParseResult().originalArgs().stream()
                .map(WalkforwardCommand::quote).collect(Collectors.joining(" "));
        DemoEngineMeasurement m = DemoEngineMeasurement.measure(cfg, measureWeeks, command);
        System.out.printf(Locale.ROOT, "%d trades in %d weeks (%.2f a week): %s; %s%n", m.trades(), m.weeks(),
                m.tradesPerWeek(), m.engine(), m.market());
        System.out.println("demo strategy by default: " + DemoStrategyChoice.of(null, m).strategy());
        if (measureOut != null) {
            try {
                Path dir = measureOut.toAbsolutePath().getParent();
                if (dir != null) Files.createDirectories(dir);
                Files.write(measureOut, m.json());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + measureOut + ": " + e.getMessage(), e);
            }
            System.out.println("written: " + measureOut.toAbsolutePath());
        }
    }

    @Override
    public void run() {
        Map<String, String> o = new HashMap<>();
        this.market.into(o);
        // The synthetic market starts on a fixed day and runs at paper.speed: it soon runs ahead of the wall clock,
        // which the sidecar's future-tick bound (there for real terminals) would refuse. A replayed file is in the past.
        if (this.market.data == null) o.put("feed.max.ahead.ms", "0");
        VpropConfig cfg = common.load(o);
        if (this.market.data != null) {                  // a bar file: the demo on its timeframe
            Map<String, String> forFile = PaperSetup.replayOverrides(cfg, java.util.List.of(Path.of(this.market.data)));
            if (!forFile.isEmpty()) {
                o.putAll(forFile);
                cfg = common.load(o);
            }
        }
        if (measureWeeks != null) {
            measure(cfg);
            return;
        }
        DemoEngineMeasurement measured = DemoEngineMeasurement.bundled();
        // the engine by default only if it trades at least weekly on this market (issue 16 item 6)
        DemoStrategyChoice choice = DemoStrategyChoice.of(cfg.isSet("strategy") ? cfg.get("strategy") : null, measured);
        if (!choice.strategy().equals(cfg.get("strategy"))) {
            o.put("strategy", choice.strategy());
            cfg = common.load(o);
        }
        Sidecar sidecar = Sidecar.start(cfg, true);
        PaperSetup.Market market = PaperSetup.market(cfg);
        for (String finding : market.findings()) System.err.println("warning: " + finding);
        PaperTerminal paper = PaperSetup.terminal(cfg, sidecar.zmqEndpoint(), market, 1);
        Thread pt = new Thread(paper, "vprop-paper-1");
        pt.setDaemon(true);
        pt.start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            paper.close();
            sidecar.close();
            stop.countDown();
        }, "vprop-shutdown"));
        // the address without the token: beyond loopback the log line above gives it with the token, once
        String panel = "http://" + cfg.get("http.host") + ":" + sidecar.httpPort() + "/";
        System.out.printf("VProp demo running%n"
                        + "  firm profile %s (the governors enforce its rules; firm.profile, docs/governors.md)%n"
                        + "  strategy     %s (strategy: engine | demo | none)%n"
                        + "  web panel    %s%n  API status   %sapi/status%n"
                        + "  API token    `vprop token` prints it (POSTs and the WebSocket need it, docs/api.md)%n"
                        + "  ZeroMQ       %s%n  market       %s at %sx%n  data         %s%n"
                        + "Next steps:%n"
                        + "  - open the web panel: Compliance shows the account against the firm's limits%n"
                        + "  - attach the EA to an MT5 chart: `vprop install` copies it; it connects to %s (docs/ea.md)%n"
                        + "  - replay real history: `vprop replay --data FILE --server-tz UTC` (docs/market-data.md)%n"
                        + "  - the challenge lab: `vprop challenge REPORT.html --server-tz NY+7`, or the panel's Challenge page%n"
                        + "Ctrl-C stops it.%n",
                cfg.get("firm.profile"), strategyLine(cfg.get("strategy"), choice.reason()), panel, panel, sidecar.zmqEndpoint(),
                market.description(), cfg.get("paper.speed"), cfg.dataDir().toAbsolutePath(), sidecar.zmqEndpoint());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
