package dev.vellum.client.account;

/**
 * Named moments of a login or sign-up, for the login benchmark: in the browser {@code performance.mark}, on the JVM
 * nothing. The steps mark themselves; the benchmark reads the marks from the page.
 */
@FunctionalInterface
public interface Timings {
    Timings NONE = name -> { };

    void mark(String name);
}
