package io.vprop.cli;

import io.vprop.ops.backup.StoreBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** {@code vprop restore --from DIR}: puts a backup's stores back (stop the sidecar first). */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore every store of a backup folder into data.dir. Stop the sidecar first.",
                "Each backup is integrity-checked before anything is touched; current stores are kept as *.before-restore-<time>."})
final class RestoreCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "a backup folder (DIR/<UTC time>/ made by vprop backup)")
    Path from;

    @Override
    public void run() {
        Path data = common.load(Map.of()).dataDir();
        for (StoreBackup.Copy c : StoreBackup.restoreAll(from, data, Instant.now()))
            System.out.printf("restored %s from %s (schema %d, integrity ok)%n", c.copy(), c.source(), c.schemaVersion());
    }
}
