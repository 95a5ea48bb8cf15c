package dev.vellum.client.account;

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
 * certificate, its keys sealed under the passphrase's wrapping key ({@code DEVICE_LOCAL}: a later login on this
 * browser reuses the device instead of registering another) and, while a session lives, sealed under the session's
 * secret ({@code DEVICE_SESSION}: a reload stays logged in without the passphrase). Neither opens without something
 * the disk does not hold: the passphrase, or the server's live session.
 *
 * <p>Format: version 1, account id (16), salt (16), certificate (2-byte length), DEVICE_LOCAL (2-byte length),
 * DEVICE_SESSION (2-byte length, empty when logged out).
 */
public final class LocalDeviceRecord {
    private static final int VERSION = 1;
    private static final int MAX_SEALED = 4096;
    private static final int MAX_CERTIFICATE = 1024;
    private static final int SALT_LENGTH = 16;

    private final AccountId accountId;
    private final AccountSalt salt;
    private final DeviceCertificate certificate;
    private final byte[] deviceLocal;
    private final byte[] deviceSession;

    public LocalDeviceRecord(AccountId accountId, AccountSalt salt, DeviceCertificate certificate, byte[] deviceLocal,
                             byte[] deviceSession) {
        this.accountId = accountId;
        this.salt = salt;
        this.certificate = certificate;
        this.deviceLocal = deviceLocal.clone();
        this.deviceSession = deviceSession == null ? new byte[0] : deviceSession.clone();
    }

    /** The record a login or sign-up leaves: the device sealed both ways. */
    public static LocalDeviceRecord of(UnlockedAccount account, AccountSalt salt, WrappingKey passphraseKey,
                                       SessionSecret session, dev.vellum.crypto.random.RandomSource random) {
        return new LocalDeviceRecord(account.accountId(), salt, account.certificate(),
                account.sealDeviceKeys(Purpose.DEVICE_LOCAL, passphraseKey, random),
                account.sealForSession(session, random));
    }

    public static LocalDeviceRecord decode(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "local device record");
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new InvalidMessageException("local device record version " + version + ", expected " + VERSION);
        }
        AccountId accountId = AccountId.fromBytes(in.readBytes(16, "account id"));
        AccountSalt salt = AccountSalt.fromBytes(in.readBytes(SALT_LENGTH, "salt"));
        DeviceCertificate certificate = DeviceCertificate.parse(readShortLength(in, MAX_CERTIFICATE, "certificate"));
        byte[] local = readShortLength(in, MAX_SEALED, "device keys");
        byte[] session = readShortLength(in, MAX_SEALED, "session keys");
        in.expectEnd();
        return new LocalDeviceRecord(accountId, salt, certificate, local, session);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter();
        out.writeByte(VERSION).writeBytes(accountId.toBytes()).writeBytes(salt.toBytes());
        writeShortLength(out, certificate.encode());
        writeShortLength(out, deviceLocal);
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

    /** The same record after logout: the device stays known, the session's copy of its keys is gone. */
    public LocalDeviceRecord withoutSession() {
        return new LocalDeviceRecord(accountId, salt, certificate, deviceLocal, new byte[0]);
    }

    /** After a passphrase change on this browser: the device sealed under the new passphrase, the session kept. */
    public LocalDeviceRecord withPassphrase(UnlockedAccount account, AccountSalt newSalt, WrappingKey newKey,
                                            dev.vellum.crypto.random.RandomSource random) {
        return new LocalDeviceRecord(accountId, newSalt, certificate,
                account.sealDeviceKeys(Purpose.DEVICE_LOCAL, newKey, random), deviceSession);
    }

    /** The device's keys, under the passphrase's wrapping key (a login on this browser). */
    public UnlockedAccount openWithPassphrase(WrappingKey passphraseKey) throws KeysDoNotMatchException {
        return UnlockedAccount.openDeviceRecord(deviceLocal, Purpose.DEVICE_LOCAL, passphraseKey, username(),
                accountId, certificate);
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
