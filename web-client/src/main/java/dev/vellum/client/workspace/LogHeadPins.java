package dev.vellum.client.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;

/**
 * Per workspace, the highest log head this browser verified (its sequence and entry hash), kept in
 * {@code localStorage}: a later log that is shorter is a rollback, and one with another hash at that sequence is a
 * fork. Pins only move forward. The store is this browser's alone and unencrypted: a head is public (the server has
 * it), and tampering with it locally only makes this browser raise a false alarm.
 */
public final class LogHeadPins {
    /** Where the pins are kept: {@code localStorage} in the browser, a map in tests. */
    public interface Storage {
        /** The stored text, or null. */
        String get(String key);

        void put(String key, String value);
    }

    static final String KEY_PREFIX = "vellum.log-head.";

    private final Storage storage;

    public LogHeadPins(Storage storage) {
        this.storage = storage;
    }

    /** The head pinned for the workspace; {@link LogHead#EMPTY} if none (or if what is kept is damaged). */
    public LogHead pinned(WorkspaceId workspace) {
        String text = storage.get(KEY_PREFIX + workspace);
        if (text == null) {
            return LogHead.EMPTY;
        }
        try {
            return LogHead.parse(Base64Url.decode(text, LogHead.LENGTH));
        } catch (InvalidMessageException | IllegalArgumentException e) {
            return LogHead.EMPTY; // damaged locally: nothing to compare with, the next verified head replaces it
        }
    }

    /**
     * Checks that {@code log} (already verified from genesis) extends the pinned head, then pins its head.
     *
     * @throws MembershipLogException with reason ROLLBACK or FORK; the pin is then left as it was
     */
    public void checkAndAdvance(MembershipLog log) throws MembershipLogException {
        log.checkExtends(pinned(log.workspaceId()));
        LogHead head = log.head();
        if (head.sequence() > pinned(log.workspaceId()).sequence()) {
            storage.put(KEY_PREFIX + log.workspaceId(), Base64Url.encode(head.encode()));
        }
    }

    /**
     * Pins a head someone vouched for (an inviter, in the sealed welcome of an invite link) if it is beyond the pin:
     * the log this browser later opens must extend it, so a server that shows the joiner another log than the
     * inviter's is caught.
     */
    public void pinClaimed(WorkspaceId workspace, LogHead claimed) {
        if (claimed.sequence() > pinned(workspace).sequence()) {
            storage.put(KEY_PREFIX + workspace, Base64Url.encode(claimed.encode()));
        }
    }
}
