package io.vprop.ops.install;

import java.nio.file.Path;

/**
 * The systemd unit of the sidecar: a dedicated system user, state in /var/lib/vprop (StateDirectory, created and
 * owned by systemd), logs in /var/log/vprop, restart on failure, and a hardened sandbox — the sidecar needs
 * nothing but its state directory and the network.
 */
final class SystemdUnit {
    private SystemdUnit() { }

    public static final String NAME = "vprop.service";
    static final Path DEFAULT_STATE = Path.of("/var/lib/vprop");
    static final Path DEFAULT_LOGS = Path.of("/var/log/vprop");

    public static String render(String user, Path java, Path appDir, Path config, Path dataDir, Path logDir) {
        StringBuilder u = new StringBuilder();
        u.append("# Written by `vprop install`; `vprop uninstall` removes it. Changes are overwritten on the next install.\n")
                .append("[Unit]\n")
                .append("Description=VProp sidecar (keeps an MT5 strategy inside prop-firm rules)\n")
                .append("Documentation=file://").append(appDir.resolve("docs").resolve("runbook.md")).append('\n')
                .append("After=network-online.target\n")
                .append("Wants=network-online.target\n")
                // No start-rate limit: Restart= keeps trying for as long as the VPS is up.
                .append("StartLimitIntervalSec=0\n")
                .append('\n')
                .append("[Service]\n")
                .append("Type=simple\n")
                .append("User=").append(user).append('\n')
                .append("Group=").append(user).append('\n')
                .append("StateDirectory=vprop\n")
                .append("LogsDirectory=vprop\n")
                .append("WorkingDirectory=").append(quoteIfNeeded(dataDir)).append('\n')
                .append("ExecStart=/bin/sh -c '").append(systemdEscape(launch(java, appDir.resolve("lib"), config, dataDir))).append("'\n")
                .append("Restart=on-failure\n")
                // a restarted sidecar should welcome its EAs within seconds (their staleness limit is 5 s)
                .append("RestartSec=1\n")
                // The sidecar flushes its journal in its shutdown hook: give it time before SIGKILL.
                .append("TimeoutStopSec=30\n")
                .append("NoNewPrivileges=yes\n")
                .append("ProtectSystem=strict\n")
                .append("ProtectHome=read-only\n")
                .append("PrivateTmp=yes\n");
        if (!dataDir.equals(DEFAULT_STATE)) u.append("ReadWritePaths=").append(quoteIfNeeded(dataDir)).append('\n');
        if (!logDir.equals(DEFAULT_LOGS) && !logDir.startsWith(dataDir))
            u.append("ReadWritePaths=").append(quoteIfNeeded(logDir)).append('\n');
        u.append('\n')
                .append("[Install]\n")
                .append("WantedBy=multi-user.target\n");
        return u.toString();
    }

    /** The archive of loaded classes (AppCDS) beside the journals; the sidecar's user owns the state directory. */
    static final String CDS_ARCHIVE = "vprop.jsa";

    /**
     * The shell line that starts the sidecar with class data sharing, which cuts the CPU a restarted sidecar spends
     * before it welcomes its EAs (bench/run.sh restart). Java 17 cannot create and use an archive in one command
     * line, so: with no archive, or one made for other jars (the listing of lib/ — names, sizes, times — and its real
     * path differ from the stamp kept beside the archive: an upgrade), the JVM writes a new one when it stops
     * (-XX:ArchiveClassesAtExit; systemctl stop and restart stop it cleanly); otherwise it maps the archive
     * (-Xshare:auto: an archive it cannot use is ignored, never fatal).
     */
    static String launch(Path java, Path lib, Path config, Path dataDir) {
        String jsa = dataDir.resolve(CDS_ARCHIVE).toString();
        return "jsa=" + sq(jsa) + "; lib=" + sq(lib.toString()) + "; "
                + "stamp=$(readlink -f \"$lib\"; ls -lL --time-style=+%s \"$lib\"); "
                + "if [ -f \"$jsa\" ] && [ \"$(cat \"$jsa.lib\" 2>/dev/null)\" = \"$stamp\" ]; "
                + "then cds=\"-XX:SharedArchiveFile=$jsa -Xshare:auto\"; "
                + "else rm -f \"$jsa\"; printf '%s' \"$stamp\" > \"$jsa.lib\"; cds=\"-XX:ArchiveClassesAtExit=$jsa\"; fi; "
                + "exec " + sq(java.toString()) + " -XX:+ExitOnOutOfMemoryError $cds -cp \"$lib/*\" io.vprop.cli.VpropCli serve --config "
                + sq(config.toString());
    }

    /** A path in double quotes inside the single-quoted shell line: no quote, backslash, dollar or backquote in it. */
    private static String sq(String path) {
        if (path.matches("(?s).*[\"'\\\\$`\n%].*")) throw new InstallException("path " + path + " contains a quote, backslash, $, ` , % or newline");
        return "\"" + path + "\"";
    }

    /** systemd expands $VAR and %-specifiers in ExecStart: $$ and %% are the literal characters. */
    static String systemdEscape(String line) {
        return line.replace("$", "$$").replace("%", "%%");
    }

    private static String quote(Object p) {
        String s = p.toString();
        if (s.contains("\"") || s.contains("\n")) throw new InstallException("path " + s + " contains a quote or newline");
        return "\"" + s + "\"";
    }

    private static String quoteIfNeeded(Path p) {
        String s = p.toString();
        if (s.contains("\n")) throw new InstallException("path " + s + " contains a newline");
        return s.contains(" ") ? "\"" + s + "\"" : s;
    }
}
