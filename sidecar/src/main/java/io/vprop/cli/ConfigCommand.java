package io.vprop.cli;

import io.vprop.app.Sidecar;
import io.vprop.config.VpropConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

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

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the configuration (file, environment, flags) and the firm profile it names; exit 2 on a bad configuration.")
    static final class Check implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--json", description = "print {ok, file, config} or {ok: false, error} as JSON")
        boolean json;

        @Override
        public Integer call() throws IOException {
            VpropConfig cfg;
            try {
                cfg = common.load(Map.of());
                Sidecar.profile(cfg.get("firm.profile"));   // a bad profile names its field
            } catch (RuntimeException e) {
                if (!json) throw e;                         // the CLI's handler prints it (exit 2 for a configuration error)
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ok", false);
                doc.put("file", common.config == null ? null : common.config.toString());
                doc.put("error", e.getMessage());
                System.out.println(JSON.writeValueAsString(doc));
                return 2;
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ok", true);
                doc.put("file", common.config == null ? null : common.config.toString());
                doc.put("config", new TreeMap<>(cfg.asMap()));
                System.out.println(JSON.writeValueAsString(doc));
                return 0;
            }
            System.out.println("configuration OK" + (common.config == null ? " (defaults and environment)" : ": " + common.config));
            cfg.asMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> System.out.printf("  %-32s %s%n", e.getKey(), e.getValue()));
            return 0;
        }

        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
