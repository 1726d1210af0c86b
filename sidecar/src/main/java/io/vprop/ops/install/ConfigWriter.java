package io.vprop.ops.install;

import io.vprop.config.ConfigException;
import io.vprop.config.VpropConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the installer-managed keys into vprop.properties without disturbing anything else the trader wrote:
 * an existing line for a key is replaced in place, a missing one appended, comments and other keys kept.
 */
final class ConfigWriter {
    private ConfigWriter() { }

    static String merge(String existing, Map<String, String> managed, String header) {
        List<String> lines = new ArrayList<>(existing == null ? List.of() : existing.lines().toList());
        if (existing == null) lines.addAll(header.lines().toList());
        Map<String, String> missing = new LinkedHashMap<>(managed);
        for (int i = 0; i < lines.size(); i++) {
            for (Map.Entry<String, String> m : managed.entrySet()) {
                if (Pattern.compile("^\\s*" + Pattern.quote(m.getKey()) + "\\s*[=:].*").matcher(lines.get(i)).matches()) {
                    lines.set(i, m.getKey() + "=" + escape(m.getValue()));
                    missing.remove(m.getKey());
                }
            }
        }
        missing.forEach((k, v) -> lines.add(k + "=" + escape(v)));
        return String.join("\n", lines) + "\n";
    }

    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new InstallException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Properties syntax: a backslash escapes, so Windows paths need theirs doubled. */
    static String escape(String v) {
        StringBuilder b = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '\\') b.append("\\\\");
            else if (c == '\n' || c == '\r') throw new InstallException("config value '" + v + "' contains a line break");
            else b.append(c);
        }
        return b.length() > 0 && b.charAt(0) == ' ' ? "\\" + b : b.toString();
    }

    static String header(String version) {
        return "# VProp configuration, written by `vprop install` " + version + ". Keys: docs/configuration.md.\n"
                + "# Check it with: vprop config check --config <this file>. Later installs change only\n"
                + "# firm.profile, account, data.dir and log.dir; everything else you write here stays.\n"
                + "#\n"
                + "# Notifications (docs/runbook.md), uncomment and fill in:\n"
                + "#notify.telegram.token=123456:ABC...\n"
                + "#notify.telegram.chat=123456789\n"
                + "#notify.webhook.url=https://example.org/hooks/vprop\n"
                + "# A VPS can lose power: journal writes survive it with synchronous=FULL.\n"
                + "journal.durable=true\n";
    }

    /** Loads the config text the way the sidecar will, so a bad value fails the install (before writing), not the service. */
    static VpropConfig validate(String text) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("vprop-config-check", ".properties");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            return VpropConfig.load(tmp, Map.of(), Map.of());
        } catch (ConfigException e) {
            throw new InstallException("the config would be invalid:\n" + e.getMessage().replace(String.valueOf(tmp), "vprop.properties"));
        } catch (IOException e) {
            throw new InstallException("cannot check the config: " + e.getMessage(), e);
        } finally {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temp file is harmless
            }
        }
    }
}
