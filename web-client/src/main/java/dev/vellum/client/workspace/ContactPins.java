package dev.vellum.client.workspace;

import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * This person's contact book: the identity key first seen for each account (trust on first use), and which ones
 * they marked verified after comparing safety numbers. Kept on the server sealed under a key derived from their
 * identity key, so only they read it; saved with compare-and-swap on its revision, and merged on a conflict (two
 * tabs or devices pinning at once): pins are a union, a verified mark is kept, and a CHANGED key is never
 * overwritten silently: the person must accept it ({@link #acceptNewKey}).
 */
public final class ContactPins {
    private final WorkspaceServer server;
    private final UnlockedAccount account;
    private final LongSupplier clock;

    private ContactPins(WorkspaceServer server, UnlockedAccount account, LongSupplier clock) {
        this.server = server;
        this.account = account;
        this.clock = clock;
    }

    /** Fetches and opens the stored book (an empty one for a new account). */
    public static void load(WorkspaceServer server, UnlockedAccount account, LongSupplier clock,
                            Consumer<ContactPins> ok, Consumer<WorkspaceProblem> failed) {
        throw new UnsupportedOperationException("ContactPins.load: filled in once ContactBook (ws-crypto) is merged");
    }

    /** Whether this person marked exactly this identity of the account as verified. */
    public boolean isVerified(AccountId accountId, PublicIdentity identity) {
        throw new UnsupportedOperationException("filled in once ContactBook (ws-crypto) is merged");
    }

    /** Whether this browser pinned another identity for the account than {@code identity}. */
    public boolean keyChanged(AccountId accountId, PublicIdentity identity) {
        throw new UnsupportedOperationException("filled in once ContactBook (ws-crypto) is merged");
    }

    /** Marks the identity verified (pinning it if new) and saves the book. */
    public void markVerified(AccountId accountId, Username username, PublicIdentity identity, Runnable saved,
                             Consumer<WorkspaceProblem> failed) {
        throw new UnsupportedOperationException("filled in once ContactBook (ws-crypto) is merged");
    }

    /**
     * The person decided to trust the new key of a person whose key changed: it replaces the pin (not verified) and
     * the book is saved. Only ever called from the person's explicit choice in the key-change alert.
     */
    public void acceptNewKey(WorkspaceProblem.KeyChange change, Runnable saved, Consumer<WorkspaceProblem> failed) {
        throw new UnsupportedOperationException("filled in once ContactBook (ws-crypto) is merged");
    }
}
