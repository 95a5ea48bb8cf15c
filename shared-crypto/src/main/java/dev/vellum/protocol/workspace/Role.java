package dev.vellum.protocol.workspace;

import dev.vellum.error.InvalidMessageException;

/**
 * What a member may do in a workspace. Owners manage membership (invite, remove, change roles, rotate the key,
 * make invite links, rename); owners and editors write notes and titles; viewers read.
 */
public enum Role {
    OWNER(1),
    EDITOR(2),
    VIEWER(3);

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

    /** Whether this role writes notes and titles. */
    public boolean canWrite() {
        return this != VIEWER;
    }

    /** Whether this role changes membership. */
    public boolean canManage() {
        return this == OWNER;
    }

    /** The role's name for people: "owner", "editor", "viewer". */
    public String displayName() {
        return name().toLowerCase();
    }
}
