package io.vprop.memory.longterm;

import io.vprop.memory.TestTrades;

import java.nio.file.Path;

/**
 * Child process of {@link KillNineTest}: inserts trades forever and prints "ACK id" after each insert
 * returned. The parent kills it with SIGKILL and checks every acknowledged id is in the database.
 */
public final class KillWriterMain {
    public static void main(String[] args) {
        try (SqliteLongTermMemory m = SqliteLongTermMemory.open(Path.of(args[0]))) {
            System.out.println("READY");
            System.out.flush();
            for (long id = 1; ; id++) {
                m.insertTrade(TestTrades.trade(id, "acc-kill", id % 2 == 0 ? 5 : -5));
                System.out.println("ACK " + id);
                System.out.flush();
            }
        }
    }
}
