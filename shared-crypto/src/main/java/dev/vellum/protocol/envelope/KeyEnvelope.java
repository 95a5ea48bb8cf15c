package dev.vellum.protocol.envelope;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.hpke.HpkeCiphertext;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.IdentityKeyId;
import dev.vellum.protocol.WorkspaceId;
import java.util.Arrays;
import org.bouncycastle.util.Pack;

/**
 * Key envelope, version 1: one generation of a workspace key, sealed to one member with HPKE in auth mode from
 * the sender's X25519 identity key, and signed by the sender's Ed25519 key. Fixed length, 197 bytes.
 *
 * <pre>
 * offset  length  field
 *  0       1      version = 1
 *  1      16      workspace id
 * 17       4      key epoch (signed int, >= 0)
 * 21      16      sender key id
 * 37      16      recipient key id
 * 53      32      HPKE enc
 * 85      48      HPKE ciphertext of the 32-byte key (info "vellum/v1/key-envelope/hpke-info", aad = bytes 0..53)
 * 133     64      Ed25519 signature over "vellum/v1/key-envelope/signature" || bytes 0..133
 * </pre>
 */
public final class KeyEnvelope {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 53;
    public static final int LENGTH = HEADER_LENGTH + Hpke.ENC_LENGTH + SymmetricKey.LENGTH + Hpke.TAG_LENGTH
            + Ed25519PrivateKey.SIGNATURE_LENGTH;
    private static final int ENC_AT = HEADER_LENGTH;
    private static final int CIPHERTEXT_AT = ENC_AT + Hpke.ENC_LENGTH;
    private static final int SIGNATURE_AT = CIPHERTEXT_AT + SymmetricKey.LENGTH + Hpke.TAG_LENGTH;

    private final KeyEnvelopeHeader header;
    private final byte[] encoded;

    private KeyEnvelope(KeyEnvelopeHeader header, byte[] encoded) {
        this.header = header;
        this.encoded = encoded;
    }

    /**
     * @throws IllegalArgumentException if the header's key ids are not the sender's and the recipient's
     * @throws InvalidPublicKeyException if the recipient's agreement key is of small order
     */
    public static KeyEnvelope seal(KeyEnvelopeHeader header, SymmetricKey workspaceKey, IdentityKeyPair sender,
                                   PublicIdentity recipient, Hpke hpke) throws InvalidPublicKeyException {
        if (!header.senderKeyId().equals(IdentityKeyId.of(sender.publicIdentity()))
                || !header.recipientKeyId().equals(IdentityKeyId.of(recipient))) {
            throw new IllegalArgumentException("the header's key ids are not the sender's and recipient's");
        }
        byte[] headerBytes = encodeHeader(header);
        HpkeCiphertext sealed = hpke.sealAuth(recipient.agreementKey(), sender.agreementKey(),
                Label.KEY_ENVELOPE_HPKE_INFO.bytes(), headerBytes, workspaceKey.bytesForUse());
        byte[] signed = new byte[SIGNATURE_AT];
        System.arraycopy(headerBytes, 0, signed, 0, HEADER_LENGTH);
        System.arraycopy(sealed.enc(), 0, signed, ENC_AT, Hpke.ENC_LENGTH);
        System.arraycopy(sealed.ciphertext(), 0, signed, CIPHERTEXT_AT, SIGNATURE_AT - CIPHERTEXT_AT);
        byte[] signature = sender.signingKey().sign(Label.KEY_ENVELOPE_SIGNATURE.prefix(signed));
        return new KeyEnvelope(header, Bytes.concat(signed, signature));
    }

    public static KeyEnvelope parse(byte[] encoded) throws InvalidMessageException {
        if (encoded.length < 1) {
            throw new InvalidMessageException("empty key envelope");
        }
        int version = encoded[0] & 0xff;
        if (version != VERSION) {
            throw new UnsupportedVersionException("key envelope", version, VERSION);
        }
        if (encoded.length != LENGTH) {
            throw new InvalidMessageException("key envelope must be " + LENGTH + " bytes, got " + encoded.length);
        }
        int keyEpoch = Pack.bigEndianToInt(encoded, 17);
        if (keyEpoch < 0) {
            throw new InvalidMessageException("key epoch is negative");
        }
        KeyEnvelopeHeader header = new KeyEnvelopeHeader(
                WorkspaceId.fromBytes(Arrays.copyOfRange(encoded, 1, 17)),
                keyEpoch,
                IdentityKeyId.fromBytes(Arrays.copyOfRange(encoded, 21, 37)),
                IdentityKeyId.fromBytes(Arrays.copyOfRange(encoded, 37, 53)));
        return new KeyEnvelope(header, encoded.clone());
    }

    public KeyEnvelopeHeader header() {
        return header;
    }

    /** Checks the sender's signature over every byte; needs no secret. */
    public void verifySignature(PublicIdentity sender) throws InvalidSignatureException {
        if (!header.senderKeyId().equals(IdentityKeyId.of(sender))) {
            throw new InvalidSignatureException("key envelope names sender " + header.senderKeyId()
                    + ", not the identity given");
        }
        sender.signingKey().verify(Label.KEY_ENVELOPE_SIGNATURE.prefix(Arrays.copyOf(encoded, SIGNATURE_AT)),
                Arrays.copyOfRange(encoded, SIGNATURE_AT, LENGTH));
    }

    /** Verifies the sender's signature, checks the envelope is addressed to {@code recipient}, and unseals. */
    public SymmetricKey open(IdentityKeyPair recipient, PublicIdentity sender)
            throws InvalidSignatureException, InvalidMessageException, AuthenticationFailedException {
        verifySignature(sender);
        if (!header.recipientKeyId().equals(IdentityKeyId.of(recipient.publicIdentity()))) {
            throw new InvalidMessageException("key envelope is addressed to " + header.recipientKeyId());
        }
        HpkeCiphertext sealed = new HpkeCiphertext(Arrays.copyOfRange(encoded, ENC_AT, CIPHERTEXT_AT),
                Arrays.copyOfRange(encoded, CIPHERTEXT_AT, SIGNATURE_AT));
        byte[] key = Hpke.openAuth(sealed, recipient.agreementKey(), sender.agreementKey(),
                Label.KEY_ENVELOPE_HPKE_INFO.bytes(), Arrays.copyOf(encoded, HEADER_LENGTH));
        try {
            return SymmetricKey.fromBytes(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public byte[] encode() {
        return encoded.clone();
    }

    private static byte[] encodeHeader(KeyEnvelopeHeader header) {
        byte[] out = new byte[HEADER_LENGTH];
        out[0] = VERSION;
        System.arraycopy(header.workspaceId().toBytes(), 0, out, 1, 16);
        Pack.intToBigEndian(header.keyEpoch(), out, 17);
        System.arraycopy(header.senderKeyId().toBytes(), 0, out, 21, 16);
        System.arraycopy(header.recipientKeyId().toBytes(), 0, out, 37, 16);
        return out;
    }

    @Override
    public String toString() {
        return "KeyEnvelope[" + header + "]";
    }
}
