package dev.vellum.client.comment;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.IdentityKeyId;
import java.util.Objects;

/**
 * Who a comment belongs to, and so who may edit or delete it: the one rule every reader and the person's own app
 * apply, written once.
 * <ul>
 *   <li>A record carrying a device certificate belongs to the account the certificate names: its account id and its
 *       identity public keys, both. So a person who posts from their laptop may edit from their phone, and someone
 *       whose certificate only repeats the username (or the account id) under other identity keys may not. The
 *       certificate is worth this only once {@link CommentRecord#verify()} checked that the account's identity
 *       key signed it for the very key that signed the record, which the sync layer does before merging anything;
 *       certifying a device takes the account's identity secret key.</li>
 *   <li>A record without a certificate (an anonymous visitor's) belongs to the key that signed it, and to nothing
 *       else: a visitor's chosen name proves nothing, and their next visit's key is a stranger.</li>
 * </ul>
 * Records signed by the same key with the same account are the same author by both rules. A key that carries a
 * certificate in one record and none (or another account's) in another is no honest client's doing (a device always
 * writes with its certificate): its records count as two authors, so that "same author" stays an equivalence and
 * every reader settles a comment alike whichever of its versions it holds (a reader opening from a snapshot holds
 * only the latest).
 */
public final class CommentOwner {
    /** The signing key, for an anonymous owner; kept (not compared) for an account, for {@link #toString}. */
    private final IdentityKeyId key;
    private final AccountId account;
    private final PublicIdentity identity;

    private CommentOwner(IdentityKeyId key, AccountId account, PublicIdentity identity) {
        this.key = key;
        this.account = account;
        this.identity = identity;
    }

    /**
     * The person writing with {@code key}: an account's device if {@code credential} is its certificate (this reader's
     * own login, which needs no check), an anonymous visitor's key of this visit if null.
     */
    public static CommentOwner writingWith(IdentityKeyId key, DeviceCertificate credential) {
        Objects.requireNonNull(key, "key");
        return credential == null ? new CommentOwner(key, null, null)
                : new CommentOwner(key, credential.accountId(), credential.identity());
    }

    /** Whoever signed {@code record}, by its (verified) certificate if it carries one, else by its key. */
    public static CommentOwner of(CommentRecord record) {
        return writingWith(record.authorKeyId(), record.credential());
    }

    /** Whether two records have the same author: one may edit or delete what the other posted. */
    public static boolean sameAuthor(CommentRecord a, CommentRecord b) {
        return of(a).equals(of(b));
    }

    /** Whether {@code record} is this owner's: they may edit or delete the comment. */
    public boolean owns(CommentRecord record) {
        return equals(of(record));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CommentOwner owner)) {
            return false;
        }
        if (account != null || owner.account != null) {
            return account != null && owner.account != null && account.equals(owner.account)
                    && identity.equals(owner.identity);
        }
        return key.equals(owner.key);
    }

    @Override
    public int hashCode() {
        return account != null ? Objects.hash(account, identity) : key.hashCode();
    }

    @Override
    public String toString() {
        return account != null ? "CommentOwner[account " + account + "]" : "CommentOwner[key " + key + "]";
    }
}
