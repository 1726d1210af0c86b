package io.vprop.research.sweep;

/**
 * A cluster executor a module on the class path offers (java.util.ServiceLoader): {@code research-spark} provides the
 * Spark one. Research itself knows no cluster library.
 */
public interface SweepExecutorProvider {
    /** "spark": the option that selects it is {@code --spark-master}. */
    String name();

    /**
     * Connects to {@code master} (for Spark: local[N], spark://host:port, yarn, k8s://…).
     *
     * @param appName shown in the cluster's UI
     */
    SweepExecutor open(String master, String appName);
}
