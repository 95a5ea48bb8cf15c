package dev.vellum.client.sync;

/** What the person should know about their note's connection, shown beside the editor. */
public enum SyncStatus {
    CONNECTING("Connecting…"),
    LOADING("Decrypting…"),
    SAVING("Saving…"),
    SAVED("Saved, end-to-end encrypted"),
    OFFLINE("Offline, reconnecting"),
    REFUSED("The server refused a change"),
    UNREADABLE("This note could not be opened"),
    ELSEWHERE("Now edited in another tab"),
    SESSION_ENDED("Your session ended");

    private final String label;

    SyncStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
