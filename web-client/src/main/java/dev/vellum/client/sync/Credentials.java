package dev.vellum.client.sync;

import dev.vellum.client.people.PersonName;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.NoteItem;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;

/**
 * Where a reader gets people's names from. A {@link DeviceCertificate} proves only that some identity key vouches for
 * a device under a name: anyone can make an identity key and certify their own device as "alice". What ties a
 * username to one identity key is the server's account records, which it checks before it stores an item that
 * carries a certificate. So:
 * <ul>
 *   <li>an item's author is named by its certificate, once this reader verified the signature itself
 *       ({@link NoteItem#parse} already matched the certificate's device keys against the item's author keys); the
 *       account (username and identity key) is then known as vouched for in this note;</li>
 *   <li>a presence message (which the server cannot read, so never checks) is named by its certificate only if it
 *       verifies, certifies the very key that signed the presence, and names an account already vouched for (or this
 *       reader's own); a certificate that verifies for an account not yet seen is shown as a claim, and one that
 *       does not verify or certifies another key is not believed at all;</li>
 *   <li>everyone else is anonymous, named by what they chose.</li>
 * </ul>
 * Certificates verified once are remembered by their bytes (a note has few writers, each with one certificate per
 * device), so that a heartbeat or a long history costs one signature check per certificate, not per message.
 */
final class Credentials {
    /** Certificates or accounts remembered at most; forgetting one only costs verifying or learning it again. */
    private static final int MAX_REMEMBERED = 256;

    private final Set<String> verified = new HashSet<>();
    /** Accounts vouched for, as username and identity signing key. */
    private final Set<String> vouched = new HashSet<>();

    /** @param own this reader's own device certificate, or null: its account is vouched for by the login itself */
    Credentials(DeviceCertificate own) {
        if (own != null) {
            vouched.add(accountOf(own));
        }
    }

    /**
     * Who wrote {@code item}, an item the server stored: their username if it carries a certificate (whose account
     * is then known as vouched for), else the name they chose.
     *
     * @param chosenName the name an anonymous writer gave (a snapshot's), used only without a certificate
     * @throws InvalidSignatureException if the item carries a certificate that does not verify: a forged claim to
     *                                   an account, never shown under that name
     */
    PersonName authorOf(NoteItem item, String chosenName) throws InvalidSignatureException {
        DeviceCertificate credential = item.credential();
        if (credential == null) {
            return PersonName.anonymous(chosenName);
        }
        check(credential);
        if (vouched.size() >= MAX_REMEMBERED) {
            vouched.clear();
        }
        vouched.add(accountOf(credential));
        return PersonName.account(credential.username().value());
    }

    /**
     * The certificate a presence message signed by {@code author} carries, if it may name the sender: it verifies
     * and certifies that very key. Null for an anonymous sender (no certificate). Whether its account is vouched for
     * is {@link #nameOf}'s to say, each time the name is shown, since an item of theirs may arrive in between.
     *
     * @param certificate the certificate the message carries, or null for an anonymous sender
     * @throws InvalidMessageException if the certificate does not parse
     * @throws InvalidSignatureException if it does not verify, or certifies another device key than the sender's
     */
    DeviceCertificate senderOf(byte[] certificate, Ed25519PublicKey author)
            throws InvalidMessageException, InvalidSignatureException {
        if (certificate == null) {
            return null;
        }
        DeviceCertificate credential = DeviceCertificate.parse(certificate);
        if (!credential.device().signingKey().equals(author)) {
            throw new InvalidSignatureException("the certificate vouches for another device key than the sender's");
        }
        check(credential);
        return credential;
    }

    /**
     * How to name the sender of presence: by the username of {@code credential} (checked by {@link #senderOf}) if
     * its account is vouched for, as a claim if not yet, or by {@code chosenName} if they sent no certificate.
     */
    PersonName nameOf(DeviceCertificate credential, String chosenName) {
        if (credential == null) {
            return PersonName.anonymous(chosenName);
        }
        String username = credential.username().value();
        return vouched.contains(accountOf(credential)) ? PersonName.account(username) : PersonName.claimed(username);
    }

    /**
     * How a warning names the author of an item that failed a check: their username if the item carries a
     * certificate that verifies (which, for an item whose signature failed, is what it claims to be from), else the
     * first hex digits of their key.
     */
    String labelOf(NoteItem item) {
        DeviceCertificate credential = item.credential();
        if (credential != null) {
            try {
                check(credential);
                return credential.username().value();
            } catch (InvalidSignatureException e) {
                // a forged certificate names nobody: fall back to the key, which is all there is
            }
        }
        return SyncState.keyLabel(item.header());
    }

    private void check(DeviceCertificate credential) throws InvalidSignatureException {
        String key = Hex.toHexString(credential.encode());
        if (verified.contains(key)) {
            return;
        }
        credential.verify();
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.add(key);
    }

    private static String accountOf(DeviceCertificate credential) {
        return credential.username().value() + "/" + Hex.toHexString(credential.identity().signingKey().toBytes());
    }
}
