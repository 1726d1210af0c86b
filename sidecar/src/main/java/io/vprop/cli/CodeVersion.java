package io.vprop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The version of the code a result depends on, as the SHA-256 of where classes were loaded from: the .class files
 * (names and bytes) of a jar or of a classes folder. Any change to the compiled code makes checkpointed units
 * stale; a rebuild of unchanged sources does not. Computed once per location and JVM. (Here, not in research: the
 * domain modules do not touch java.net, and a class's location is a URL.)
 */
final class CodeVersion {
    private static final Map<String, String> BY_LOCATION = new ConcurrentHashMap<>();

    private CodeVersion() {
    }

    /** "module-hash,module-hash…" of the classes' distinct locations (first 16 hex digits each). */
    static String of(Class<?>... classes) {
        Set<String> locations = new LinkedHashSet<>();
        for (Class<?> c : classes) locations.add(location(c));
        StringJoiner j = new StringJoiner(",");
        for (String l : locations) j.add(BY_LOCATION.computeIfAbsent(l, CodeVersion::hash).substring(0, 16));
        return j.toString();
    }

    private static String location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        if (url == null) return "jdk:" + c.getName();
        return url.toString();
    }

    private static String hash(String location) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            if (location.startsWith("jdk:")) {
                d.update((location + Runtime.version()).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d.digest());
            }
            Path p = Path.of(new URL(location).toURI());
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(p)) {
                    files = s.filter(f -> f.toString().endsWith(".class")).sorted().toList();
                }
                for (Path f : files) {
                    d.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    d.update(Files.readAllBytes(f));
                }
            } else {
                try (ZipFile jar = new ZipFile(p.toFile())) {       // entries' names and bytes, not their timestamps
                    List<? extends ZipEntry> entries = jar.stream().filter(e -> e.getName().endsWith(".class"))
                            .sorted(Comparator.comparing(ZipEntry::getName)).toList();
                    for (ZipEntry e : entries) {
                        d.update(e.getName().getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(e)) {
                            d.update(in.readAllBytes());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code at " + location + ": " + e.getMessage(), e);
        } catch (URISyntaxException | NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot fingerprint the code at " + location + ": " + e.getMessage(), e);
        }
    }
}
