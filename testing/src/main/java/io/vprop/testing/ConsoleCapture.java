package io.vprop.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures {@code System.out} and {@code System.err} around each test of a command-line test, and puts the real
 * streams back afterwards even when the test fails. Register it as a field:
 * <pre>{@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}</pre>
 * Tests that swap the process-wide streams must not run in parallel with each other (surefire runs classes one by
 * one here).
 */
public final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        realOut = System.out;
        realErr = System.err;
        reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    /** What the test printed on standard output so far (since the last {@link #reset()}). */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the test printed on standard error so far (since the last {@link #reset()}). */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was captured, to look at the next command's output alone. */
    public void reset() {
        out.reset();
        err.reset();
    }
}
