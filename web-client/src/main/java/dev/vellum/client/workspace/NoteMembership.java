package dev.vellum.client.workspace;

import dev.vellum.client.sync.WorkspaceMembership;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.workspace.EpochCommitments;
import dev.vellum.protocol.workspace.EpochKeyMismatchException;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import java.util.Optional;

/**
 * The membership log a workspace note's sync checks authors against, kept current while the note is open: a
 * refresh verifies the log again (and against this browser's pin, as every opening does) and, if it verifies, the
 * note goes on with it and with the epoch keys it brings (a rotation while the note is open). A log that no longer
 * verifies, rolls back or forks is not taken: the note keeps the one it had, and the author's claim stays unknown,
 * which the sync warns about.
 */
final class NoteMembership implements WorkspaceMembership {
    private OpenedWorkspace workspace;
    /** The note's own keyring, whose commitments follow {@link #workspace}'s log as it is refreshed. */
    private final EpochKeyring keyring;

    NoteMembership(OpenedWorkspace workspace) {
        this.workspace = workspace;
        this.keyring = new EpochKeyring(workspace.id(), new EpochCommitments() {
            @Override
            public int currentEpoch() {
                return NoteMembership.this.workspace.log().currentEpoch();
            }

            @Override
            public Optional<byte[]> commitment(int epoch) {
                return NoteMembership.this.workspace.log().epochCommitment(epoch);
            }
        });
        takeKeys(workspace);
    }

    /** Every epoch key the opened workspace reaches (each checked again against the log by {@code add}). */
    private void takeKeys(OpenedWorkspace opened) {
        for (int epoch = opened.currentEpoch(); epoch >= 0; epoch--) {
            try {
                keyring.add(opened.keyring().forEpoch(epoch));
            } catch (MissingEpochKeyException | EpochKeyMismatchException e) {
                // not reached (compacted history, or not sent yet): items of that epoch are reported unreadable
            }
        }
    }

    EpochKeyring keyring() {
        return keyring;
    }

    LogHead head() {
        return workspace.log().head();
    }

    @Override
    public boolean mayWrite(AccountId account, PublicIdentity identity, int epoch) {
        return workspace.log().mayWrite(account, identity, epoch);
    }

    @Override
    public boolean mayComment(AccountId account, PublicIdentity identity, int epoch) {
        return workspace.log().mayComment(account, identity, epoch);
    }

    @Override
    public MembershipLog.HeadComparison compare(LogHead claimed) {
        return workspace.log().compare(claimed);
    }

    @Override
    public void refresh(Runnable done) {
        workspace.session().open(workspace.id(), fresh -> {
            workspace = fresh;
            takeKeys(fresh);
            done.run();
        }, problem -> done.run());
    }

    @Override
    public boolean canWrite() {
        return workspace.canWrite() && workspace.holdsCurrentKey();
    }

    @Override
    public int currentEpoch() {
        return workspace.log().currentEpoch();
    }
}
