package dev.vellum.client.account;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.account.WrappingKey;
import dev.vellum.protocol.id.AccountId;

/**
 * What this browser keeps in IndexedDB for one username: the account id, the passphrase salt, this device's
 * certificate, its keys sealed under a key derived from the account's identity ({@code DEVICE_IDENTITY}: a later
 * login on this browser reuses the device instead of registering another, whatever passphrase opened the identity)
 * and, while a session lives, sealed under the session's secret ({@code DEVICE_SESSION}: a reload stays logged in
 * without the passphrase). Neither opens without something the disk does not hold: the identity, which only the
 * passphrase or the recovery key opens from the server's bundle, or the server's live session.
 *
 * <p>Format: version 2, account id (16), salt (16), certificate (2-byte length), DEVICE_IDENTITY (2-byte length),
 * DEVICE_SESSION (2-byte length, empty when logged out). Version 1 is the same with {@code DEVICE_LOCAL} (under the
 * passphrase's wrapping key) in place of {@code DEVICE_IDENTITY}: still read, opened with the passphrase at login,
 * and replaced by a version 2 record when the login completes.
 */
public final class LocalDeviceRecord {
    static final int VERSION = 2;
    /** Device keys sealed under the passphrase ({@code DEVICE_LOCAL}), which a passphrase change elsewhere locked. */
    static final int VERSION_SEALED_UNDER_PASSPHRASE = 1;
    private static final int MAX_SEALED = 4096;
    private static final int MAX_CERTIFICATE = 1024;
    private static final int SALT_LENGTH = 16;

    private final int version;
    private final AccountId accountId;
    private final AccountSalt salt;
    private final DeviceCertificate certificate;
    private final byte[] deviceKeys;
    private final byte[] deviceSession;

    /** A record of the current version: {@code deviceKeys} sealed for {@code DEVICE_IDENTITY}. */
    public LocalDeviceRecord(AccountId accountId, AccountSalt salt, DeviceCertificate certificate, byte[] deviceKeys,
                             byte[] deviceSession) {
        this(VERSION, accountId, salt, certificate, deviceKeys, deviceSession);
    }

    private LocalDeviceRecord(int version, AccountId accountId, AccountSalt salt, DeviceCertificate certificate,
                              byte[] deviceKeys, byte[] deviceSession) {
        this.version = version;
        this.accountId = accountId;
        this.salt = salt;
        this.certificate = certificate;
        this.deviceKeys = deviceKeys.clone();
        this.deviceSession = deviceSession == null ? new byte[0] : deviceSession.clone();
    }

    /** The record a login, recovery or sign-up leaves: the device sealed under the identity and under the session. */
    public static LocalDeviceRecord of(UnlockedAccount account, AccountSalt salt, SessionSecret session,
                                       dev.vellum.crypto.random.RandomSource random) {
        return new LocalDeviceRecord(account.accountId(), salt, account.certificate(),
                account.sealDeviceKeys(Purpose.DEVICE_IDENTITY, WrappingKey.ofDeviceRecord(account.identity()),
                        random),
                account.sealForSession(session, random));
    }

    public static LocalDeviceRecord decode(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "local device record");
        int version = in.readUnsignedByte("version");
        if (version != VERSION && version != VERSION_SEALED_UNDER_PASSPHRASE) {
            throw new InvalidMessageException("local device record version " + version + ", expected " + VERSION
                    + " (or " + VERSION_SEALED_UNDER_PASSPHRASE + ")");
        }
        AccountId accountId = AccountId.fromBytes(in.readBytes(16, "account id"));
        AccountSalt salt = AccountSalt.fromBytes(in.readBytes(SALT_LENGTH, "salt"));
        DeviceCertificate certificate = DeviceCertificate.parse(readShortLength(in, MAX_CERTIFICATE, "certificate"));
        byte[] keys = readShortLength(in, MAX_SEALED, "device keys");
        byte[] session = readShortLength(in, MAX_SEALED, "session keys");
        in.expectEnd();
        return new LocalDeviceRecord(version, accountId, salt, certificate, keys, session);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter();
        out.writeByte(version).writeBytes(accountId.toBytes()).writeBytes(salt.toBytes());
        writeShortLength(out, certificate.encode());
        writeShortLength(out, deviceKeys);
        writeShortLength(out, deviceSession);
        return out.toByteArray();
    }

    private static byte[] readShortLength(ByteReader in, int max, String field) throws InvalidMessageException {
        int length = in.readUnsignedShort(field + " length");
        if (length > max) {
            throw new InvalidMessageException(field + " longer than " + max + " bytes");
        }
        return in.readBytes(length, field);
    }

    private static void writeShortLength(ByteWriter out, byte[] bytes) {
        out.writeShort(bytes.length).writeBytes(bytes);
    }

    public AccountId accountId() {
        return accountId;
    }

    public AccountSalt salt() {
        return salt;
    }

    public DeviceCertificate certificate() {
        return certificate;
    }

    public Username username() {
        return certificate.username();
    }

    public boolean hasSession() {
        return deviceSession.length > 0;
    }

    /** Written before device keys were sealed under the identity: only the passphrase of then opens them. */
    public boolean sealedUnderPassphrase() {
        return version == VERSION_SEALED_UNDER_PASSPHRASE;
    }

    /** The same record after logout: the device stays known, the session's copy of its keys is gone. */
    public LocalDeviceRecord withoutSession() {
        return new LocalDeviceRecord(version, accountId, salt, certificate, deviceKeys, new byte[0]);
    }

    /**
     * After a passphrase change on this browser: the new salt, the session kept. The device keys need no resealing
     * (the identity did not change), but a record of version 1 is rewritten in the current version on the way.
     */
    public LocalDeviceRecord withPassphrase(UnlockedAccount account, AccountSalt newSalt,
                                            dev.vellum.crypto.random.RandomSource random) {
        return new LocalDeviceRecord(accountId, newSalt, certificate,
                account.sealDeviceKeys(Purpose.DEVICE_IDENTITY, WrappingKey.ofDeviceRecord(account.identity()),
                        random),
                deviceSession);
    }

    /**
     * The device's keys at a login or recovery on this browser, once the account's identity is open: under the
     * identity's device-record key, or, in a record of version 1, under the passphrase's wrapping key.
     *
     * @param passphraseKey the wrapping key of the passphrase just typed, for a version 1 record; null if there is
     *                      none (a recovery)
     * @throws KeysDoNotMatchException if the keys do not open (another identity; for version 1, a passphrase changed
     *                                 since), or the record holds other keys than its certificate names
     */
    public UnlockedAccount openWithIdentity(IdentityKeyPair identity, WrappingKey passphraseKey)
            throws KeysDoNotMatchException {
        if (sealedUnderPassphrase()) {
            if (passphraseKey == null) {
                throw new KeysDoNotMatchException("this browser's device keys are sealed under a passphrase");
            }
            return UnlockedAccount.openDeviceRecord(deviceKeys, Purpose.DEVICE_LOCAL, passphraseKey, username(),
                    accountId, certificate);
        }
        return UnlockedAccount.openDeviceRecord(deviceKeys, Purpose.DEVICE_IDENTITY,
                WrappingKey.ofDeviceRecord(identity), username(), accountId, certificate);
    }

    /** The device's keys, under the live session's secret (a reload). */
    public UnlockedAccount openWithSession(SessionSecret secret) throws KeysDoNotMatchException {
        if (!hasSession()) {
            throw new KeysDoNotMatchException("this browser holds no keys for a session");
        }
        return UnlockedAccount.openDeviceRecord(deviceSession, Purpose.DEVICE_SESSION,
                WrappingKey.ofSessionSecret(secret), username(), accountId, certificate);
    }
}
