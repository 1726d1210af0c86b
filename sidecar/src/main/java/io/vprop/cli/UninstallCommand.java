package io.vprop.cli;

import java.nio.file.Path;
import io.vprop.ops.install.InstallReport;
import io.vprop.ops.install.Installer;
import io.vprop.ops.install.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code vprop uninstall}: removes what install placed; keeps config and journals unless --purge. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove the service, the EA files and libzmq.dll that vprop install placed.",
                "Your config and journals stay unless --purge is given."})
final class UninstallCommand implements Runnable {
    @Mixin
    InstallCommand.Places places = new InstallCommand.Places();

    @Option(names = "--purge", description = "also delete the config, the journals and the logs")
    boolean purge;

    @Override
    public void run() {
        Platform p = Platform.current();
        InstallReport r = new Installer(places.options(p, List.of(), List.of(), null, Path.of("."), null, null, null))
                .uninstall(purge);
        InstallCommand.print(r);
        System.out.println("uninstalled");
    }
}
