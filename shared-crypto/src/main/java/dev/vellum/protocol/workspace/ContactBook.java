package dev.vellum.protocol.workspace;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity keys one person has pinned for the people they share workspaces with, and which of them they
 * verified (compared safety numbers). Trust on first use: the first identity seen for an account is pinned; a
 * different one later is never taken silently ({@link PinResult#CHANGED}), the person decides
 * ({@link #acceptNewKey}), and a new key is not verified until they verify it again. Kept on the server sealed for
 * this person alone ({@link SealedContactBook}), so every browser of theirs sees the same pins.
 */
public final class ContactBook {
    /** What pinning an identity found. */
    public enum PinResult {
        /** The account was not pinned: it is now, unverified. */
        NEW,
        /** The account is pinned with this very identity and username. */
        SAME,
        /** The account is pinned with another identity or username: nothing changed; the person must decide. */
        CHANGED
    }

    /** Contacts at most: far more than anyone shares with, and a sealed book stays under the server's 256 KiB. */
    public static final int MAX_CONTACTS = 2000;

    private final AccountId owner;
    private final Map<AccountId, Contact> contacts = new LinkedHashMap<>();

    private ContactBook(AccountId owner) {
        this.owner = owner;
    }

    /** A new person's empty book. */
    public static ContactBook empty(AccountId owner) {
        return new ContactBook(owner);
    }

    /** The book as read from its format; contacts are distinct by account (the parser checks). */
    static ContactBook of(AccountId owner, List<Contact> contacts) {
        ContactBook book = new ContactBook(owner);
        for (Contact contact : contacts) {
            book.contacts.put(contact.accountId(), contact);
        }
        return book;
    }

    /**
     * Opens the book kept on the server.
     *
     * @throws AuthenticationFailedException if it was not sealed by this person's identity for this account
     * @throws InvalidMessageException if it does not parse
     */
    public static ContactBook open(byte[] sealed, AccountId owner, IdentityKeyPair ownerIdentity)
            throws InvalidMessageException, AuthenticationFailedException {
        return SealedContactBook.open(sealed, owner, ownerIdentity);
    }

    /** Seals the book for this person alone, to keep on the server. */
    public byte[] seal(IdentityKeyPair ownerIdentity, RandomSource random) {
        return SealedContactBook.seal(this, ownerIdentity, random);
    }

    public AccountId owner() {
        return owner;
    }

    /**
     * Pins {@code identity} for {@code account} if it has none yet; otherwise says whether it is the pinned one.
     *
     * @throws IllegalStateException if the book is full
     */
    public PinResult pin(AccountId account, Username username, PublicIdentity identity, long nowMillis) {
        Contact pinned = contacts.get(account);
        if (pinned == null) {
            if (contacts.size() >= MAX_CONTACTS) {
                throw new IllegalStateException("the contact book holds " + MAX_CONTACTS + " people at most");
            }
            contacts.put(account, new Contact(account, username, identity, false, nowMillis));
            return PinResult.NEW;
        }
        return pinned.identity().equals(identity) && pinned.username().equals(username)
                ? PinResult.SAME : PinResult.CHANGED;
    }

    /** Pins a member as the membership log names them; see {@link #pin(AccountId, Username, PublicIdentity, long)}. */
    public PinResult pin(MemberRecord member, long nowMillis) {
        return pin(member.accountId(), member.username(), member.identity(), nowMillis);
    }

    /**
     * Replaces a pinned identity once the person has decided to trust the new one: it is unverified again.
     *
     * @throws IllegalStateException if the account is not pinned (pin it instead)
     */
    public void acceptNewKey(AccountId account, Username username, PublicIdentity identity, long nowMillis) {
        if (!contacts.containsKey(account)) {
            throw new IllegalStateException("account " + account + " is not pinned");
        }
        contacts.put(account, new Contact(account, username, identity, false, nowMillis));
    }

    /**
     * Marks the pinned identity verified, once the person compared its safety number.
     *
     * @param shown the identity whose safety number the person compared: it must still be the pinned one
     * @throws IllegalStateException if the account is not pinned, or pinned with another identity
     */
    public void markVerified(AccountId account, PublicIdentity shown) {
        Contact pinned = contacts.get(account);
        if (pinned == null || !pinned.identity().equals(shown)) {
            throw new IllegalStateException("the verified identity is not the one pinned for " + account);
        }
        contacts.put(account, new Contact(account, pinned.username(), pinned.identity(), true,
                pinned.firstSeenMillis()));
    }

    /** Whether the account's pinned identity was verified. */
    public boolean isVerified(AccountId account) {
        Contact pinned = contacts.get(account);
        return pinned != null && pinned.verified();
    }

    public Optional<Contact> contact(AccountId account) {
        return Optional.ofNullable(contacts.get(account));
    }

    /** Every contact, in the order first pinned. */
    public List<Contact> contacts() {
        return new ArrayList<>(contacts.values());
    }

    @Override
    public String toString() {
        return "ContactBook[" + owner + ", " + contacts.size() + " contacts]";
    }
}
