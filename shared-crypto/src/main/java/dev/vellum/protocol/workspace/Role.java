package dev.vellum.protocol.workspace;

import dev.vellum.error.InvalidMessageException;

/**
 * TEMPORARY STAND-IN (ws-client) for the lead's {@code Role} on branch {@code ws-core}, written from
 * WORKSPACES-SPEC.md section 1 so that the browser's workspace API compiles before ws-core lands. On merging ws-core,
 * take ws-core's file.
 */
public enum Role {
    OWNER(1), EDITOR(2), VIEWER(3);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Role fromCode(int code) throws InvalidMessageException {
        for (Role role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        throw new InvalidMessageException("unknown role " + code);
    }

    public boolean canWrite() {
        return this == OWNER || this == EDITOR;
    }

    public boolean canManage() {
        return this == OWNER;
    }
}
