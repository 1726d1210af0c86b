package io.vprop.cli;

import io.vprop.ops.backup.StoreBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** {@code vprop backup --to DIR}: online, verified copies of every store in data.dir. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy every SQLite store of data.dir into DIR/<UTC time>/ while the sidecar runs; each copy is integrity-checked.")
final class BackupCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "backup root folder")
    Path to;

    @Override
    public void run() {
        Path data = common.load(Map.of()).dataDir();
        for (StoreBackup.Copy c : StoreBackup.backupAll(data, to, Instant.now()))
            System.out.printf("backed up %s -> %s (%d bytes, schema %d, integrity ok)%n", c.source(), c.copy(), c.bytes(), c.schemaVersion());
    }
}
