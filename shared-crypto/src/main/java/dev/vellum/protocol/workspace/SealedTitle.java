package dev.vellum.protocol.workspace;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.Arrays;

/**
 * A workspace note's title as the server keeps it in the note list: sealed under the workspace's epoch key for
 * members only, and signed by the member who set it, so the server can neither read nor change it, nor move it to
 * another note or workspace.
 *
 * <pre>
 * offset  length  field
 *  0       1      version = 1
 *  1       4      epoch (signed, >= 0)
 *  5      16      signer's account id
 * 21       2      sealed length n (72 to 272)
 * 23       n      CommittingXChaCha20Poly1305 under HKDF-SHA256(ikm = epoch key, salt = workspace id || note id,
 *                 info = "vellum/v1/workspace/title-key", 32) of the title, UTF-8, 0 to 200 bytes; associated
 *                 data "vellum/v1/workspace/title-ad" || workspace id || note id || epoch (4) || signer account id
 * 23+n    64      signer's identity (Ed25519) signature over "vellum/v1/workspace/title-signature" || workspace id
 *                 || note id || bytes 0..23+n
 * </pre>
 *
 * <p>A reader checks, in the membership log, that the signer may write in that epoch, then the signature with the
 * identity the log records for the signer, then opens ({@link #open}).
 */
public final class SealedTitle {
    public static final int VERSION = 1;
    public static final int MAX_TITLE_BYTES = 200;
    private static final int HEADER_LENGTH = 1 + 4 + Id128.LENGTH + 2;
    private static final int SIGNATURE_LENGTH = Ed25519PublicKey.SIGNATURE_LENGTH;
    private static final int MIN_SEALED = CommittingXChaCha20Poly1305.OVERHEAD;
    private static final int MAX_SEALED = MIN_SEALED + MAX_TITLE_BYTES;
    public static final int MAX_LENGTH = HEADER_LENGTH + MAX_SEALED + SIGNATURE_LENGTH;

    private final int epoch;
    private final AccountId signer;
    private final byte[] encoded;

    private SealedTitle(int epoch, AccountId signer, byte[] encoded) {
        this.epoch = epoch;
        this.signer = signer;
        this.encoded = encoded;
    }

    /**
     * Seals {@code title} for note {@code noteId} under {@code epochKey} (the current epoch's) and signs it.
     *
     * @throws IllegalArgumentException if the title is over 200 bytes of UTF-8
     */
    public static SealedTitle seal(EpochKey epochKey, NoteId noteId, String title, AccountId signer,
                                   IdentityKeyPair signerIdentity, RandomSource random) {
        byte[] plaintext = Utf8.encode(title);
        if (plaintext.length > MAX_TITLE_BYTES) {
            throw new IllegalArgumentException("a title is at most " + MAX_TITLE_BYTES + " bytes of UTF-8");
        }
        WorkspaceId workspaceId = epochKey.workspaceId();
        byte[] sealed = new CommittingXChaCha20Poly1305(titleKey(epochKey, noteId), random).encrypt(plaintext,
                associatedData(workspaceId, noteId, epochKey.epoch(), signer));
        byte[] unsigned = new ByteWriter(HEADER_LENGTH + sealed.length)
                .writeByte(VERSION)
                .writeInt(epochKey.epoch())
                .writeBytes(signer.toBytes())
                .writeShort(sealed.length)
                .writeBytes(sealed)
                .toByteArray();
        byte[] signature = signerIdentity.signingKey().sign(signatureInput(workspaceId, noteId, unsigned));
        try {
            return parse(Bytes.concat(unsigned, signature));
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a freshly sealed title does not parse", e);
        }
    }

    /** Checks the version and the layout; says nothing about the signature or whether it opens. */
    public static SealedTitle parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "sealed title");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("sealed title", version, VERSION);
        }
        int epoch = in.readInt("epoch");
        if (epoch < 0) {
            throw new InvalidMessageException("a title's epoch is 0 or later, not " + epoch);
        }
        AccountId signer = AccountId.fromBytes(in.readBytes(Id128.LENGTH, "signer account id"));
        int sealedLength = in.readUnsignedShort("sealed length");
        if (sealedLength < MIN_SEALED || sealedLength > MAX_SEALED) {
            throw new InvalidMessageException("a title's sealed part is " + MIN_SEALED + " to " + MAX_SEALED
                    + " bytes, not " + sealedLength);
        }
        in.skip(sealedLength, "sealed title");
        in.skip(SIGNATURE_LENGTH, "signature");
        in.expectEnd();
        return new SealedTitle(epoch, signer, encoded.clone());
    }

    /**
     * Checks the signer's signature for this note of this workspace. Needs no secret.
     *
     * @param signerIdentity the identity the membership log records for {@link #signer()}
     */
    public void verifySignature(WorkspaceId workspaceId, NoteId noteId, PublicIdentity signerIdentity)
            throws InvalidSignatureException {
        int signatureAt = encoded.length - SIGNATURE_LENGTH;
        signerIdentity.signingKey().verify(signatureInput(workspaceId, noteId, Arrays.copyOf(encoded, signatureAt)),
                Arrays.copyOfRange(encoded, signatureAt, encoded.length));
    }

    /**
     * Checks the signature, then opens the title with the key of its epoch. Whether the signer may write is the
     * log's to say, which the caller checks first.
     *
     * @throws InvalidMessageException if {@code epochKey} is of another epoch, or the title is not UTF-8
     * @throws InvalidSignatureException if the signer's identity did not sign it for this note
     * @throws AuthenticationFailedException if it was not sealed under this key for this note and signer
     */
    public String open(EpochKey epochKey, NoteId noteId, PublicIdentity signerIdentity)
            throws InvalidMessageException, InvalidSignatureException, AuthenticationFailedException {
        if (epochKey.epoch() != epoch) {
            throw new InvalidMessageException("this title is sealed under epoch " + epoch + ", not "
                    + epochKey.epoch());
        }
        verifySignature(epochKey.workspaceId(), noteId, signerIdentity);
        byte[] plaintext = CommittingXChaCha20Poly1305.decryptOnly(titleKey(epochKey, noteId))
                .decrypt(encoded, HEADER_LENGTH, encoded.length - HEADER_LENGTH - SIGNATURE_LENGTH,
                        associatedData(epochKey.workspaceId(), noteId, epoch, signer));
        return Utf8.decode(plaintext, "title");
    }

    public int epoch() {
        return epoch;
    }

    /** The member who set the title, as the title claims: checked by {@link #verifySignature} with the log. */
    public AccountId signer() {
        return signer;
    }

    public byte[] encode() {
        return encoded.clone();
    }

    private static SymmetricKey titleKey(EpochKey epochKey, NoteId noteId) {
        byte[] bytes = Hkdf.derive(epochKey.key(), Bytes.concat(epochKey.workspaceId().toBytes(), noteId.toBytes()),
                Label.WORKSPACE_TITLE_KEY, SymmetricKey.LENGTH);
        SymmetricKey key = SymmetricKey.fromBytes(bytes);
        Arrays.fill(bytes, (byte) 0);
        return key;
    }

    private static byte[] associatedData(WorkspaceId workspaceId, NoteId noteId, int epoch, AccountId signer) {
        return Label.WORKSPACE_TITLE_AD.prefix(new ByteWriter(52).writeBytes(workspaceId.toBytes())
                .writeBytes(noteId.toBytes()).writeInt(epoch).writeBytes(signer.toBytes()).toByteArray());
    }

    private static byte[] signatureInput(WorkspaceId workspaceId, NoteId noteId, byte[] unsigned) {
        return Label.WORKSPACE_TITLE_SIGNATURE.prefix(workspaceId.toBytes(), noteId.toBytes(), unsigned);
    }

    @Override
    public String toString() {
        return "SealedTitle[epoch " + epoch + ", by " + signer + ", " + encoded.length + " bytes]";
    }
}
