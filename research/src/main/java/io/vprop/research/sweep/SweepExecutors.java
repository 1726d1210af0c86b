package io.vprop.research.sweep;

import java.util.ServiceLoader;

/** Finds a cluster executor on the class path. */
public final class SweepExecutors {
    private SweepExecutors() {
    }

    /**
     * The Spark executor connected to {@code master}; an error telling how to get it when the research-spark module
     * is not on the class path (install/vprop adds it to walkforward and challenge once it is built).
     */
    public static SweepExecutor spark(String master, String appName) {
        for (SweepExecutorProvider p : ServiceLoader.load(SweepExecutorProvider.class)) {
            if (p.name().equals("spark")) return p.open(master, appName);
        }
        throw new IllegalStateException("--spark-master " + master + ": the Spark executor (module research-spark) is "
                + "not on the class path; build it (mvn -DskipTests package) and run through install/vprop, which adds "
                + "research-spark/target/vprop-research-spark.jar and its lib/ to walkforward and challenge");
    }
}
