package io.vprop.cli;

import io.vprop.app.Version;
import io.vprop.market.io.MarketDataException;
import io.vprop.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vprop} command line (picocli): demo, serve, paper, replay, backtest, walkforward, config check, governors check, token. */
@Command(name = "vprop", mixinStandardHelpOptions = true, versionProvider = VpropCli.VersionProvider.class,
        description = "VProp: run an automated strategy on MT5 inside a prop firm's rules.",
        subcommands = {DemoCommand.class, ServeCommand.class, PaperCommand.class, ReplayCommand.class, BacktestCommand.class,
                ConfigCommand.class, GovernorsCommand.class, InstallCommand.class, UninstallCommand.class,
                BackupCommand.class, RestoreCommand.class, ModelsCommand.class, WalkforwardCommand.class, EdgesCommand.class,
                ChallengeCommand.class, TokenCommand.class, StatusCommand.class, CommandLine.HelpCommand.class})
public final class VpropCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new VpropCli());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable root = ex;
            while (root.getCause() != null && !(root instanceof ConfigException)) root = root.getCause();
            if (root instanceof ConfigException) {
                line.getErr().println("configuration error:\n" + root.getMessage());
                return 2;
            }
            // the command by name (vprop backtest: ...), not every argument again: the message names the option at fault,
            // and a folder's worth of --data files made the line a screenful
            StringBuilder command = new StringBuilder();
            for (CommandLine c : parsed.asCommandLineList()) command.append(command.length() == 0 ? "" : " ").append(c.getCommandName());
            line.getErr().println(command + ": " + ex.getMessage());
            if (ex instanceof IllegalStateException || ex instanceof IllegalArgumentException
                    || ex instanceof MarketDataException) return 1;
            ex.printStackTrace(line.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[]{"vprop " + Version.VERSION}; }
    }
}
