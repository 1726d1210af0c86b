package io.vprop.ops.install;

import java.io.IOException;
import java.util.List;

/**
 * Runs an operating-system command (useradd, systemctl, schtasks) and returns its exit code. The installer only
 * ever changes the system through this, so tests can run it against a temporary tree without touching the host.
 */
@FunctionalInterface
public interface CommandRunner {
    int run(List<String> command);

    /** The real thing: inherits stdout/stderr so the trader sees what systemctl or schtasks says. */
    CommandRunner SYSTEM = command -> {
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new InstallException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException("interrupted while running " + String.join(" ", command), e);
        }
    };

    /** Runs a command that must succeed. */
    default void require(List<String> command) {
        int rc = run(command);
        if (rc != 0) throw new InstallException(String.join(" ", command) + " failed with exit code " + rc);
    }
}
