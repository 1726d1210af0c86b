package io.vprop.ops.install;

import java.util.List;

/** What an install or uninstall did: file actions, system commands run, warnings for the trader. */
public record InstallReport(List<Mt5DataFolder> folders, List<FileSync.Action> actions, List<String> commands,
                            List<String> warnings) {

    public InstallReport {
        folders = List.copyOf(folders);
        actions = List.copyOf(actions);
        commands = List.copyOf(commands);
        warnings = List.copyOf(warnings);
    }

    public List<FileSync.Action> changes() {
        return actions.stream().filter(a -> a.change() != FileSync.Change.UNCHANGED).toList();
    }

    /** True when the run changed nothing on disk and ran no command that changes the system. */
    public boolean noop() { return changes().isEmpty() && commands.stream().allMatch(InstallReport::isQuery); }

    static boolean isQuery(String command) {
        return command.startsWith("id ") || command.startsWith("systemctl is-") || command.startsWith("schtasks /Query");
    }
}
