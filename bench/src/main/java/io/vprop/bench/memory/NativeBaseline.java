package io.vprop.bench.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds and runs faiss_baseline.cpp: the native FAISS side of the JavaCPP overhead comparison. */
final class NativeBaseline {

    record Result(int ef, double p50us, double p99us, double meanUs) {}

    private final Path binary;

    private NativeBaseline(Path binary) {
        this.binary = binary;
    }

    /** Compiles the baseline with g++ -O2 against the system libfaiss into {@code workDir}. */
    static NativeBaseline build(Path repoRoot, Path workDir) throws IOException, InterruptedException {
        Path src = repoRoot.resolve("bench/src/main/java/io/vprop/bench/memory/faiss_baseline.cpp");
        if (!Files.isRegularFile(src)) {
            throw new IOException("native baseline source missing: " + src);
        }
        Path bin = workDir.resolve("faiss_baseline");
        run(List.of("g++", "-O2", "-std=c++17", "-fopenmp", "-o", bin.toString(), src.toString(), "-lfaiss", "-llapack", "-lblas"),
                Duration.COMPILE);
        return new NativeBaseline(bin);
    }

    Map<Integer, Result> run(Path indexFile, float[] queries, int nq, int d, int k, int[] efs, int repeats, Path workDir)
            throws IOException, InterruptedException {
        Path qfile = workDir.resolve("queries.f32");
        ByteBuffer b = ByteBuffer.allocate(nq * d * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(queries, 0, nq * d);
        Files.write(qfile, b.array());
        StringBuilder efList = new StringBuilder();
        for (int ef : efs) {
            efList.append(efList.length() == 0 ? "" : ",").append(ef);
        }
        String out = run(List.of(binary.toString(), indexFile.toString(), qfile.toString(), String.valueOf(nq), String.valueOf(d),
                String.valueOf(k), efList.toString(), String.valueOf(repeats)), Duration.RUN);
        Map<Integer, Result> results = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 8 && f[0].equals("ef")) {
                int ef = Integer.parseInt(f[1]);
                results.put(ef, new Result(ef, Double.parseDouble(f[3]), Double.parseDouble(f[5]), Double.parseDouble(f[7])));
            }
        }
        if (results.size() != efs.length) {
            throw new IOException("native baseline printed unexpected output:\n" + out);
        }
        return results;
    }

    private enum Duration { COMPILE, RUN }

    private static String run(List<String> cmd, Duration kind) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(kind == Duration.COMPILE ? 300 : 3600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
