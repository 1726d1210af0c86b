package io.vprop.cli;

import io.vprop.app.PaperSetup;
import io.vprop.config.VpropConfig;
import io.vprop.paper.PaperTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/** A paper terminal as its own process, connecting to a running sidecar exactly as an EA would. */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = "Run a paper terminal (EA stand-in) against a running sidecar; it outlives a sidecar crash like a real EA.")
final class PaperCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Mixin
    MarketOptions market;

    @Option(names = "--index", description = "terminal number, part of the routing id (default 1)")
    int index = 1;

    @Override
    public void run() {
        Map<String, String> o = new HashMap<>();
        this.market.into(o);
        VpropConfig cfg = common.load(o);
        PaperSetup.Market market = PaperSetup.market(cfg);
        for (String finding : market.findings()) System.err.println("warning: " + finding);
        PaperTerminal paper = PaperSetup.terminal(cfg, cfg.get("zmq.endpoint"), market, index);
        Runtime.getRuntime().addShutdownHook(new Thread(paper::close, "vprop-paper-shutdown"));
        System.out.printf("VProp paper terminal %d → %s (%s)%n", index, cfg.get("zmq.endpoint"), market.description());
        paper.run();
        PaperTerminal.Stats s = paper.stats();
        System.out.printf("market ended: %d ticks, %d signals, %d deals, balance %.2f%n", s.ticks(), s.signals(), s.deals(), s.balance());
    }
}
