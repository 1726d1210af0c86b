package io.vprop.governors.scenario;

import io.vprop.governors.config.Timestamps;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code vprop governors check FILE|DIR...}: runs scenario files without a sidecar, prints one line per checkpoint
 * and returns non-zero on any mismatch (1) or on a file that cannot be read or parsed (2).
 */
public final class ScenarioCheck {
    private ScenarioCheck() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ScenarioCheck FILE|DIR...");
            System.exit(2);
        }
        System.exit(run(Stream.of(args).map(Path::of).toList(), System.out));
    }

    /**
     * Reads and checks one scenario file without running it, as {@link #run} does first: a bad file throws the
     * loader's error, a {@link io.vprop.governors.profile.ProfileException} naming the field or an
     * IllegalArgumentException naming the file (the fuzz harness calls this).
     *
     * @return the number of steps
     */
    public static int validate(Path file) {
        return ScenarioLoader.load(file).steps().size();
    }

    public static int run(List<Path> filesOrDirs, PrintStream out) {
        List<Path> files = new ArrayList<>();
        int status = 0;
        for (Path p : filesOrDirs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
                } catch (IOException e) {
                    out.println("ERROR " + p + ": " + e.getMessage());
                    status = 2;
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                out.println("ERROR " + p + ": no such file or directory");
                status = 2;
            }
        }
        if (files.isEmpty() && status == 0) {
            out.println("ERROR no scenario files found in " + filesOrDirs);
            return 2;
        }
        int checkpoints = 0;
        int failed = 0;
        int failedFiles = 0;
        for (Path f : files) {
            List<ScenarioRunner.Verdict> verdicts;
            try {
                Scenario s = ScenarioLoader.load(f);
                verdicts = ScenarioRunner.run(s);
                out.println("== " + f.getFileName() + " — " + s.name() + " [" + s.profileRef() + "]");
            } catch (RuntimeException e) {
                out.println("ERROR " + f + ": " + e.getMessage());
                status = 2;
                failedFiles++;
                continue;
            }
            boolean fileOk = true;
            for (ScenarioRunner.Verdict v : verdicts) {
                checkpoints++;
                out.println((v.passed() ? "  PASS " : "  FAIL ") + "#" + v.step() + " " + v.type() + " "
                        + Timestamps.format(v.timeMs()) + " " + v.summary());
                for (String m : v.mismatches()) out.println("       " + m);
                if (!v.passed()) {
                    failed++;
                    fileOk = false;
                }
            }
            if (verdicts.isEmpty()) {
                out.println("  FAIL scenario has no checkpoints");
                failed++;
                fileOk = false;
            }
            if (!fileOk) failedFiles++;
        }
        out.println(files.size() + " scenario file(s), " + checkpoints + " checkpoint(s), " + failed + " failed, "
                + failedFiles + " file(s) failing");
        if (failed > 0 && status == 0) status = 1;
        return status;
    }
}
