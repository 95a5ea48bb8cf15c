package dev.vellum.client.conformance;

import static dev.vellum.client.conformance.JsValues.failure;
import static dev.vellum.client.conformance.JsValues.identity;
import static dev.vellum.client.conformance.JsValues.identityKeyPair;
import static dev.vellum.client.conformance.JsValues.in;
import static dev.vellum.client.conformance.JsValues.keyOf;
import static dev.vellum.client.conformance.JsValues.out;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.kdf.Argon2idParameters;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidRecoveryKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.account.LoginProof;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.account.WrappingKey;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The account formats as {@link ConformanceExports} exports them (which holds only the exported entry points, as
 * TeaVM exports the main class's): usernames, passphrase and recovery keys, sealed keys, device certificates, login
 * proofs and credentialed note items. Wrapping keys never leave the module, as in the app: they are kept here and
 * named by a handle.
 */
final class AccountConformance {
    private static final List<WrappingKey> WRAPPING_KEYS = new ArrayList<>();

    private AccountConformance() {
    }

    /** Username.parse: the normal form, or the failure's kind. */
    static JSObject username(String typed) {
        try {
            return JSString.valueOf(Username.parse(typed).value());
        } catch (InvalidUsernameException e) {
            return failure(e);
        }
    }

    /**
     * AccountKdf.derive: {@code {authKey, wrappingKey}}, the wrapping key as a handle for {@link #sealKeys} and
     * {@link #openKeys} (it never leaves the module, as in the app).
     */
    static JSObject passphraseKeys(String passphrase, Int8Array salt, int memoryKiB, int iterations,
                                          int parallelism) {
        PassphraseKeys keys = AccountKdf.derive(passphrase, AccountSalt.fromBytes(in(salt)),
                new Argon2idParameters(memoryKiB, iterations, parallelism));
        return keysOf(null, out(keys.authKey().toBytes()), keep(keys.wrappingKey()));
    }

    /** A recovery key made from its 20 bytes: {@code {display, authKey, wrappingKey}} as {@link #passphraseKeys}. */
    static JSObject recoveryKeyOf(Int8Array bytes) {
        return recoveryKeys(RecoveryKey.generate(new ReplayedRandomSource(in(bytes))));
    }

    /** RecoveryKey.parse of what a person typed: as {@link #recoveryKeyOf}, or the failure's kind. */
    static JSObject recoveryKey(String typed) {
        try {
            return recoveryKeys(RecoveryKey.parse(typed));
        } catch (InvalidRecoveryKeyException e) {
            return failure(e);
        }
    }

    /** The session's wrapping key, as a handle. */
    static int sessionWrappingKey(Int8Array sessionSecret) {
        return keep(WrappingKey.ofSessionSecret(SessionSecret.fromBytes(in(sessionSecret))));
    }

    /**
     * SealedKeys.seal with a given nonce; {@code privateKeys} holds each pair's Ed25519 seed then X25519 private key.
     */
    static Int8Array sealKeys(int purpose, Int8Array accountId, Int8Array privateKeys, int wrappingKey,
                                     Int8Array nonce) {
        byte[] keys = in(privateKeys);
        List<IdentityKeyPair> pairs = new ArrayList<>();
        for (int at = 0; at < keys.length; at += 64) {
            pairs.add(IdentityKeyPair.of(Ed25519PrivateKey.fromSeed(Arrays.copyOfRange(keys, at, at + 32)),
                    X25519PrivateKey.fromBytes(Arrays.copyOfRange(keys, at + 32, at + 64))));
        }
        return out(SealedKeys.seal(purposeOf(purpose), AccountId.fromBytes(in(accountId)), pairs,
                WRAPPING_KEYS.get(wrappingKey), new ReplayedRandomSource(in(nonce))));
    }

    /** SealedKeys.open: each pair's private keys as {@link #sealKeys} takes them, or the failure's kind. */
    static JSObject openKeys(Int8Array sealed, int purpose, Int8Array accountId, int wrappingKey) {
        try {
            byte[] keys = new byte[0];
            for (IdentityKeyPair pair : SealedKeys.open(in(sealed), purposeOf(purpose),
                    AccountId.fromBytes(in(accountId)), WRAPPING_KEYS.get(wrappingKey))) {
                keys = Bytes.concat(keys, pair.signingKey().exportSeed(KeyAccess.get()),
                        pair.agreementKey().exportBytes(KeyAccess.get()));
            }
            return out(keys);
        } catch (InvalidMessageException | AuthenticationFailedException e) {
            return failure(e);
        }
    }

    /** SealedKeys.checkForm, the server's check: true, or the failure's kind. */
    static JSObject checkSealedKeysForm(Int8Array sealed, int purpose) {
        try {
            SealedKeys.checkForm(in(sealed), purposeOf(purpose));
            return JSBoolean.valueOf(true);
        } catch (InvalidMessageException e) {
            return failure(e);
        }
    }

    static JSObject standInSalt(Int8Array serverSecret, String username) {
        try {
            return out(AccountSalt.standIn(in(serverSecret), Username.parse(username)).toBytes());
        } catch (InvalidUsernameException e) {
            return failure(e);
        }
    }

    static JSObject issueDeviceCertificate(Int8Array identitySeed, Int8Array identityAgreementKey,
                                                  Int8Array accountId, String username, Int8Array deviceSigning,
                                                  Int8Array deviceAgreement, double issuedAtMillis) {
        try {
            return out(DeviceCertificate.issue(identityKeyPair(identitySeed, identityAgreementKey),
                    AccountId.fromBytes(in(accountId)), Username.parse(username),
                    identity(deviceSigning, deviceAgreement), (long) issuedAtMillis).encode());
        } catch (InvalidUsernameException | InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    /**
     * Parses and verifies a device certificate: {@code "<account id> <username> <issued at>"}, or the failure's
     * kind (InvalidMessageException from parsing, InvalidSignatureException from verifying).
     */
    static JSObject verifyDeviceCertificate(Int8Array encoded) {
        try {
            DeviceCertificate certificate = DeviceCertificate.parse(in(encoded));
            certificate.verify();
            return JSString.valueOf(certificate.accountId() + " " + certificate.username().value() + " "
                    + certificate.issuedAtMillis());
        } catch (InvalidMessageException | InvalidSignatureException e) {
            return failure(e);
        }
    }

    static Int8Array loginProof(Int8Array deviceSeed, Int8Array deviceAgreementKey, Int8Array challenge,
                                       Int8Array accountId) {
        return out(LoginProof.sign(identityKeyPair(deviceSeed, deviceAgreementKey),
                LoginChallenge.fromBytes(in(challenge)), AccountId.fromBytes(in(accountId))));
    }

    /** A version-3 note item by a device that carries its certificate, sealed with a given nonce. */
    static JSObject sealCredentialedNoteItem(Int8Array secret, Int8Array authorSeed, Int8Array authorAgreementKey,
                                                    Int8Array certificate, int kind, int covers, int sequence,
                                                    Int8Array previousHash, Int8Array nonce, Int8Array body) {
        try {
            return out(new NoteItemCipher(NoteKeys.fromSecret(keyOf(secret)),
                    identityKeyPair(authorSeed, authorAgreementKey), DeviceCertificate.parse(in(certificate)),
                    new ReplayedRandomSource(in(nonce)))
                    .seal(NoteItemKind.fromCode(kind), covers, sequence, UpdateHash.fromBytes(in(previousHash)),
                            in(body))
                    .encode());
        } catch (InvalidMessageException e) {
            return failure(e);
        }
    }

    /** Parses a note item and checks it as the server does: its credential's bytes (empty if anonymous). */
    static JSObject noteItemCredential(Int8Array encoded) {
        try {
            NoteItem item = NoteItem.parse(in(encoded));
            item.verifyForStorage();
            return out(item.credential() == null ? new byte[0] : item.credential().encode());
        } catch (InvalidMessageException | InvalidSignatureException e) {
            return failure(e);
        }
    }

    private static JSObject recoveryKeys(RecoveryKey key) {
        return keysOf(key.display(), out(key.authKey().toBytes()), keep(key.wrappingKey()));
    }

    private static int keep(WrappingKey key) {
        WRAPPING_KEYS.add(key);
        return WRAPPING_KEYS.size() - 1;
    }

    @JSBody(params = {"display", "authKey", "wrappingKey"},
            script = "return { display: display, authKey: authKey, wrappingKey: wrappingKey };")
    private static native JSObject keysOf(String display, Int8Array authKey, int wrappingKey);

    private static SealedKeys.Purpose purposeOf(int code) {
        for (SealedKeys.Purpose purpose : SealedKeys.Purpose.values()) {
            if (purpose.code() == code) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("no sealed-keys purpose " + code);
    }
}
