package io.vprop.ops.install;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operating system as the installer sees it through {@link CommandRunner}: users, enabled and running units,
 * scheduled tasks. It keeps state like the real one (useradd makes `id` succeed, enable makes is-enabled succeed),
 * so tests can check that a second install runs only queries. Unknown commands fail, so a new command the
 * installer starts issuing cannot slip through unnoticed.
 */
final class FakeSystem implements CommandRunner {
    final List<String> log = new ArrayList<>();
    final Set<String> users = new HashSet<>();
    final Set<String> enabled = new HashSet<>();
    final Set<String> active = new HashSet<>();
    final Set<String> tasks = new HashSet<>();
    int starts;
    int reloads;

    @Override
    public int run(List<String> c) {
        log.add(String.join(" ", c));
        String cmd = c.get(0);
        switch (cmd) {
            case "id" -> { return users.contains(c.get(c.size() - 1)) ? 0 : 1; }
            case "useradd" -> { return users.add(c.get(c.size() - 1)) ? 0 : 9; }
            case "userdel" -> { return users.remove(c.get(c.size() - 1)) ? 0 : 6; }
            case "chgrp" -> { return users.contains(c.get(1)) ? 0 : 1; }
            case "systemctl" -> {
                String unit = c.get(c.size() - 1);
                switch (c.get(1)) {
                    case "daemon-reload" -> { reloads++; return 0; }
                    case "is-enabled" -> { return enabled.contains(unit) ? 0 : 1; }
                    case "is-active" -> { return active.contains(unit) ? 0 : 3; }
                    case "enable" -> { enabled.add(unit); return 0; }
                    case "start", "restart" -> { active.add(unit); starts++; return 0; }
                    case "disable" -> { enabled.remove(unit); if (c.contains("--now")) active.remove(unit); return 0; }
                    default -> { return 127; }
                }
            }
            case "schtasks" -> {
                String name = c.get(c.indexOf("/TN") + 1);
                switch (c.get(1)) {
                    case "/Query" -> { return tasks.contains(name) ? 0 : 1; }
                    case "/Create" -> { tasks.add(name); return 0; }
                    case "/Run" -> { starts++; return tasks.contains(name) ? 0 : 1; }
                    case "/End" -> { return 0; }
                    case "/Delete" -> { return tasks.remove(name) ? 0 : 1; }
                    default -> { return 127; }
                }
            }
            default -> { return 127; }
        }
    }
}
