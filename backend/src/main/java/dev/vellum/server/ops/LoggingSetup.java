package dev.vellum.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * Configures the logging backend at start-up. The server, Vert.x, Netty, HikariCP and Flyway all log through SLF4J,
 * which hands every record to java.util.logging (slf4j-jdk14): one backend, in the JDK, configured by one properties
 * file. Unless the operator names their own with {@code -Djava.util.logging.config.file=...}, the server's
 * {@value #BUNDLED} applies: one line per record on stderr, INFO and above.
 */
public final class LoggingSetup {
    static final String BUNDLED = "/vellum-logging.properties";

    private LoggingSetup() {
    }

    /** Applies {@value #BUNDLED} unless the JVM was given a logging configuration; call before anything logs. */
    public static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try (InputStream bundled = LoggingSetup.class.getResourceAsStream(BUNDLED)) {
            if (bundled == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the server's jar");
            }
            LogManager.getLogManager().readConfiguration(bundled);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + BUNDLED, e);
        }
    }
}
