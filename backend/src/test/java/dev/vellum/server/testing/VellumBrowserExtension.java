package dev.vellum.server.testing;

import com.microsoft.playwright.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the server and Chromium once per test class (see {@link BrowserTest}) and closes them after it, with the
 * database in a folder of its own that is deleted afterwards. Injects, into {@code @BeforeAll} or test methods, the
 * {@link RunningServer}, the {@link Browser} and, with {@code captureServerLog}, the {@link LogCapture}.
 */
public final class VellumBrowserExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(VellumBrowserExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        boolean captureLog = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), BrowserTest.class)
                .map(BrowserTest::captureServerLog).orElse(false);
        // Before the server starts, so the log of its start-up is captured too.
        LogCapture log = captureLog ? LogCapture.everything() : null;
        Path dataDir = Files.createTempDirectory("vellum-e2e");
        context.getStore(NAMESPACE).put(Fixture.class,
                new Fixture(ServerAndBrowser.start(TestConfigs.inFolder(dataDir)), log, dataDir));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningServer.class || type == Browser.class || type == LogCapture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).get(Fixture.class, Fixture.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == RunningServer.class) {
            return fixture.running().server();
        } else if (type == Browser.class) {
            return fixture.running().browser();
        } else if (fixture.log() == null) {
            throw new ParameterResolutionException("the server's log is captured only with"
                    + " @BrowserTest(captureServerLog = true)");
        }
        return fixture.log();
    }

    /** What one class runs against; JUnit closes it when the class is done. */
    private record Fixture(ServerAndBrowser running, LogCapture log, Path dataDir)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            try {
                running.close();
            } finally {
                if (log != null) {
                    log.close();
                }
                deleteRecursively(dataDir);
            }
        }

        private static void deleteRecursively(Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
