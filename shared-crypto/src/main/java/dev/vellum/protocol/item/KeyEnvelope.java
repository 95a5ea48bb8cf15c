package dev.vellum.protocol.item;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.Arrays;

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
 *
 * <p>This class is the public half (parsing and the signature check, which need no secret); sealing and opening
 * live in {@code dev.vellum.protocol.seal.KeyEnvelopeCipher}.
 */
public final class KeyEnvelope {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 53;
    public static final int LENGTH = HEADER_LENGTH + Hpke.ENC_LENGTH + SymmetricKey.LENGTH + Hpke.TAG_LENGTH
            + Ed25519PublicKey.SIGNATURE_LENGTH;
    /** Where the HPKE encapsulated key starts. */
    public static final int ENC_AT = HEADER_LENGTH;
    /** Where the HPKE ciphertext of the key starts. */
    public static final int CIPHERTEXT_AT = ENC_AT + Hpke.ENC_LENGTH;
    /** Where the sender's signature starts; it covers every byte before. */
    public static final int SIGNATURE_AT = CIPHERTEXT_AT + SymmetricKey.LENGTH + Hpke.TAG_LENGTH;

    private final KeyEnvelopeHeader header;
    private final byte[] encoded;

    private KeyEnvelope(KeyEnvelopeHeader header, byte[] encoded) {
        this.header = header;
        this.encoded = encoded;
    }

    public static KeyEnvelope parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "key envelope");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("key envelope", version, VERSION);
        }
        if (encoded.length != LENGTH) {
            throw new InvalidMessageException("key envelope must be " + LENGTH + " bytes, got " + encoded.length);
        }
        WorkspaceId workspace = WorkspaceId.fromBytes(in.readBytes(Id128.LENGTH, "workspace id"));
        int keyEpoch = in.readInt("key epoch");
        if (keyEpoch < 0) {
            throw new InvalidMessageException("key epoch is negative");
        }
        IdentityKeyId sender = IdentityKeyId.fromBytes(in.readBytes(Id128.LENGTH, "sender key id"));
        IdentityKeyId recipient = IdentityKeyId.fromBytes(in.readBytes(Id128.LENGTH, "recipient key id"));
        in.skip(SIGNATURE_AT - ENC_AT, "sealed key");
        in.skip(Ed25519PublicKey.SIGNATURE_LENGTH, "signature");
        in.expectEnd();
        return new KeyEnvelope(new KeyEnvelopeHeader(workspace, keyEpoch, sender, recipient), encoded.clone());
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

    public byte[] encode() {
        return encoded.clone();
    }

    /** The 53 header bytes: HPKE's associated data, and the start of what the sender signs. */
    public static byte[] encodeHeader(KeyEnvelopeHeader header) {
        return new ByteWriter(HEADER_LENGTH)
                .writeByte(VERSION)
                .writeBytes(header.workspaceId().toBytes())
                .writeInt(header.keyEpoch())
                .writeBytes(header.senderKeyId().toBytes())
                .writeBytes(header.recipientKeyId().toBytes())
                .toByteArray();
    }

    @Override
    public String toString() {
        return "KeyEnvelope[" + header + "]";
    }
}
