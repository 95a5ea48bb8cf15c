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
     * @param checkedBefore what this browser verified before: a title it opened from exactly these bytes, with the
     *                      same signer identity, is not checked and opened again (see {@link VerifiedCache})
     * @param keptNow       gets the title if it opened, now or before, to keep for the next opening
     */
    static NoteEntry read(MembershipLog log, LogIdentities identities, EpochKeyring keyring, WorkspaceId workspace,
                          WorkspaceServer.NoteRow row, List<WorkspaceProblem> warnings,
                          VerifiedCache.Checked checkedBefore, List<VerifiedCache.KeptTitle> keptNow) {
        try {
            SealedTitle title = SealedTitle.parse(row.title());
            for (PublicIdentity identity : identities.of(title.signer())) {
                if (log.mayWrite(title.signer(), identity, title.epoch())) {
                    EpochKey key = keyring.forEpoch(title.epoch()); // still held: nothing shown from erased history
                    VerifiedCache.KeptTitle kept = checkedBefore.title(row.noteId(), row.title());
                    String text = kept != null && kept.checkedWith(identity) ? kept.text()
                            : title.open(key, row.noteId(), identity);
                    keptNow.add(VerifiedCache.kept(row.noteId(), identity, title, text));
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
