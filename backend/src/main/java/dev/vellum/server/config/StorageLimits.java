package dev.vellum.server.config;

/**
 * How much one note, and one remote address, may store: the limits that keep one client from filling the disk.
 *
 * @param maxNoteBytes the most bytes one note's stored items may hold, counted after a snapshot's deletions
 * @param notesPerAddressPerHour new notes (a note is created by its first item) one IP address may make per hour
 * @param storedBytesPerAddressPerHour bytes of items one IP address may have stored per hour
 */
public record StorageLimits(long maxNoteBytes, int notesPerAddressPerHour, long storedBytesPerAddressPerHour) {
    /**
     * 64 MiB a note: far more than any text typed by hand. 60 new notes and 256 MiB an hour per address: a person
     * opening notes all day stays well inside, while one client that made 10,183 notes in 30 s and stored 1.8 GB a
     * minute is stopped within seconds.
     */
    public static final StorageLimits DEFAULTS = new StorageLimits(64L * 1024 * 1024, 60, 256L * 1024 * 1024);

    public StorageLimits {
        if (maxNoteBytes < 1024) {
            throw new IllegalArgumentException("max note size must be at least 1024 bytes, got " + maxNoteBytes);
        }
        if (notesPerAddressPerHour < 1) {
            throw new IllegalArgumentException("notes per address per hour must be at least 1, got "
                    + notesPerAddressPerHour);
        }
        if (storedBytesPerAddressPerHour < 1024) {
            throw new IllegalArgumentException("stored bytes per address per hour must be at least 1024, got "
                    + storedBytesPerAddressPerHour);
        }
    }
}
