package dev.vellum.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An end-to-end test class in Chromium against the real server: one server (with its database in a fresh folder)
 * and one browser for the whole class, from {@link VellumBrowserExtension}. Tagged {@code browser}, so it runs in
 * the failsafe tier ({@code mvn verify}) and not in {@code mvn test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(VellumBrowserExtension.class)
public @interface BrowserTest {
    /**
     * Records everything the server logs from before it starts, for a test that proves what never reaches a log;
     * the {@link LogCapture} can then be injected.
     */
    boolean captureServerLog() default false;
}
