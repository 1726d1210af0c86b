package io.vprop.cli;

import io.vprop.governors.scenario.ScenarioCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vprop governors check FILE|DIR…}: runs scenario files through the rule engine, no sidecar needed. */
@Command(name = "governors", mixinStandardHelpOptions = true, description = "Prop-firm rule engine tools.",
        subcommands = {GovernorsCommand.Check.class})
final class GovernorsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Run scenario files (governors/scenarios format) and print each checkpoint's verdict; exit 1 on any mismatch.")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "scenario files or directories of them")
        List<Path> paths;

        @Option(names = "--json", description = "print every file's checkpoints as one JSON document (same exit status)")
        boolean json;

        @Override
        public Integer call() {
            return json ? ScenarioCheck.runJson(paths, System.out) : ScenarioCheck.run(paths, System.out);
        }
    }
}
