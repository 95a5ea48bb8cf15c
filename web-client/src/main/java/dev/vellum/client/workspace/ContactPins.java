package dev.vellum.client.workspace;

import dev.vellum.client.account.ApiError;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.workspace.Contact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * This person's contact book: the identity key first seen for each account (trust on first use), and which ones
 * they marked verified after comparing safety numbers. Kept on the server sealed under a key derived from their
 * identity key, so only they read it; saved with compare-and-swap on its revision, and merged on a conflict (two
 * tabs or devices pinning at once): what this browser decided (a mark, an accepted new key) goes on top of the
 * stored book, and a key pinned here for the first time never replaces one the stored book already has. A CHANGED
 * key is never overwritten silently: the person must accept it ({@link #acceptNewKey}).
 */
public final class ContactPins {
    /** How a presented key compares with the pin: NEW (now pinned), SAME, or CHANGED (never pinned over). */
    enum State { NEW, SAME, CHANGED }

    /** The outcome of {@link #check}; {@code change} is set for {@link State#CHANGED}. */
    record Check(State state, WorkspaceProblem.KeyChange change) {
        boolean changed() {
            return state == State.CHANGED;
        }
    }

    /** How many times a save is merged and tried again after a conflicting save elsewhere. */
    private static final int SAVE_ATTEMPTS = 4;

    private final WorkspaceServer server;
    private final UnlockedAccount account;
    private final RandomSource random;
    private final LongSupplier clock;
    private final Map<AccountId, Contact> pins = new LinkedHashMap<>();
    /** Accounts whose pin this browser changed since the last save; they win over the stored book on a merge. */
    private final Set<AccountId> decided = new HashSet<>();
    /** Accounts this browser pinned for the first time since the last save; a stored pin wins over them. */
    private final Set<AccountId> added = new HashSet<>();
    private long revision;
    private boolean saving;
    private final List<Runnable> afterSave = new ArrayList<>();

    ContactPins(WorkspaceServer server, UnlockedAccount account, RandomSource random, LongSupplier clock) {
        this.server = server;
        this.account = account;
        this.random = random;
        this.clock = clock;
    }

    /** Fetches and opens the stored book (an empty one for a new account). */
    static void load(WorkspaceServer server, UnlockedAccount account, RandomSource random, LongSupplier clock,
                     Consumer<ContactPins> ok, Consumer<WorkspaceProblem> failed) {
        ContactPins contacts = new ContactPins(server, account, random, clock);
        server.contacts(stored -> {
            try {
                contacts.replaceWith(stored);
            } catch (InvalidMessageException | AuthenticationFailedException e) {
                failed.accept(unreadable());
                return;
            }
            ok.accept(contacts);
        }, error -> failed.accept(WorkspaceProblem.server(error)));
    }

    private static WorkspaceProblem unreadable() {
        return WorkspaceProblem.of(WorkspaceProblem.Kind.LOG_INVALID, "Your contact book on the server does not "
                + "open with your key: it was altered. Nothing was trusted or sent.");
    }

    private void replaceWith(WorkspaceServer.StoredContacts stored)
            throws InvalidMessageException, AuthenticationFailedException {
        pins.clear();
        if (stored.book() != null) {
            for (Contact pin : ContactBookCodec.open(stored.book(), account)) {
                pins.put(pin.accountId(), pin);
            }
        }
        revision = stored.revision();
    }

    // --- Reading ---------------------------------------------------------------------------------------------

    /** Whether this person marked exactly this identity of the account as verified. */
    public boolean isVerified(AccountId accountId, PublicIdentity identity) {
        Contact pin = pins.get(accountId);
        return pin != null && pin.verified() && pin.identity().equals(identity);
    }

    /** Whether this browser pinned another identity for the account than {@code identity}. */
    public boolean keyChanged(AccountId accountId, PublicIdentity identity) {
        Contact pin = pins.get(accountId);
        return pin != null && !pin.identity().equals(identity);
    }

    /**
     * Compares a presented key with the pin: pins it if the account is new here (to be saved by {@link #saveIfChanged}),
     * never replaces a different pin.
     */
    Check check(AccountId accountId, Username username, PublicIdentity identity) {
        Contact pin = pins.get(accountId);
        if (pin == null) {
            pins.put(accountId, new Contact(accountId, username, identity, false, clock.getAsLong()));
            added.add(accountId);
            return new Check(State.NEW, null);
        }
        if (pin.identity().equals(identity)) {
            return new Check(State.SAME, null);
        }
        return new Check(State.CHANGED, new WorkspaceProblem.KeyChange(accountId, pin.username(), pin.identity(),
                identity));
    }

    // --- Changing --------------------------------------------------------------------------------------------

    /** Marks the identity verified (pinning it if new) and saves the book. */
    public void markVerified(AccountId accountId, Username username, PublicIdentity identity, Runnable saved,
                             Consumer<WorkspaceProblem> failed) {
        Contact pin = pins.get(accountId);
        if (pin != null && !pin.identity().equals(identity)) {
            failed.accept(WorkspaceProblem.keyChanged(new WorkspaceProblem.KeyChange(accountId, pin.username(),
                    pin.identity(), identity)));
            return;
        }
        long firstSeen = pin == null ? clock.getAsLong() : pin.firstSeenMillis();
        pins.put(accountId, new Contact(accountId, username, identity, true, firstSeen));
        decided.add(accountId);
        added.remove(accountId);
        saveIfChanged(saved, failed);
    }

    /**
     * The person decided to trust the new key of a person whose key changed: it replaces the pin (not verified) and
     * the book is saved. Only ever called from the person's explicit choice in the key-change alert.
     */
    public void acceptNewKey(WorkspaceProblem.KeyChange change, Runnable saved, Consumer<WorkspaceProblem> failed) {
        Contact pin = pins.get(change.accountId());
        if (pin == null || !pin.identity().equals(change.pinned())) {
            failed.accept(WorkspaceProblem.of(WorkspaceProblem.Kind.INVALID_INPUT, "This key change was already "
                    + "decided elsewhere; look at the member again."));
            return;
        }
        pins.put(change.accountId(), new Contact(change.accountId(), change.username(), change.presented(), false,
                clock.getAsLong()));
        decided.add(change.accountId());
        added.remove(change.accountId());
        saveIfChanged(saved, failed);
    }

    /**
     * Saves what changed since the last save (nothing to do if nothing did), merging with a book saved meanwhile
     * elsewhere. Saves run one at a time; a call during one waits for it and then saves what is left.
     */
    void saveIfChanged(Runnable saved, Consumer<WorkspaceProblem> failed) {
        if (saving) {
            afterSave.add(() -> saveIfChanged(saved, failed));
            return;
        }
        if (decided.isEmpty() && added.isEmpty()) {
            saved.run();
            return;
        }
        saving = true;
        save(SAVE_ATTEMPTS, () -> {
            finishSaving();
            saved.run();
        }, problem -> {
            finishSaving();
            failed.accept(problem);
        });
    }

    private void finishSaving() {
        saving = false;
        List<Runnable> waiting = new ArrayList<>(afterSave);
        afterSave.clear();
        waiting.forEach(Runnable::run);
    }

    private void save(int attemptsLeft, Runnable saved, Consumer<WorkspaceProblem> failed) {
        byte[] book = ContactBookCodec.seal(new ArrayList<>(pins.values()), account, random);
        server.saveContacts(revision, book, newRevision -> {
            revision = newRevision;
            decided.clear();
            added.clear();
            saved.run();
        }, error -> {
            if (!error.is(WorkspaceServer.STALE_CONTACTS) || attemptsLeft <= 1) {
                failed.accept(WorkspaceProblem.server(error));
                return;
            }
            server.contacts(stored -> {
                try {
                    mergeStored(stored);
                } catch (InvalidMessageException | AuthenticationFailedException e) {
                    failed.accept(unreadable());
                    return;
                }
                save(attemptsLeft - 1, saved, failed);
            }, (ApiError fetchError) -> failed.accept(WorkspaceProblem.server(fetchError)));
        });
    }

    /** The stored book, with this browser's decisions on top and its first-time pins where the book has none. */
    private void mergeStored(WorkspaceServer.StoredContacts stored)
            throws InvalidMessageException, AuthenticationFailedException {
        Map<AccountId, Contact> mine = new LinkedHashMap<>(pins);
        pins.clear();
        if (stored.book() != null) {
            for (Contact pin : ContactBookCodec.open(stored.book(), account)) {
                pins.put(pin.accountId(), pin);
            }
        }
        revision = stored.revision();
        for (AccountId id : decided) {
            pins.put(id, mine.get(id));
        }
        for (AccountId id : new ArrayList<>(added)) {
            if (pins.containsKey(id)) {
                added.remove(id); // pinned elsewhere first: that pin stands, and is what this browser checks from now
            } else {
                pins.put(id, mine.get(id));
            }
        }
    }

    /** The pins as they stand, for tests. */
    List<Contact> pins() {
        return List.copyOf(pins.values());
    }
}
