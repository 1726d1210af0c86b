package io.vprop.research.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jars a cluster's executors need from this driver (spark.jars): every jar on the class path, with the jars its
 * manifest's Class-Path names (the sidecar jar lists its lib/), except those in the folder that holds Spark itself
 * (research-spark/target/lib: the cluster has its own Spark, Scala and Hadoop).
 */
final class ShippedJars {
    private ShippedJars() {
    }

    static List<String> of(String classPath) {
        Path sparkDir = sparkDir();
        Set<Path> jars = new LinkedHashSet<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (e.isBlank()) continue;
            add(Path.of(e).toAbsolutePath().normalize(), jars);
        }
        List<String> out = new ArrayList<>();
        for (Path j : jars) {
            if (sparkDir != null && sparkDir.equals(j.getParent())) continue;
            out.add(j.toUri().toString());
        }
        return out;
    }

    private static void add(Path p, Set<Path> jars) {
        if (!p.toString().endsWith(".jar") || !Files.isRegularFile(p) || !jars.add(p)) return;
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp == null) return;
            for (String e : cp.trim().split("\\s+")) {
                if (!e.isEmpty()) add(p.getParent().resolve(e).normalize(), jars);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static Path sparkDir() {
        try {
            var src = org.apache.spark.SparkContext.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI()).toAbsolutePath().normalize().getParent();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
