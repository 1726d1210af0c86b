package io.vprop.memory.longterm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 during writes, reopen: every acknowledged record is present. */
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedTradeSurvivesSigkill() throws Exception {
        Path db = dir.resolve("kill.sqlite");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KillWriterMain.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        Set<Long> acked = new HashSet<>();
        long lastAck = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Long.parseLong(line.substring(4));
                    acked.add(lastAck);
                    if (lastAck == 300) {
                        // SIGKILL via the handle: Process.destroyForcibly would also close our end of the pipe,
                        // and we still want the acknowledgements already in flight.
                        child.toHandle().destroyForcibly();
                    }
                } else if (!line.equals("READY")) {
                    System.out.println("child: " + line);
                }
            }
        }
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(300);

        try (SqliteLongTermMemory reopened = SqliteLongTermMemory.open(db)) {
            for (long id : acked) {
                assertThat(reopened.trade(id)).as("acknowledged trade %d", id).isPresent();
            }
            // At most the one in-flight insert may exist beyond the last acknowledgement.
            assertThat(reopened.tradeCount()).isBetween((long) acked.size(), (long) acked.size() + 1);
        }
    }
}
