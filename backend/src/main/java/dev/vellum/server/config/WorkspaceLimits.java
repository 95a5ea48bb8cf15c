package dev.vellum.server.config;

/**
 * How large workspaces may grow, and how fast one session may look people up: the caps that keep one account from
 * making the server hold or verify without bound. Sizes of single records (a log entry 4 KiB, a title 512 bytes, a
 * welcome 1 KiB, a contact book 256 KiB) are part of the protocol and fixed in the workspace package.
 *
 * @param maxMembers members and pending invitees one workspace may have
 * @param maxLogEntries entries one workspace's membership log may hold (each is verified by every reader)
 * @param maxNotes notes one workspace may hold
 * @param workspacesPerAccount workspaces one account may be a member of, and as many pending invitations again
 * @param userLookupsPerMinute {@code GET /api/users/{username}} one session may make a minute (bursts of as many)
 * @param workspaceReadsPerMinute the workspace GETs that read lists (workspaces, a membership log, keys, notes, join
 *                                requests, the contact book) one account may make a minute, over all its sessions
 *                                (bursts of as many)
 */
public record WorkspaceLimits(int maxMembers, int maxLogEntries, int maxNotes, int workspacesPerAccount,
                              int userLookupsPerMinute, int workspaceReadsPerMinute) {
    /**
     * 1,000 members and 10,000 log entries (a reader verifies 10,000 signatures in well under a second); 10,000 notes
     * a workspace; 100 workspaces an account; 30 user lookups a minute a session, far more than anyone types
     * usernames to invite, far too few to walk a list of names; 300 workspace reads a minute an account: a workspace
     * page opens with 5 of them, a tab polls its join requests 15 times a minute and a page waiting to be admitted
     * its workspaces 24 times, so ten tabs open and polling stay far below it, while a script asking for a
     * 10,000-entry log over and over is held to 5 a second.
     */
    public static final WorkspaceLimits DEFAULTS = new WorkspaceLimits(1_000, 10_000, 10_000, 100, 30, 300);

    public WorkspaceLimits {
        if (maxMembers < 2 || maxLogEntries < 2 || maxNotes < 1 || workspacesPerAccount < 1
                || userLookupsPerMinute < 1 || workspaceReadsPerMinute < 1) {
            throw new IllegalArgumentException("workspace limits must allow at least 2 members and log entries, and "
                    + "1 note, workspace, user lookup and read; got " + maxMembers + ", " + maxLogEntries + ", "
                    + maxNotes + ", " + workspacesPerAccount + ", " + userLookupsPerMinute + " and "
                    + workspaceReadsPerMinute);
        }
    }
}
