package dev.vellum.protocol.item;

import dev.vellum.error.InvalidMessageException;

/** What a stored {@link NoteItem} holds; the byte is part of the wire format and never reused. */
public enum NoteItemKind {
    /** A batch of edits: text CRDT ops. */
    UPDATE(1),
    /** The whole note as of a stored revision, so that opening it need not replay every update before. */
    SNAPSHOT(2),
    /**
     * Comment records ({@code dev.vellum.protocol.comment.CommentBatch}): in the item stream like edits, with the
     * same checks; covers nothing, like an update.
     */
    COMMENT(3);

    private final int code;

    NoteItemKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NoteItemKind fromCode(int code) throws InvalidMessageException {
        for (NoteItemKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new InvalidMessageException("unknown note item kind " + code);
    }
}
