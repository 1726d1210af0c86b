package io.vprop.cli;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A command's arguments as a Spark executor parses them again to build the same runner or lab input: every option
 * given except --spark-master, file paths made absolute (the executor's working folder is not the driver's), so
 * --data and the history file must be the same path on every executor (a shared or mounted folder).
 */
final class SparkArgs {
    private SparkArgs() {
    }

    static List<String> of(ParseResult parsed) {
        List<String> words = new ArrayList<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            if (o.longestName().equals("--spark-master")) continue;
            boolean path = isPath(o.type(), o.auxiliaryTypes());
            for (String v : o.originalStringValues()) {
                words.add(o.longestName());
                boolean file = path || (o.longestName().equals("--profile") && v.endsWith(".json"));
                words.add(file ? absolute(v) : v);
            }
        }
        for (PositionalParamSpec p : parsed.matchedPositionals()) {
            boolean path = isPath(p.type(), p.auxiliaryTypes());
            for (String v : p.originalStringValues()) words.add(path ? absolute(v) : v);
        }
        return List.copyOf(words);
    }

    private static boolean isPath(Class<?> type, Class<?>[] aux) {
        return type == Path.class || Arrays.asList(aux).contains(Path.class);
    }

    private static String absolute(String v) {
        return Path.of(v).toAbsolutePath().normalize().toString();
    }
}
