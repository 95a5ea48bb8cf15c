package dev.vellum.client.workspace;

import dev.vellum.client.account.ApiError;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;

/**
 * Why a workspace could not be opened or an action did not happen, in words for the person. The security kinds
 * ({@link #blocking()}) are attacks or their traces: the UI shows them in a blocking alert dialog, and nothing was
 * sealed, sent or trusted on the way to them. The others are ordinary refusals and outages.
 *
 * @param apiError the server's refusal, for {@link Kind#SERVER}; else null
 * @param keyChange the pinned and the presented key, for {@link Kind#KEY_CHANGED}; else null
 */
public record WorkspaceProblem(Kind kind, String message, ApiError apiError, KeyChange keyChange) {
    public enum Kind {
        // --- blocking: a check failed, something was forged, withheld or swapped -----------------------------
        /** The server presents another identity key for a person than the one this person pinned. */
        KEY_CHANGED,
        /** The membership log does not verify (bad signature, broken chain, an entry nobody was allowed to sign). */
        LOG_INVALID,
        /** The log is shorter than the one this browser verified before. */
        ROLLBACK,
        /** The log differs from the one this browser verified before, or from the one a note's author saw. */
        FORK,
        /** A key envelope holds a key that is not the epoch's, is from someone who never was an owner, or is old. */
        OLD_EPOCH_KEY,
        /** A join request or invitation does not verify against the log. */
        FORGED_REQUEST,
        // --- not blocking ------------------------------------------------------------------------------------
        /** The server refused or could not be reached; see {@link #apiError()}. */
        SERVER,
        /** This person holds no key for the workspace (yet): no envelope addressed to them opens. */
        NO_KEY,
        /** The person's role does not allow this, or the log forbids it (the last owner, say). */
        NOT_ALLOWED,
        /** What the person typed is not acceptable (an empty or too long name); the message says why. */
        INVALID_INPUT,
        /** An invite link that expired, was revoked, was used, or is damaged. */
        INVITATION_UNUSABLE,
        /** A note title failed its checks (altered, or signed by someone who may not write); it is not shown. */
        UNVERIFIED_TITLE
    }

    /** A person whose key changed: who, the key this browser pinned, and the one the server presents now. */
    public record KeyChange(AccountId accountId, Username username, PublicIdentity pinned,
                            PublicIdentity presented) {
    }

    /** Whether this is a security alert the UI must show in a blocking dialog. */
    public boolean blocking() {
        return switch (kind) {
            case KEY_CHANGED, LOG_INVALID, ROLLBACK, FORK, OLD_EPOCH_KEY, FORGED_REQUEST -> true;
            default -> false;
        };
    }

    public static WorkspaceProblem of(Kind kind, String message) {
        return new WorkspaceProblem(kind, message, null, null);
    }

    /** A refusal of the server, or a failure to reach it, in words for the person. */
    public static WorkspaceProblem server(ApiError error) {
        String message;
        if (error.is(ApiError.UNREACHABLE)) {
            message = "The server could not be reached. Check the connection and try again.";
        } else if (error.is(ApiError.UNREADABLE)) {
            message = "The server sent an answer this browser cannot read (status " + error.status() + ").";
        } else if (error.status() == 429) {
            message = "Too many requests. Try again in " + Math.max(1, error.retryAfterSeconds()) + " seconds.";
        } else {
            message = error.message().isEmpty() ? "The server refused (" + error.code() + ")." : error.message();
        }
        return new WorkspaceProblem(Kind.SERVER, message, error, null);
    }

    public static WorkspaceProblem keyChanged(KeyChange change) {
        return new WorkspaceProblem(Kind.KEY_CHANGED, "The server now presents a different key for "
                + change.username() + " than the one this browser saw before. This can mean that they set up their "
                + "account again, or that someone (the server, say) is trying to read what is sent to them. Nothing "
                + "was sent to them. Compare your safety number with " + change.username() + " in person or by "
                + "a call before you accept the new key.", null, change);
    }
}
