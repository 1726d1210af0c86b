package io.vprop.market.violation;

import io.vprop.kernel.SidecarKernel;

import java.sql.Connection;

/** Fixture for RulesCanFailTest: a "market" class using the kernel and JDBC, both forbidden to the domain. */
public final class ReachesUp {
    SidecarKernel kernel;
    Connection connection;

    private ReachesUp() {
    }
}
