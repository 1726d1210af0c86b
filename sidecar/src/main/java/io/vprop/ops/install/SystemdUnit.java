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
                .append("ExecStart=").append(quote(java)).append(" -XX:+ExitOnOutOfMemoryError -cp ")
                .append(quote(appDir.resolve("lib") + "/*")).append(" io.vprop.cli.VpropCli serve --config ")
                .append(quote(config)).append('\n')
                .append("Restart=on-failure\n")
                .append("RestartSec=5\n")
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
