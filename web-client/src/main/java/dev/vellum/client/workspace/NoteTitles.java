package dev.vellum.client.workspace;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import dev.vellum.protocol.workspace.SealedTitle;
import java.util.List;
import java.util.Set;

/**
 * Reads a note's sealed title from the list: opened under its epoch's key, its signer allowed to write under that
 * epoch (by the log), its signature checked with the identity the log records for them. A title that fails is shown
 * as {@link NoteEntry#UNREADABLE_TITLE}, with a warning; one whose epoch's key this person cannot reach (history
 * compacted away) is shown the same, without one.
 */
final class NoteTitles {
    private NoteTitles() {
    }

    /**
     * @param checkedBefore what this browser verified before: a title whose digest it holds opens without its
     *                      signature being checked again (see {@link VerifiedCache})
     * @param checkedNow    gets the digest of the title if it verified now or before
     */
    static NoteEntry read(MembershipLog log, LogIdentities identities, EpochKeyring keyring, WorkspaceId workspace,
                          WorkspaceServer.NoteRow row, List<WorkspaceProblem> warnings,
                          VerifiedCache.Checked checkedBefore, Set<String> checkedNow) {
        try {
            SealedTitle title = SealedTitle.parse(row.title());
            for (PublicIdentity identity : identities.of(title.signer())) {
                if (log.mayWrite(title.signer(), identity, title.epoch())) {
                    EpochKey key = keyring.forEpoch(title.epoch());
                    String digest = VerifiedCache.titleDigest(key.workspaceId(), row.noteId(), identity, title);
                    String text = checkedBefore.titleChecked(digest) ? title.openSignatureChecked(key, row.noteId())
                            : title.open(key, row.noteId(), identity);
                    checkedNow.add(digest);
                    return new NoteEntry(row.noteId(), text, true, row.updatedAt());
                }
            }
            warnings.add(WorkspaceProblem.of(Kind.UNVERIFIED_TITLE, "A note's title was set by someone the membership "
                    + "list does not let write here. It is not shown."));
        } catch (MissingEpochKeyException e) {
            // The epoch's key is not reached (history compacted away): nothing forged, nothing to show.
        } catch (InvalidSignatureException | AuthenticationFailedException | InvalidMessageException e) {
            warnings.add(WorkspaceProblem.of(Kind.UNVERIFIED_TITLE, "A note's title does not verify: it was altered, or "
                    + "its signature is not its author's. It is not shown."));
        }
        return new NoteEntry(row.noteId(), NoteEntry.UNREADABLE_TITLE, false, row.updatedAt());
    }
}
