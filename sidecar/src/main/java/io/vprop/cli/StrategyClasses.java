package io.vprop.cli;

import io.vprop.strategy.Strategy;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A user's strategy class named on the command line (--strategy CLASS, found on --class-path DIR|JAR…). */
final class StrategyClasses {
    private StrategyClasses() {
    }

    /** The class, or an error naming the option and what is wrong (exit code 1). */
    static Class<? extends Strategy> load(String name, List<Path> classPath, String builtIns) {
        ClassLoader loader = StrategyClasses.class.getClassLoader();
        if (!classPath.isEmpty()) {
            List<URL> urls = new ArrayList<>();
            for (Path p : classPath) {
                if (!Files.exists(p)) throw new IllegalArgumentException("--class-path " + p + ": no such directory or jar");
                try {
                    urls.add(p.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("--class-path " + p + ": " + e.getMessage(), e);
                }
            }
            loader = new URLClassLoader(urls.toArray(new URL[0]), loader);
        }
        Class<?> c;
        try {
            c = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--strategy " + name + ": not " + builtIns + " or a class on the class path"
                    + (classPath.isEmpty() ? " (add its directory or jar with --class-path)" : ""), e);
        }
        if (!Strategy.class.isAssignableFrom(c))
            throw new IllegalArgumentException("--strategy " + name + " does not implement io.vprop.strategy.Strategy");
        return c.asSubclass(Strategy.class);
    }
}
