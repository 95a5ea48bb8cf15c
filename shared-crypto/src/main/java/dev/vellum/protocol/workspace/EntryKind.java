package dev.vellum.protocol.workspace;

import dev.vellum.error.InvalidMessageException;

/** The kind byte of a membership entry; each has one body layout (see {@link EntryBody}). */
public enum EntryKind {
    CREATE(1),
    INVITE(2),
    ACCEPT(3),
    DECLINE(4),
    REMOVE(5),
    CHANGE_ROLE(6),
    ROTATE(7),
    LINK_INVITE(8),
    LINK_REVOKE(9),
    LINK_CONFIRM(10),
    RENAME(11);

    private final int code;

    EntryKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EntryKind fromCode(int code) throws InvalidMessageException {
        for (EntryKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new InvalidMessageException("unknown membership entry kind " + code);
    }
}
