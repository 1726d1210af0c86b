package io.vprop.ops.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.vprop.config.VpropConfig;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Adds the rotating log file the configuration asks for ({@code log.dir}, {@code log.json}) to the console logging
 * of logback.xml: {@code vprop.log}, rolled daily and at 10 MB, 30 files and 1 GB at most, gzip-compressed. Done in
 * code rather than in logback.xml because the directory and format are configuration keys, known only after the
 * config is loaded (and logback.xml without Janino has no conditionals).
 */
public final class LogSetup {
    private LogSetup() { }

    static final String APPENDER = "VPROP_FILE";

    /** Applies {@code log.dir}/{@code log.json}; idempotent (a second call replaces the first file appender). */
    public static void apply(VpropConfig cfg) {
        String dir = cfg.get("log.dir");
        if (dir.isEmpty()) return;
        fileAppender(Path.of(dir), cfg.getBool("log.json"));
    }

    /** Only warnings and errors from {@code logger} and below (a command whose own output tells the story). */
    public static void warningsOnly(String logger) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) ctx.getLogger(logger).setLevel(ch.qos.logback.classic.Level.WARN);
    }

    /**
     * The console log on stderr from now on (logback.xml writes it to stdout): a command printing a JSON document on
     * stdout keeps it alone there, with the warnings of the run (the governors' events) beside its progress on stderr.
     */
    public static void consoleToStderr() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        for (var it = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ch.qos.logback.core.ConsoleAppender<ILoggingEvent> console
                    && !"System.err".equals(console.getTarget())) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            }
        }
    }

    public static void fileAppender(Path dir, boolean json) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return; // another SLF4J backend: its own config
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var old = root.getAppender(APPENDER);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(ctx);
        file.setName(APPENDER);
        file.setFile(dir.resolve("vprop.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(file);
        policy.setFileNamePattern(dir.resolve("vprop.%d{yyyy-MM-dd}.%i.log" + (json ? ".json" : "") + ".gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(30);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        file.setRollingPolicy(policy);
        Encoder<ILoggingEvent> encoder;
        if (json) {
            JsonEncoder j = new JsonEncoder();
            j.setWithSequenceNumber(false);
            j.setWithNanoseconds(false);
            j.setWithContext(false);
            j.setWithFormattedMessage(true); // the message with its {} filled in, what a reader wants
            encoder = j;
        } else {
            PatternLayoutEncoder p = new PatternLayoutEncoder();
            p.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} - %msg%n");
            encoder = p;
        }
        encoder.setContext(ctx);
        encoder.start();
        file.setEncoder(encoder);
        policy.start();
        file.start();
        root.addAppender(file);
    }
}
