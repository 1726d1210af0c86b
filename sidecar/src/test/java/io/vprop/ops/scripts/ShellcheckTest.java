package io.vprop.ops.scripts;

import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * shellcheck over every shell script of the repository: *.sh files and extension-less files whose first line is a
 * sh/bash shebang (install/vprop, .ci/run, the distribution's bin/vprop). install/deps/ops.apt lists shellcheck.
 */
class ShellcheckTest {
    private static final Set<String> SKIP_DIRS = Set.of(".git", "target", "node_modules", "build", ".idea");
    private static final Pattern SHEBANG = Pattern.compile("^#!\\s*(/usr/bin/env\\s+)?(/bin/|/usr/bin/)?(ba|da)?sh\\b.*");

    static List<Path> scripts(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path rel = root.relativize(p);
                boolean skipped = false;
                for (Path part : rel) if (SKIP_DIRS.contains(part.toString())) skipped = true;
                if (skipped) continue;
                if (p.getFileName().toString().endsWith(".sh") || SHEBANG.matcher(firstLine(p)).matches()) out.add(p);
            }
        }
        return out;
    }

    private static String firstLine(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(120);
            String s = new String(b, StandardCharsets.ISO_8859_1);
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    @Test
    void everyShellScriptPassesShellcheck() throws Exception {
        Path root = RepoPaths.root();
        List<Path> scripts = scripts(root);
        assertThat(scripts).as("the scripts this test must find")
                .contains(root.resolve("install/vprop"), root.resolve("install/install.sh"), root.resolve("dist/src/bin/vprop"));
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "--format=gcc", "--severity=style"));
        scripts.forEach(p -> cmd.add(p.toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("shellcheck is not installed (apt-get install shellcheck; listed in install/deps/ops.apt)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("shellcheck findings").isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void shellcheckFindsRealProblems() throws Exception {
        // Guards the test above against passing vacuously (e.g. a shellcheck that checks nothing).
        Path bad = Files.createTempFile("vprop-bad", ".sh");
        try {
            Files.writeString(bad, "#!/bin/sh\nrm -rf $1/*\n");
            Process p = new ProcessBuilder("shellcheck", "--format=gcc", bad.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(out).contains("SC2086");
        } finally {
            Files.deleteIfExists(bad);
        }
    }
}
