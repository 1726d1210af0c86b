package io.vprop.cli;

import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

/** {@code vprop config check}: validates a configuration and names every wrong key and value. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration tools.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Doc.class})
final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "doc", mixinStandardHelpOptions = true, description = "Print the configuration key table (Markdown).")
    static final class Doc implements Runnable {
        @Override
        public void run() {
            System.out.print(VpropConfig.markdownTable());
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate the configuration (file, environment, flags).")
    static final class Check implements Runnable {
        @Mixin
        CommonOptions common;

        @Override
        public void run() {
            VpropConfig cfg = common.load(Map.of());
            Sidecar.profile(cfg.get("firm.profile"));   // a bad profile names its field
            System.out.println("configuration OK" + (common.config == null ? " (defaults and environment)" : ": " + common.config));
            cfg.asMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> System.out.printf("  %-32s %s%n", e.getKey(), e.getValue()));
        }
    }
}
