package dev.vellum.client.workspace;

import dev.vellum.protocol.id.NoteId;

/**
 * A note of a workspace as its list shows it.
 *
 * @param title the decrypted title, whose signer may write and whose signature verified; if not, a placeholder
 *              ({@link #UNREADABLE_TITLE}) and {@code titleVerified} false (a warning says why)
 * @param updatedAt the server's time of the last change, in ms since the epoch, or -1
 */
public record NoteEntry(NoteId noteId, String title, boolean titleVerified, long updatedAt) {
    /** What the list shows for a title that fails its checks. */
    public static final String UNREADABLE_TITLE = "(title could not be verified)";
    /** What the list shows for an empty title. */
    public static final String UNTITLED = "Untitled";

    /** The link text: the title, or "Untitled" for an empty one. */
    public String label() {
        return title.isEmpty() ? UNTITLED : title;
    }
}
