package dev.vellum.crypto.sign;

import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.encoders.Hex;

/**
 * An Ed25519 public key (RFC 8032). Anyone holding it can check signatures; verification follows RFC 8032's
 * strict rules as BouncyCastle implements them (canonical S, point on the curve).
 */
public final class Ed25519PublicKey {
    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] bytes;
    private final Ed25519PublicKeyParameters parameters;

    private Ed25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
        this.parameters = new Ed25519PublicKeyParameters(bytes, 0);
    }

    /** @throws InvalidPublicKeyException if the bytes are not 32 long or do not encode a point on the curve */
    public static Ed25519PublicKey fromBytes(byte[] bytes) throws InvalidPublicKeyException {
        if (bytes == null || bytes.length != LENGTH) {
            throw new InvalidPublicKeyException("an Ed25519 public key is " + LENGTH + " bytes");
        }
        if (!Ed25519.validatePublicKeyPartial(bytes, 0)) {
            throw new InvalidPublicKeyException("not a valid Ed25519 point encoding");
        }
        return new Ed25519PublicKey(bytes.clone());
    }

    static Ed25519PublicKey trusted(byte[] bytes) {
        return new Ed25519PublicKey(bytes);
    }

    /** @throws InvalidSignatureException if the signature is not this key's over {@code message} */
    public void verify(byte[] message, byte[] signature) throws InvalidSignatureException {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            throw new InvalidSignatureException("an Ed25519 signature is " + SIGNATURE_LENGTH
                    + " bytes");
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, parameters);
        verifier.update(message, 0, message.length);
        if (!verifier.verifySignature(signature)) {
            throw new InvalidSignatureException("Ed25519 signature does not verify");
        }
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        // Public, so timing is no secret; constant time anyway, so one comparison rule holds for all key bytes.
        return other instanceof Ed25519PublicKey key
                && org.bouncycastle.util.Arrays.constantTimeAreEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + Hex.toHexString(bytes) + "]";
    }
}
