package dev.vellum.server.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.SealedTitle;
import dev.vellum.server.account.ApiError;

/**
 * What the server checks of a note's sealed title before storing it: the form ({@link SealedTitle#parse}), the
 * account that sends it as its signer, an epoch the workspace has reached, and the signature by that account's
 * identity, bound to this workspace and note (so a title cannot be moved to another note). It cannot open it;
 * readers check the signer may write in that epoch, as the log says, and open it.
 */
final class SealedTitles {
    static final int MAX_BYTES = 512;

    private SealedTitles() {
    }

    static void check(byte[] title, WorkspaceId workspace, NoteId note, AccountId sender, PublicIdentity identity,
                      int currentEpoch) throws ApiError {
        SealedTitle parsed;
        try {
            parsed = SealedTitle.parse(title);
        } catch (InvalidMessageException e) {
            throw invalid("The title is not a sealed title: " + e.getMessage());
        }
        if (!parsed.signer().equals(sender)) {
            throw invalid("A sealed title must be signed by the account that sends it.");
        }
        if (parsed.epoch() > currentEpoch) {
            throw invalid("A sealed title's epoch must be one the workspace has reached (0 to " + currentEpoch
                    + ").");
        }
        try {
            parsed.verifySignature(workspace, note, identity);
        } catch (InvalidSignatureException e) {
            throw invalid("The title is not signed by your identity key for this note.");
        }
    }

    private static ApiError invalid(String message) {
        return ApiError.of(400, "invalid_title", message);
    }
}
