package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.AccountId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The account's identity key saying "this device key is mine": what lets a reader show a person's name on what a
 * device signed, and the server check a device against the account it names.
 *
 * <pre>
 * offset    length  field
 *  0         1      version = 1
 *  1        16      account id
 * 17         1      username length u, 3 to 32
 * 18         u      username, in its normal form (ASCII)
 * 18+u      64      identity public keys: Ed25519 then X25519
 * 82+u      64      device public keys: Ed25519 then X25519
 * 146+u      8      issued at, milliseconds since 1970
 * 154+u     64      identity's Ed25519 signature over "vellum/v1/device-certificate/signature" || bytes 0..154+u
 * </pre>
 *
 * <p>A certificate proves only that the holder of this identity key vouched for the device under this name; whether
 * the identity key is the person's is what safety numbers are for.
 */
public final class DeviceCertificate {
    public static final int VERSION = 1;
    public static final int MAX_LENGTH = 218 + Username.MAX_LENGTH;

    private final AccountId accountId;
    private final Username username;
    private final PublicIdentity identity;
    private final PublicIdentity device;
    private final long issuedAtMillis;
    private final byte[] signature;
    private final byte[] encoded;

    private DeviceCertificate(AccountId accountId, Username username, PublicIdentity identity, PublicIdentity device,
                              long issuedAtMillis, byte[] signature, byte[] encoded) {
        this.accountId = accountId;
        this.username = username;
        this.identity = identity;
        this.device = device;
        this.issuedAtMillis = issuedAtMillis;
        this.signature = signature;
        this.encoded = encoded;
    }

    public static DeviceCertificate issue(IdentityKeyPair identity, AccountId accountId, Username username,
                                          PublicIdentity device, long issuedAtMillis) {
        byte[] unsigned = new ByteWriter(MAX_LENGTH)
                .writeByte(VERSION)
                .writeBytes(accountId.toBytes())
                .writeBytesWithByteLength(username.toBytes(), Username.MAX_LENGTH)
                .writeBytes(identity.publicIdentity().toBytes())
                .writeBytes(device.toBytes())
                .writeLong(issuedAtMillis)
                .toByteArray();
        byte[] signature = identity.signingKey().sign(Label.DEVICE_CERTIFICATE_SIGNATURE.prefix(unsigned));
        byte[] encoded = new ByteWriter(unsigned.length + signature.length)
                .writeBytes(unsigned).writeBytes(signature).toByteArray();
        return new DeviceCertificate(accountId, username, identity.publicIdentity(), device, issuedAtMillis,
                signature, encoded);
    }

    /** Checks the layout, the username rule and the keys' form; the signature is {@link #verify()}'s. */
    public static DeviceCertificate parse(byte[] encoded) throws InvalidMessageException {
        if (encoded.length > MAX_LENGTH) {
            throw new InvalidMessageException("a device certificate is at most " + MAX_LENGTH + " bytes");
        }
        ByteReader in = new ByteReader(encoded, "device certificate");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("device certificate", version, VERSION);
        }
        AccountId accountId = AccountId.fromBytes(in.readBytes(AccountId.LENGTH, "account id"));
        String name = new String(in.readBytesWithByteLength(Username.MAX_LENGTH, "username"),
                StandardCharsets.US_ASCII);
        Username username = Username.parse(name);
        if (!username.value().equals(name)) {
            throw new InvalidMessageException("a device certificate carries its username in normal form");
        }
        PublicIdentity identity = publicIdentity(in.readBytes(PublicIdentity.ENCODED_LENGTH, "identity keys"));
        PublicIdentity device = publicIdentity(in.readBytes(PublicIdentity.ENCODED_LENGTH, "device keys"));
        long issuedAtMillis = in.readLong("issued at");
        byte[] signature = in.readBytes(Ed25519PublicKey.SIGNATURE_LENGTH, "signature");
        in.expectEnd();
        return new DeviceCertificate(accountId, username, identity, device, issuedAtMillis, signature,
                encoded.clone());
    }

    private static PublicIdentity publicIdentity(byte[] bytes) throws InvalidMessageException {
        try {
            return PublicIdentity.fromBytes(bytes);
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("device certificate carries an invalid key: " + e.getMessage());
        }
    }

    /** Checks the identity key's signature over everything else. */
    public void verify() throws InvalidSignatureException {
        byte[] unsigned = Arrays.copyOf(encoded, encoded.length - signature.length);
        identity.signingKey().verify(Label.DEVICE_CERTIFICATE_SIGNATURE.prefix(unsigned), signature);
    }

    public AccountId accountId() {
        return accountId;
    }

    public Username username() {
        return username;
    }

    /** The account's identity public keys, as the certificate claims them. */
    public PublicIdentity identity() {
        return identity;
    }

    /** The device's public keys: the ones that sign its items and login proofs. */
    public PublicIdentity device() {
        return device;
    }

    public long issuedAtMillis() {
        return issuedAtMillis;
    }

    public byte[] encode() {
        return encoded.clone();
    }

    public int length() {
        return encoded.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceCertificate && Arrays.equals(((DeviceCertificate) other).encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "DeviceCertificate[" + username + ", account " + accountId + "]";
    }
}
