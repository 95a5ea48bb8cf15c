package dev.vellum.client.workspace;

/**
 * Per workspace, the highest log head this browser verified (its sequence and entry hash), kept in
 * {@code localStorage}: a later log that is shorter is a rollback, and one with another hash at that sequence is a
 * fork. Pins only move forward. The store is this browser's alone and unencrypted: a head is public (the server has
 * it) and tampering with it locally only makes this browser raise a false alarm.
 */
public final class LogHeadPins {
    /** Where the pins are kept: {@code localStorage} in the browser, a map in tests. */
    public interface Storage {
        /** The stored text, or null. */
        String get(String key);

        void put(String key, String value);
    }

    static final String KEY_PREFIX = "vellum.log-head.";

    private final Storage storage;

    public LogHeadPins(Storage storage) {
        this.storage = storage;
    }
}
