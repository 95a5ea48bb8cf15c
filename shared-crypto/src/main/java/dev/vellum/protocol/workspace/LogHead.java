package dev.vellum.protocol.workspace;

/**
 * STAND-IN for the lead's LogHead (branch ws-core), written from WORKSPACES-SPEC.md section 1 so that ws-crypto
 * compiles before ws-core lands; the lead's version replaces this file at merge.
 */
public record LogHead(long sequence, byte[] entryHash) {
    public static final LogHead EMPTY = new LogHead(-1, new byte[32]);
}
