package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.IdentityKeyWrap;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.AccountId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Private key pairs sealed under a {@link WrappingKey}, for a place that must not read them: the account's bundle on
 * the server (under the passphrase, and again under the recovery key), and a device's keys in the browser's storage.
 *
 * <pre>
 * offset   length  field
 *  0        1      version = 1
 *  1        1      purpose (see {@link Purpose})
 *  2       16      account id
 * 18        1      count c of key pairs, 1 to 4
 * 19       64 c    each pair's public keys: Ed25519 (32) then X25519 (32)
 * 19+64c    n      committing XChaCha20-Poly1305 of each pair's private keys (see IdentityKeyWrap), with
 *                  "vellum/v1/sealed-keys/ad" || bytes 0..19+64c as associated data
 * </pre>
 *
 * <p>The associated data binds purpose, account and public keys: a server cannot pass one account's bundle off as
 * another's, a recovery bundle as a passphrase bundle, or swap the public keys beside the ciphertext. Opening
 * checks that each private key gives the listed public keys, so a key that does not match is never used.
 */
public final class SealedKeys {
    public static final int VERSION = 1;
    public static final int MAX_PAIRS = 4;
    public static final int MAX_LENGTH = 4096;
    private static final int HEADER_LENGTH = 19;

    /** What the keys are sealed for; bound into the associated data, so one can never stand in for another. */
    public enum Purpose {
        /** The account's identity, on the server, under the passphrase's wrapping key. */
        ACCOUNT_PASSPHRASE(1),
        /** The account's identity, on the server, under the recovery key's wrapping key. */
        ACCOUNT_RECOVERY(2),
        /**
         * A device's keys and the identity, in the browser, under the passphrase's wrapping key: how device records
         * were sealed until {@link #DEVICE_IDENTITY}; still opened, never written.
         */
        DEVICE_LOCAL(3),
        /** A device's keys and the identity, in the browser, under the session's wrapping key. */
        DEVICE_SESSION(4),
        /**
         * A device's keys and the identity, in the browser, under a key derived from the identity itself
         * ({@link WrappingKey#ofDeviceRecord}), so that they outlive a passphrase change made elsewhere.
         */
        DEVICE_IDENTITY(5);

        private final int code;

        Purpose(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Purpose fromCode(int code) throws InvalidMessageException {
            for (Purpose purpose : values()) {
                if (purpose.code == code) {
                    return purpose;
                }
            }
            throw new InvalidMessageException("unknown sealed-keys purpose " + code);
        }
    }

    private SealedKeys() {
    }

    public static byte[] seal(Purpose purpose, AccountId account, List<IdentityKeyPair> pairs, WrappingKey key,
                              RandomSource random) {
        if (pairs.isEmpty() || pairs.size() > MAX_PAIRS) {
            throw new IllegalArgumentException("seal 1 to " + MAX_PAIRS + " key pairs");
        }
        ByteWriter header = new ByteWriter()
                .writeByte(VERSION)
                .writeByte(purpose.code())
                .writeBytes(account.toBytes())
                .writeByte(pairs.size());
        for (IdentityKeyPair pair : pairs) {
            header.writeBytes(pair.publicIdentity().toBytes());
        }
        byte[] clear = header.toByteArray();
        byte[] sealed = IdentityKeyWrap.wrap(pairs, key.key(), Label.SEALED_KEYS_AD.prefix(clear), random);
        return new ByteWriter(clear.length + sealed.length).writeBytes(clear).writeBytes(sealed).toByteArray();
    }

    /**
     * Opens sealed keys made for {@code purpose} and {@code account}.
     *
     * @throws AuthenticationFailedException under a wrong key, or after any changed byte
     * @throws InvalidMessageException if the bytes are not sealed keys for this purpose and account
     */
    public static List<IdentityKeyPair> open(byte[] sealed, Purpose purpose, AccountId account, WrappingKey key)
            throws InvalidMessageException, AuthenticationFailedException {
        Parsed parsed = parse(sealed, purpose);
        if (!parsed.account.equals(account)) {
            throw new InvalidMessageException("these keys are sealed for another account");
        }
        byte[] clear = Arrays.copyOf(sealed, parsed.clearLength);
        return IdentityKeyWrap.unwrap(Arrays.copyOfRange(sealed, parsed.clearLength, sealed.length), key.key(),
                Label.SEALED_KEYS_AD.prefix(clear), parsed.publicKeys);
    }

    /** The public keys listed in the clear, unchecked until {@link #open}: for showing what a bundle claims. */
    public static List<PublicIdentity> publicKeys(byte[] sealed, Purpose purpose) throws InvalidMessageException {
        return parse(sealed, purpose).publicKeys;
    }

    /** What the server checks before keeping a bundle it cannot open: version, purpose and layout. */
    public static void checkForm(byte[] sealed, Purpose purpose) throws InvalidMessageException {
        parse(sealed, purpose);
    }

    private record Parsed(AccountId account, List<PublicIdentity> publicKeys, int clearLength) {
    }

    private static Parsed parse(byte[] sealed, Purpose expected) throws InvalidMessageException {
        if (sealed.length > MAX_LENGTH) {
            throw new InvalidMessageException("sealed keys are at most " + MAX_LENGTH + " bytes");
        }
        ByteReader in = new ByteReader(sealed, "sealed keys");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("sealed keys", version, VERSION);
        }
        Purpose purpose = Purpose.fromCode(in.readUnsignedByte("purpose"));
        if (purpose != expected) {
            throw new InvalidMessageException("sealed keys are for " + purpose + ", expected " + expected);
        }
        AccountId account = AccountId.fromBytes(in.readBytes(AccountId.LENGTH, "account id"));
        int count = in.readUnsignedByte("count");
        if (count < 1 || count > MAX_PAIRS) {
            throw new InvalidMessageException("sealed keys hold 1 to " + MAX_PAIRS + " pairs, not " + count);
        }
        List<PublicIdentity> publicKeys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                publicKeys.add(PublicIdentity.fromBytes(in.readBytes(PublicIdentity.ENCODED_LENGTH, "public keys")));
            } catch (InvalidPublicKeyException e) {
                throw new InvalidMessageException("sealed keys list an invalid public key: " + e.getMessage());
            }
        }
        int clearLength = HEADER_LENGTH + count * PublicIdentity.ENCODED_LENGTH;
        if (in.remaining() != count * IdentityKeyWrap.PAIR_LENGTH + IdentityKeyWrap.OVERHEAD) {
            throw new InvalidMessageException("sealed keys have " + in.remaining() + " bytes of ciphertext, expected "
                    + (count * IdentityKeyWrap.PAIR_LENGTH + IdentityKeyWrap.OVERHEAD));
        }
        return new Parsed(account, publicKeys, clearLength);
    }
}
