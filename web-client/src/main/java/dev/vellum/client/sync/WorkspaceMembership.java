package dev.vellum.client.sync;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MembershipLog;

/**
 * What a workspace note's sync asks of the workspace's verified membership log: who may write under which epoch, how
 * a log head an author claims compares with the log, and to fetch the log again when an author has seen a later one.
 * A note shared by link has none. Implemented by the workspace package over the log it verified.
 */
public interface WorkspaceMembership {
    /**
     * Whether an item under {@code epoch} by {@code account}, whose device certificate names {@code identity}, may
     * be applied (see {@link MembershipLog#mayWrite}).
     */
    boolean mayWrite(AccountId account, PublicIdentity identity, int epoch);

    /**
     * Whether a comment under {@code epoch} by {@code account}, whose device certificate names {@code identity}, may
     * be applied: any member of that epoch, viewers too (see {@link MembershipLog#mayComment}).
     */
    boolean mayComment(AccountId account, PublicIdentity identity, int epoch);

    /** How a head an author claims compares with the verified log. */
    MembershipLog.HeadComparison compare(LogHead claimed);

    /**
     * Fetches the log again, verifies it (against this browser's pinned head, as always) and, if it verifies, goes
     * on with it and with any newer epoch keys; then runs {@code done}, whether or not the log moved.
     */
    void refresh(Runnable done);

    /** Whether this person may write in the workspace's notes now (owner or editor); a viewer's editor is read-only. */
    boolean canWrite();

    /** The workspace's current key epoch, as the verified log says: what new items (and re-encryptions) use. */
    int currentEpoch();
}
