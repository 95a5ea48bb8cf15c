package dev.vellum.protocol.item;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.ParsedCertificates;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import java.util.Arrays;

/**
 * A reader's statement that a stored snapshot is the merge of the updates it covers, as that reader replayed them
 * ({@code SnapshotAudit} found it right). The server lets the covered updates go only once a snapshot is confirmed by
 * an author other than its own (or is past the retention time), so a forged snapshot published while nobody checks it
 * leaves the real updates in place for the next reader to compare.
 *
 * <p>Layout: {@code revision (8) || confirmer's Ed25519 key (32) || X25519 key (32) || certificate length (2, 0 for
 * none) || device certificate || signature (64)}, the signature by the confirmer's Ed25519 key over
 * {@code "vellum/v1/snapshot-confirmation" || note id (16) || revision (8) || the snapshot's item hash (32)}: it names
 * the note, the number and the very item, so it cannot be replayed onto another note or another snapshot stored under
 * the same number after a restore.
 */
public final class SnapshotConfirmation {
    private static final int FIXED_LENGTH = 8 + PublicIdentity.ENCODED_LENGTH + 2 + Ed25519PublicKey.SIGNATURE_LENGTH;

    private final long revision;
    private final PublicIdentity confirmer;
    private final DeviceCertificate credential;
    private final byte[] signature;

    private SnapshotConfirmation(long revision, PublicIdentity confirmer, DeviceCertificate credential,
                                 byte[] signature) {
        this.revision = revision;
        this.confirmer = confirmer;
        this.credential = credential;
        this.signature = signature;
    }

    /**
     * A confirmation as signed by its confirmer (the sealing side, which holds the key, signs
     * {@link #signedMessage}).
     *
     * @param credential the confirmer's device certificate (its device keys are {@code confirmer}'s), or null
     */
    public static SnapshotConfirmation of(long revision, PublicIdentity confirmer, DeviceCertificate credential,
                                          byte[] signature) {
        if (credential != null && !credential.device().equals(confirmer)) {
            throw new IllegalArgumentException("the certificate is another device's");
        }
        if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 signature is " + Ed25519PublicKey.SIGNATURE_LENGTH
                    + " bytes");
        }
        return new SnapshotConfirmation(revision, confirmer, credential, signature.clone());
    }

    /** The bytes the confirmer signs: the label, the note id, the revision and the snapshot's item hash. */
    public static byte[] signedMessage(NoteId noteId, long revision, UpdateHash snapshotHash) {
        return Label.SNAPSHOT_CONFIRMATION.prefix(noteId.toBytes(),
                new ByteWriter().writeLong(revision).toByteArray(), snapshotHash.toBytes());
    }

    /**
     * Checks the signature over this note, this revision and {@code snapshot}'s hash, and that a carried certificate
     * names the confirmer's keys and is signed by its account (whether the account holds the device is the server's
     * directory's to say).
     */
    public void verify(NoteId noteId, NoteItem snapshot) throws InvalidSignatureException {
        confirmer.signingKey().verify(signedMessage(noteId, revision, snapshot.hash()), signature);
        if (credential != null) {
            credential.verify();
        }
    }

    public long revision() {
        return revision;
    }

    public PublicIdentity confirmer() {
        return confirmer;
    }

    public IdentityKeyId confirmerKeyId() {
        return IdentityKeyId.of(confirmer);
    }

    /** The confirmer's device certificate, or null for an anonymous reader. */
    public DeviceCertificate credential() {
        return credential;
    }

    public byte[] encode() {
        byte[] certificate = credential == null ? new byte[0] : credential.encode();
        return new ByteWriter().writeLong(revision).writeBytes(confirmer.toBytes()).writeShort(certificate.length)
                .writeBytes(certificate).writeBytes(signature).toByteArray();
    }

    /** Parses a confirmation; its revision must be 1 to {@code maxRevision}. */
    public static SnapshotConfirmation parse(byte[] encoded, long maxRevision) throws InvalidMessageException {
        if (encoded.length < FIXED_LENGTH) {
            throw new InvalidMessageException("a snapshot confirmation is at least " + FIXED_LENGTH + " bytes");
        }
        ByteReader in = new ByteReader(encoded, "snapshot confirmation");
        long revision = in.readLong("revision");
        if (revision < 1 || revision > maxRevision) {
            throw new InvalidMessageException("confirmed revision " + revision + " is out of range");
        }
        PublicIdentity confirmer;
        try {
            confirmer = PublicIdentity.fromBytes(in.readBytes(PublicIdentity.ENCODED_LENGTH, "confirmer keys"));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("a snapshot confirmation carries an invalid key: " + e.getMessage());
        }
        int certificateLength = in.readUnsignedShort("certificate length");
        DeviceCertificate credential = null;
        if (certificateLength > 0) {
            if (certificateLength > DeviceCertificate.MAX_LENGTH) {
                throw new InvalidMessageException("a device certificate is at most " + DeviceCertificate.MAX_LENGTH
                        + " bytes");
            }
            credential = ParsedCertificates.parse(in.readBytes(certificateLength, "certificate"));
            if (!credential.device().equals(confirmer)) {
                throw new InvalidMessageException("the confirmation's certificate is another device's");
            }
        }
        byte[] signature = in.readBytes(Ed25519PublicKey.SIGNATURE_LENGTH, "signature");
        in.expectEnd();
        return new SnapshotConfirmation(revision, confirmer, credential, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SnapshotConfirmation that && Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "SnapshotConfirmation[revision=" + revision + ", confirmer=" + confirmerKeyId() + "]";
    }
}
