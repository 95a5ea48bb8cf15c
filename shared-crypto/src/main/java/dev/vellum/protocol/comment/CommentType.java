package dev.vellum.protocol.comment;

import dev.vellum.error.InvalidMessageException;

/** What a {@link CommentRecord} says; the byte is part of the wire format and never reused. */
public enum CommentType {
    /** A comment: a thread's first one (with the anchor), or a reply; also each later edit or deletion of it. */
    COMMENT(1),
    /** A thread's state: resolved, or reopened. The latest one wins (see the merge rules in docs/protocol.md). */
    THREAD_STATE(2);

    private final int code;

    CommentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CommentType fromCode(int code) throws InvalidMessageException {
        for (CommentType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new InvalidMessageException("unknown comment record type " + code);
    }
}
