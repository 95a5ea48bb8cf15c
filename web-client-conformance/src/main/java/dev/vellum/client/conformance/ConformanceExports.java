package dev.vellum.client.conformance;

import static dev.vellum.client.conformance.JsValues.failure;
import static dev.vellum.client.conformance.JsValues.identity;
import static dev.vellum.client.conformance.JsValues.identityKeyPair;
import static dev.vellum.client.conformance.JsValues.in;
import static dev.vellum.client.conformance.JsValues.keyOf;
import static dev.vellum.client.conformance.JsValues.out;

import dev.vellum.client.jso.BrowserRandomSource;
import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.aead.JavaXChaCha20Poly1305Arrays;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.aead.browser.BrowserXChaCha20Poly1305;
import dev.vellum.crypto.aead.internal.InsecureNonceChaCha20Poly1305;
import dev.vellum.crypto.aead.internal.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.hash.Blake2b;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.HmacSha256;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.hpke.HpkeCiphertext;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.crypto.kdf.Argon2id;
import dev.vellum.crypto.kdf.Argon2idParameters;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.item.KeyEnvelopeHeader;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.seal.KeyEnvelopeCipher;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.seal.UpdateEnvelopeCipher;
import java.nio.charset.StandardCharsets;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The shared crypto code and the text CRDT, exported from a separate WebAssembly module for the browser conformance
 * tests and the benchmarks only. The app never loads it: it exists so tests can run published vectors against the
 * TeaVM output and compare it with the JVM byte for byte. Where the library throws, a function returns
 * {@code {failure: "AuthenticationFailedException"}} (the exception's kind, see {@link JsValues#failure}) instead of
 * its result, so a test asserts the exact cause of a rejection, not merely that there was one. TeaVM exports the
 * main class's static methods, so the account exports stay here as entry points into {@link AccountConformance}.
 */
public final class ConformanceExports {
    private static final BrowserRandomSource RANDOM = BrowserRandomSource.create();
    private static final BrowserXChaCha20Poly1305 KEPT_COPIES = new BrowserXChaCha20Poly1305();

    private ConformanceExports() {
    }

    public static void main(String[] args) {
        // Exports only; nothing to start.
    }

    // --- AEADs ---------------------------------------------------------------------------------------------

    @JSExport
    public static Int8Array xchachaEncrypt(Int8Array key, Int8Array nonce, Int8Array plaintext, Int8Array ad) {
        return out(new InsecureNonceXChaCha20Poly1305(keyOf(key)).encrypt(in(nonce), in(plaintext), in(ad)));
    }

    @JSExport
    public static JSObject xchachaDecrypt(Int8Array key, Int8Array nonce, Int8Array ciphertext, Int8Array ad) {
        byte[] input = in(ciphertext);
        try {
            return out(new InsecureNonceXChaCha20Poly1305(keyOf(key)).decrypt(in(nonce), input, 0, input.length,
                    in(ad)));
        } catch (AuthenticationFailedException | InvalidMessageException | IllegalArgumentException e) {
            return failure(e);
        }
    }

    /** The app's path: random nonce from crypto.getRandomValues, plaintext copied in and ciphertext out. */
    @JSExport
    public static Int8Array xchachaSeal(Int8Array key, Int8Array plaintext, Int8Array ad) {
        return out(new XChaCha20Poly1305(keyOf(key), RANDOM).encrypt(in(plaintext), in(ad)));
    }

    @JSExport
    public static JSObject xchachaOpen(Int8Array key, Int8Array sealed, Int8Array ad) {
        try {
            return out(new XChaCha20Poly1305(keyOf(key), RANDOM).decrypt(in(sealed), in(ad)));
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            return failure(e);
        }
    }

    /** The kept copy's seal into a JavaScript array: {@code prefix} in the clear, then a random nonce. */
    @JSExport
    public static Int8Array xchachaSealIntoJs(Int8Array key, Int8Array prefix, Int8Array plaintext, Int8Array ad) {
        return KEPT_COPIES.seal(keyOf(key), in(prefix), in(plaintext), in(ad));
    }

    /** The browser build's open of a JavaScript array after {@code prefixLength} clear bytes, as for the kept copy. */
    @JSExport
    public static JSObject xchachaOpenFromJs(Int8Array key, Int8Array sealed, int prefixLength, Int8Array ad) {
        try {
            return out(KEPT_COPIES.open(keyOf(key), sealed, prefixLength, in(ad)));
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            return failure(e);
        }
    }

    /** The kept copy's seal for the benchmark: {@code size} bytes made in WebAssembly, into a JavaScript array. */
    @JSExport
    public static Int8Array xchachaSealIntoJsFromWasm(Int8Array key, int size) {
        return CryptoBenchmarks.sealKeptCopy(KEPT_COPIES, keyOf(key), size);
    }

    /** The kept copy's open for the benchmark: into WebAssembly, where the plaintext stays (its length returned). */
    @JSExport
    public static int xchachaOpenFromJsIntoWasm(Int8Array key, Int8Array sealed) {
        return CryptoBenchmarks.openedLength(KEPT_COPIES, keyOf(key), sealed);
    }

    /** {@link #xchachaOpenFromJsIntoWasm} as it was: TeaVM's copy into a Java array, then the cipher on it. */
    @JSExport
    public static int xchachaOpenIntoWasmViaCopy(Int8Array key, Int8Array sealed) {
        return CryptoBenchmarks.openedLength(new JavaXChaCha20Poly1305Arrays(RANDOM), keyOf(key), in(sealed));
    }

    /**
     * Seals {@code iterations} messages of {@code size} bytes without crossing into JavaScript, for the benchmark to
     * tell the cipher's own speed from the cost of copying across the boundary.
     */
    @JSExport
    public static int xchachaSealRepeatedly(Int8Array key, int size, int iterations) {
        return CryptoBenchmarks.sealRepeatedly(keyOf(key), RANDOM, size, iterations);
    }

    /** {@link #xchachaSealIntoJsFromWasm} as it was: sealed into a Java array, then copied into JavaScript once. */
    @JSExport
    public static Int8Array xchachaSealCopyOutOnly(Int8Array key, int size) {
        return out(CryptoBenchmarks.sealKeptCopy(new JavaXChaCha20Poly1305Arrays(RANDOM), keyOf(key), size));
    }

    /** Copies bytes in and straight back out: the benchmark's measure of the JavaScript boundary alone. */
    @JSExport
    public static Int8Array copyRoundTrip(Int8Array data) {
        return out(in(data));
    }

    /**
     * The seal as it was before Vellum's own ChaCha20-Poly1305 core (BouncyCastle's), with the same copies, for the
     * benchmark's same-page comparison of the two.
     */
    @JSExport
    public static Int8Array xchachaSealBouncyCastle(Int8Array key, Int8Array plaintext, Int8Array ad) {
        return out(BouncyCastleXChaCha20Poly1305.seal(in(key), RANDOM.randomBytes(24), in(plaintext), in(ad)));
    }

    /** {@link #xchachaSealRepeatedly} on BouncyCastle's cipher: the two cores compared with no copies at all. */
    @JSExport
    public static int xchachaSealRepeatedlyBouncyCastle(Int8Array key, int size, int iterations) {
        return CryptoBenchmarks.bouncyCastleSealRepeatedly(in(key), RANDOM, size, iterations);
    }

    @JSExport
    public static Int8Array committingSeal(Int8Array key, Int8Array plaintext, Int8Array ad) {
        return out(new CommittingXChaCha20Poly1305(keyOf(key), RANDOM).encrypt(in(plaintext), in(ad)));
    }

    @JSExport
    public static JSObject committingOpen(Int8Array key, Int8Array sealed, Int8Array ad) {
        try {
            return out(CommittingXChaCha20Poly1305.decryptOnly(keyOf(key)).decrypt(in(sealed), in(ad)));
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            return failure(e);
        }
    }

    @JSExport
    public static JSObject chachaEncrypt(Int8Array key, Int8Array nonce, Int8Array plaintext, Int8Array ad) {
        try {
            return out(new InsecureNonceChaCha20Poly1305(in(key)).encrypt(in(nonce), in(plaintext), in(ad)));
        } catch (IllegalArgumentException e) {
            return failure(e);
        }
    }

    @JSExport
    public static JSObject chachaDecrypt(Int8Array key, Int8Array nonce, Int8Array ciphertext, Int8Array ad) {
        byte[] input = in(ciphertext);
        try {
            return out(new InsecureNonceChaCha20Poly1305(in(key)).decrypt(in(nonce), input, 0, input.length,
                    in(ad)));
        } catch (AuthenticationFailedException | InvalidMessageException | IllegalArgumentException e) {
            return failure(e);
        }
    }

    // --- Hashes and KDFs -----------------------------------------------------------------------------------

    @JSExport
    public static Int8Array sha256(Int8Array data) {
        return out(Sha256.hash(in(data)));
    }

    @JSExport
    public static Int8Array hmacSha256(Int8Array key, Int8Array data) {
        return out(HmacSha256.mac(in(key), in(data)));
    }

    @JSExport
    public static JSObject hkdfSha256(Int8Array ikm, Int8Array salt, Int8Array info, int length) {
        try {
            return out(Hkdf.derive(in(ikm), in(salt), in(info), length));
        } catch (IllegalArgumentException e) {
            return failure(e);
        }
    }

    @JSExport
    public static Int8Array blake2b(Int8Array key, Int8Array data, int length) {
        return out(Blake2b.keyed(in(key), in(data), length));
    }

    @JSExport
    public static Int8Array argon2id(Int8Array password, Int8Array salt, Int8Array secret, Int8Array ad,
                                     int memoryKiB, int iterations, int parallelism, int length) {
        return out(Argon2id.hash(in(password), in(salt), in(secret), in(ad),
                new Argon2idParameters(memoryKiB, iterations, parallelism), length));
    }

    // --- Signatures and key agreement ----------------------------------------------------------------------

    @JSExport
    public static Int8Array ed25519PublicKey(Int8Array seed) {
        return out(Ed25519PrivateKey.fromSeed(in(seed)).publicKey().toBytes());
    }

    @JSExport
    public static Int8Array ed25519Sign(Int8Array seed, Int8Array message) {
        return out(Ed25519PrivateKey.fromSeed(in(seed)).sign(in(message)));
    }

    /**
     * Keeps a signing key in the module and returns its handle for {@link #ed25519SignWith}: the app holds its identity
     * key for the session, as libsodium's callers hold a 64-byte secret key, so this is the like-for-like measure.
     */
    @JSExport
    public static int ed25519SigningKey(Int8Array seed) {
        return CryptoBenchmarks.addSigningKey(in(seed));
    }

    @JSExport
    public static Int8Array ed25519SignWith(int key, Int8Array message) {
        return out(CryptoBenchmarks.sign(key, in(message)));
    }

    /** The former signing path (BouncyCastle's), for the benchmark's same-page comparison. */
    @JSExport
    public static Int8Array ed25519SignBouncyCastle(int key, Int8Array message) {
        return out(CryptoBenchmarks.signBouncyCastle(key, in(message)));
    }

    @JSExport
    public static Int8Array sha512(Int8Array data) {
        return out(CryptoBenchmarks.sha512(in(data)));
    }

    /** SHA-512 of {@code size} bytes, {@code iterations} times, without crossing into JavaScript (benchmark). */
    @JSExport
    public static int sha512Repeatedly(int size, int iterations) {
        return CryptoBenchmarks.sha512Repeatedly(size, iterations);
    }

    /** {@link #sha512Repeatedly} on BouncyCastle's block function, the browser's SHA-512 before Vellum's own. */
    @JSExport
    public static int sha512RepeatedlyBouncyCastle(int size, int iterations) {
        return CryptoBenchmarks.bouncyCastleCompressionRepeatedly(size, iterations);
    }

    @JSExport
    public static JSObject ed25519Verify(Int8Array publicKey, Int8Array message, Int8Array signature) {
        try {
            Ed25519PublicKey.fromBytes(in(publicKey)).verify(in(message), in(signature));
            return JSBoolean.valueOf(true);
        } catch (InvalidSignatureException | InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    @JSExport
    public static JSObject x25519(Int8Array privateKey, Int8Array publicKey) {
        try {
            return out(X25519PrivateKey.fromBytes(in(privateKey)).agree(X25519PublicKey.fromBytes(in(publicKey))));
        } catch (InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    /**
     * Verifies one signature {@code iterations} times with a key parsed once, as the app checks a known author's
     * updates: the benchmark's figure for the operation itself, without per-call parsing and copying.
     */
    @JSExport
    public static int ed25519VerifyRepeatedly(Int8Array publicKey, Int8Array message, Int8Array signature,
                                              int iterations) throws InvalidPublicKeyException {
        return CryptoBenchmarks.verifyRepeatedly(in(publicKey), in(message), in(signature), iterations);
    }

    /** {@code iterations} X25519 agreements with keys parsed once; returns a byte of the last secret. */
    @JSExport
    public static int x25519Repeatedly(Int8Array privateKey, Int8Array publicKey, int iterations)
            throws InvalidPublicKeyException {
        return CryptoBenchmarks.x25519Repeatedly(in(privateKey), in(publicKey), iterations);
    }

    /** Signing's nonce multiplication {@code iterations} times, for the benchmark's timing check. */
    @JSExport
    public static int baseMultiplyRepeatedly(Int8Array scalar, int iterations) {
        return CryptoBenchmarks.baseMultiplyRepeatedly(in(scalar), iterations);
    }

    /** Reduction modulo L {@code iterations} times, for the same timing check. */
    @JSExport
    public static int scalarReduceRepeatedly(Int8Array wide, int iterations) {
        return CryptoBenchmarks.scalarReduceRepeatedly(in(wide), iterations);
    }

    @JSExport
    public static Int8Array x25519PublicKey(Int8Array privateKey) {
        return out(X25519PrivateKey.fromBytes(in(privateKey)).publicKey().toBytes());
    }

    // --- HPKE ----------------------------------------------------------------------------------------------

    /** Opens one HPKE message; senderPublicKey null means base mode. */
    @JSExport
    public static JSObject hpkeOpen(Int8Array enc, Int8Array ciphertext, Int8Array recipientPrivateKey,
                                     Int8Array senderPublicKey, Int8Array info, Int8Array aad) {
        try {
            HpkeCiphertext message = new HpkeCiphertext(in(enc), in(ciphertext));
            X25519PrivateKey recipient = X25519PrivateKey.fromBytes(in(recipientPrivateKey));
            return out(senderPublicKey == null
                    ? Hpke.openBase(message, recipient, in(info), in(aad))
                    : Hpke.openAuth(message, recipient, X25519PublicKey.fromBytes(in(senderPublicKey)), in(info),
                            in(aad)));
        } catch (AuthenticationFailedException | InvalidMessageException | InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    /** Seals with a fresh ephemeral key (auth mode when a sender key is given); returns enc || ciphertext. */
    @JSExport
    public static JSObject hpkeSeal(Int8Array recipientPublicKey, Int8Array senderPrivateKey, Int8Array info,
                                     Int8Array aad, Int8Array plaintext) {
        try {
            Hpke hpke = new Hpke(RANDOM);
            X25519PublicKey recipient = X25519PublicKey.fromBytes(in(recipientPublicKey));
            HpkeCiphertext sealed = senderPrivateKey == null
                    ? hpke.sealBase(recipient, in(info), in(aad), in(plaintext))
                    : hpke.sealAuth(recipient, X25519PrivateKey.fromBytes(in(senderPrivateKey)), in(info), in(aad),
                            in(plaintext));
            return out(Bytes.concat(sealed.enc(), sealed.ciphertext()));
        } catch (InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    // --- Identities and envelopes --------------------------------------------------------------------------

    @JSExport
    public static JSObject safetyNumber(Int8Array firstSigning, Int8Array firstAgreement, Int8Array secondSigning,
                                      Int8Array secondAgreement) {
        try {
            return JSString.valueOf(SafetyNumber.of(identity(firstSigning, firstAgreement),
                    identity(secondSigning, secondAgreement)).digits());
        } catch (InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    /** Seals and signs a first update (sequence 1) by the identity made from the two private keys. */
    @JSExport
    public static Int8Array sealUpdate(Int8Array signingSeed, Int8Array agreementKey, Int8Array contentKey,
                                       Int8Array workspaceId, Int8Array documentId, int keyEpoch,
                                       Int8Array plaintext) {
        IdentityKeyPair author = identityKeyPair(signingSeed, agreementKey);
        UpdateHeader header = new UpdateHeader(WorkspaceId.fromBytes(in(workspaceId)),
                NoteId.fromBytes(in(documentId)), keyEpoch, IdentityKeyId.of(author.publicIdentity()), 1,
                UpdateHash.NONE);
        return out(UpdateEnvelopeCipher.seal(header, in(plaintext), keyOf(contentKey), author, RANDOM).encode());
    }

    /** Verifies and opens an update; the failure's kind if anything about it is wrong. */
    @JSExport
    public static JSObject openUpdate(Int8Array envelope, Int8Array contentKey, Int8Array authorSigning,
                                       Int8Array authorAgreement) {
        try {
            return out(UpdateEnvelopeCipher.open(UpdateEnvelope.parse(in(envelope)), keyOf(contentKey),
                    identity(authorSigning, authorAgreement)));
        } catch (InvalidMessageException | InvalidSignatureException | AuthenticationFailedException
                 | InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    @JSExport
    public static JSObject sealKeyEnvelope(Int8Array senderSigningSeed, Int8Array senderAgreementKey,
                                            Int8Array recipientSigning, Int8Array recipientAgreement,
                                            Int8Array workspaceId, int keyEpoch, Int8Array workspaceKey) {
        try {
            IdentityKeyPair sender = identityKeyPair(senderSigningSeed, senderAgreementKey);
            PublicIdentity recipient = identity(recipientSigning, recipientAgreement);
            KeyEnvelopeHeader header = new KeyEnvelopeHeader(WorkspaceId.fromBytes(in(workspaceId)), keyEpoch,
                    IdentityKeyId.of(sender.publicIdentity()), IdentityKeyId.of(recipient));
            return out(KeyEnvelopeCipher.seal(header, keyOf(workspaceKey), sender, recipient, new Hpke(RANDOM))
                    .encode());
        } catch (InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    @JSExport
    public static JSObject openKeyEnvelope(Int8Array envelope, Int8Array recipientSigningSeed,
                                            Int8Array recipientAgreementKey, Int8Array senderSigning,
                                            Int8Array senderAgreement) {
        try {
            return out(KeyEnvelopeCipher.open(KeyEnvelope.parse(in(envelope)),
                            identityKeyPair(recipientSigningSeed, recipientAgreementKey),
                            identity(senderSigning, senderAgreement))
                    .exportBytes());
        } catch (InvalidMessageException | InvalidSignatureException | AuthenticationFailedException
                 | InvalidPublicKeyException e) {
            return failure(e);
        }
    }

    /** A note item (update, sequence 1) for the note of a link secret, by an author made for the call. */
    @JSExport
    public static Int8Array sealNoteItem(Int8Array secret, String text) {
        NoteItemCipher cipher = new NoteItemCipher(NoteKeys.fromSecret(keyOf(secret)),
                IdentityKeyPair.generate(RANDOM), RANDOM);
        return out(cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, text.getBytes(StandardCharsets.UTF_8))
                .encode());
    }

    /** The note id a link secret gives, in its URL form. */
    @JSExport
    public static String noteIdOf(Int8Array secret) {
        return NoteKeys.fromSecret(keyOf(secret)).noteId().toString();
    }

    @JSExport
    public static JSObject openNoteItem(Int8Array secret, Int8Array encoded) {
        try {
            return JSString.valueOf(new String(new NoteItemCipher(NoteKeys.fromSecret(keyOf(secret)),
                    IdentityKeyPair.generate(RANDOM), RANDOM).open(NoteItem.parse(in(encoded))),
                    StandardCharsets.UTF_8));
        } catch (AuthenticationFailedException | InvalidMessageException | InvalidSignatureException e) {
            return failure(e);
        }
    }

    // --- Accounts (see AccountConformance) -----------------------------------------------------------------

    @JSExport
    public static JSObject username(String typed) {
        return AccountConformance.username(typed);
    }

    @JSExport
    public static JSObject passphraseKeys(String passphrase, Int8Array salt, int memoryKiB, int iterations,
                                          int parallelism) {
        return AccountConformance.passphraseKeys(passphrase, salt, memoryKiB, iterations, parallelism);
    }

    @JSExport
    public static JSObject recoveryKeyOf(Int8Array bytes) {
        return AccountConformance.recoveryKeyOf(bytes);
    }

    @JSExport
    public static JSObject recoveryKey(String typed) {
        return AccountConformance.recoveryKey(typed);
    }

    @JSExport
    public static int sessionWrappingKey(Int8Array sessionSecret) {
        return AccountConformance.sessionWrappingKey(sessionSecret);
    }

    @JSExport
    public static Int8Array sealKeys(int purpose, Int8Array accountId, Int8Array privateKeys, int wrappingKey,
                                     Int8Array nonce) {
        return AccountConformance.sealKeys(purpose, accountId, privateKeys, wrappingKey, nonce);
    }

    @JSExport
    public static JSObject openKeys(Int8Array sealed, int purpose, Int8Array accountId, int wrappingKey) {
        return AccountConformance.openKeys(sealed, purpose, accountId, wrappingKey);
    }

    @JSExport
    public static JSObject checkSealedKeysForm(Int8Array sealed, int purpose) {
        return AccountConformance.checkSealedKeysForm(sealed, purpose);
    }

    @JSExport
    public static JSObject standInSalt(Int8Array serverSecret, String username) {
        return AccountConformance.standInSalt(serverSecret, username);
    }

    @JSExport
    public static JSObject issueDeviceCertificate(Int8Array identitySeed, Int8Array identityAgreementKey,
                                                  Int8Array accountId, String username, Int8Array deviceSigning,
                                                  Int8Array deviceAgreement, double issuedAtMillis) {
        return AccountConformance.issueDeviceCertificate(identitySeed, identityAgreementKey, accountId, username,
                deviceSigning, deviceAgreement, issuedAtMillis);
    }

    @JSExport
    public static JSObject verifyDeviceCertificate(Int8Array encoded) {
        return AccountConformance.verifyDeviceCertificate(encoded);
    }

    @JSExport
    public static Int8Array loginProof(Int8Array deviceSeed, Int8Array deviceAgreementKey, Int8Array challenge,
                                       Int8Array accountId) {
        return AccountConformance.loginProof(deviceSeed, deviceAgreementKey, challenge, accountId);
    }

    @JSExport
    public static JSObject sealCredentialedNoteItem(Int8Array secret, Int8Array authorSeed,
                                                    Int8Array authorAgreementKey, Int8Array certificate, int kind,
                                                    int covers, int sequence, Int8Array previousHash,
                                                    Int8Array nonce, Int8Array body) {
        return AccountConformance.sealCredentialedNoteItem(secret, authorSeed, authorAgreementKey, certificate, kind,
                covers, sequence, previousHash, nonce, body);
    }

    @JSExport
    public static JSObject noteItemCredential(Int8Array encoded) {
        return AccountConformance.noteItemCredential(encoded);
    }
    // --- Comments -------------------------------------------------------------------------------------------

    @JSExport
    public static JSObject commentCheck(Int8Array encoded) {
        return CommentConformance.check(encoded);
    }

    @JSExport
    public static JSObject commentResign(Int8Array encoded, Int8Array signingSeed, Int8Array agreementKey) {
        return CommentConformance.resign(encoded, signingSeed, agreementKey);
    }

    @JSExport
    public static JSObject commentBatch(Int8Array encoded) {
        return CommentConformance.batch(encoded);
    }

    // --- The app's send path (see AppPathBenchmarks) ----------------------------------------------------------

    @JSExport
    public static JSObject appPathStages(int size, int iterations) {
        return AppPathBenchmarks.stages(size, iterations);
    }

    // --- Text CRDT (see TraceConformance) ------------------------------------------------------------------

    /** Replays an editing trace through the CRDT; the final text if every replica agrees, or null. */
    @JSExport
    public static String replayTrace(int agentCount, Int32Array positions, Int32Array deletes,
                                     Int32Array insertLengths, String inserts, Int32Array agents,
                                     Int32Array patchCounts, Int32Array parentCounts, Int32Array parents) {
        return TraceConformance.replay(agentCount, positions, deletes, insertLengths, inserts, agents, patchCounts,
                parentCounts, parents);
    }

    /** Bytes of the encoded state of the last replayed trace's first replica. */
    @JSExport
    public static int lastEncodedSize() {
        return TraceConformance.lastEncodedSize();
    }
}
