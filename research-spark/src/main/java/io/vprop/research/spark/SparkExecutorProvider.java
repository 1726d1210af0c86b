package io.vprop.research.spark;

import io.vprop.research.sweep.SweepExecutor;
import io.vprop.research.sweep.SweepExecutorProvider;

/** Found by java.util.ServiceLoader (META-INF/services) when this module is on the class path. */
public final class SparkExecutorProvider implements SweepExecutorProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepExecutor open(String master, String appName) {
        return new SparkSweepExecutor(master, appName, java.util.Map.of());
    }
}
