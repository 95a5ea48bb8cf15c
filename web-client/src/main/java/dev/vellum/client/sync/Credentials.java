package dev.vellum.client.sync;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.NoteItem;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;

/**
 * Where a reader gets people's names from: a username is shown only from a {@link DeviceCertificate} whose identity
 * signature this reader verified itself (the server checked it too, but the server is not trusted), and only for what
 * that certificate's device key signed: an item (whose author keys {@link NoteItem#parse} already matched against
 * the certificate's device keys) or a presence message (whose signing key is compared here). Anything else is named
 * as anonymous, by the name its writer chose. Never believes a certificate it could not check.
 *
 * <p>Certificates verified once are remembered by their bytes (a note has few writers, each with one certificate
 * per device), so that a heartbeat or a long history costs one signature check per certificate, not per message.
 */
final class Credentials {
    /** Certificates remembered at most; forgetting one only costs verifying it again. */
    private static final int MAX_REMEMBERED = 256;

    private final Set<String> verified = new HashSet<>();

    /**
     * Who wrote {@code item}: their username if it carries a certificate, else the name they chose.
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
        return PersonName.account(credential.username().value());
    }

    /**
     * Who sent a presence message signed by {@code author}: the username of {@code certificate} if it verifies and
     * names that key as its device, else the name they chose when the message carries no certificate.
     *
     * @throws InvalidMessageException if the certificate does not parse
     * @throws InvalidSignatureException if it does not verify, or certifies another device key than the sender's
     */
    PersonName senderOf(byte[] certificate, Ed25519PublicKey author, String chosenName)
            throws InvalidMessageException, InvalidSignatureException {
        if (certificate == null) {
            return PersonName.anonymous(chosenName);
        }
        DeviceCertificate credential = DeviceCertificate.parse(certificate);
        if (!credential.device().signingKey().equals(author)) {
            throw new InvalidSignatureException("the certificate vouches for another device key than the sender's");
        }
        check(credential);
        return PersonName.account(credential.username().value());
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
}
