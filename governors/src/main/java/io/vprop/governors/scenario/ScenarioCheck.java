package io.vprop.governors.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.governors.config.Timestamps;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code vprop governors check FILE|DIR...}: runs scenario files without a sidecar, prints one line per checkpoint
 * (or the same as JSON) and returns non-zero on any mismatch (1) or on a file that cannot be read or parsed (2).
 */
public final class ScenarioCheck {
    private ScenarioCheck() {}

    /** One file's outcome: its checkpoints, or the error that kept it from running. */
    record FileResult(Path file, String name, String profile, String error, List<ScenarioRunner.Verdict> verdicts) {
        boolean ok() { return error == null && !verdicts.isEmpty() && verdicts.stream().allMatch(ScenarioRunner.Verdict::passed); }
    }

    /** Every file's outcome, and the paths that named nothing to run. */
    record Report(List<String> pathErrors, List<FileResult> files) {
        int status() {
            if (!pathErrors.isEmpty() || files.isEmpty() || files.stream().anyMatch(f -> f.error() != null)) return 2;
            return files.stream().allMatch(FileResult::ok) ? 0 : 1;
        }

        long checkpoints() { return files.stream().mapToLong(f -> f.verdicts().size()).sum(); }

        long failed() {
            return files.stream().mapToLong(f -> f.error() != null ? 0
                    : f.verdicts().isEmpty() ? 1 : f.verdicts().stream().filter(v -> !v.passed()).count()).sum();
        }
    }

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

    /** Runs the files and prints one line per checkpoint; returns 0, 1 (a mismatch) or 2 (a file unreadable). */
    public static int run(List<Path> filesOrDirs, PrintStream out) {
        Report r = check(filesOrDirs);
        for (String e : r.pathErrors()) out.println("ERROR " + e);
        if (r.files().isEmpty() && r.pathErrors().isEmpty()) out.println("ERROR no scenario files found in " + filesOrDirs);
        for (FileResult f : r.files()) {
            if (f.error() != null) {
                out.println("ERROR " + f.file() + ": " + f.error());
                continue;
            }
            out.println("== " + f.file().getFileName() + " — " + f.name() + " [" + f.profile() + "]");
            for (ScenarioRunner.Verdict v : f.verdicts()) {
                out.println((v.passed() ? "  PASS " : "  FAIL ") + "#" + v.step() + " " + v.type() + " "
                        + Timestamps.format(v.timeMs()) + " " + v.summary());
                for (String m : v.mismatches()) out.println("       " + m);
            }
            if (f.verdicts().isEmpty()) out.println("  FAIL scenario has no checkpoints");
        }
        if (!r.files().isEmpty())
            out.println(r.files().size() + " scenario file(s), " + r.checkpoints() + " checkpoint(s), " + r.failed() + " failed, "
                    + r.files().stream().filter(f -> !f.ok()).count() + " file(s) failing");
        return r.status();
    }

    /** The same as {@link #run}, as one JSON document (for scripts); the same exit status. */
    public static int runJson(List<Path> filesOrDirs, PrintStream out) {
        Report r = check(filesOrDirs);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", r.status() == 0);
        doc.put("files_total", r.files().size());
        doc.put("files_failing", r.files().stream().filter(f -> !f.ok()).count());
        doc.put("checkpoints", r.checkpoints());
        doc.put("checkpoints_failed", r.failed());
        List<String> errors = new ArrayList<>(r.pathErrors());
        if (r.files().isEmpty() && r.pathErrors().isEmpty()) errors.add("no scenario files found in " + filesOrDirs);
        doc.put("errors", errors);
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileResult f : r.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", f.file().toString());
            m.put("ok", f.ok());
            if (f.error() != null) m.put("error", f.error());
            else {
                m.put("scenario", f.name());
                m.put("profile", f.profile());
                List<Map<String, Object>> cps = new ArrayList<>();
                for (ScenarioRunner.Verdict v : f.verdicts()) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("step", v.step());
                    c.put("type", v.type());
                    c.put("time", Timestamps.format(v.timeMs()));
                    c.put("passed", v.passed());
                    c.put("summary", v.summary());
                    c.put("mismatches", v.mismatches());
                    cps.add(c);
                }
                m.put("checkpoints", cps);
            }
            files.add(m);
        }
        doc.put("files", files);
        try {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the check as JSON: " + e.getMessage(), e);
        }
        return r.status();
    }

    static Report check(List<Path> filesOrDirs) {
        List<Path> paths = new ArrayList<>();
        List<String> pathErrors = new ArrayList<>();
        for (Path p : filesOrDirs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(paths::add);
                } catch (IOException e) {
                    pathErrors.add(p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                paths.add(p);
            } else {
                pathErrors.add(p + ": no such file or directory");
            }
        }
        List<FileResult> files = new ArrayList<>();
        for (Path f : paths) {
            try {
                Scenario s = ScenarioLoader.load(f);
                files.add(new FileResult(f, s.name(), s.profileRef(), null, ScenarioRunner.run(s)));
            } catch (RuntimeException e) {
                files.add(new FileResult(f, null, null, e.getMessage(), List.of()));
            }
        }
        return new Report(pathErrors, files);
    }
}
