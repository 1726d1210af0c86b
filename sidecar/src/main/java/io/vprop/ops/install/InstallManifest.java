package io.vprop.ops.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@code vprop install} placed (EA sources, libzmq.dll, the service definition), one per line as
 * {@code <sha256>  <path>}: what {@code vprop uninstall} removes. The trader's config and data are never listed.
 */
record InstallManifest(List<Entry> entries) {

    public record Entry(String sha256, Path path) {
    }

    public InstallManifest {
        entries = List.copyOf(entries);
    }

    public String render() {
        StringBuilder b = new StringBuilder("# vprop install manifest: files removed by `vprop uninstall`\n");
        for (Entry e : entries) b.append(e.sha256()).append("  ").append(e.path()).append('\n');
        return b.toString();
    }

    public static InstallManifest read(Path file) {
        if (!Files.isRegularFile(file)) return new InstallManifest(List.of());
        List<Entry> out = new ArrayList<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                int sep = line.indexOf("  ");
                if (sep != 64) throw new InstallException(file + " line " + n + ": not '<sha256>  <path>': " + line);
                out.add(new Entry(line.substring(0, 64), Path.of(line.substring(66))));
            }
        } catch (IOException e) {
            throw new InstallException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new InstallManifest(out);
    }
}
