package dev.vellum.protocol.account;

import static dev.vellum.testing.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.kdf.Argon2id;
import dev.vellum.crypto.kdf.Argon2idParameters;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidRecoveryKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.FixedRandomSource;
import dev.vellum.testing.TestVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account formats against the {@code accounts} section of {@code testvectors/vellum/vellum-v1.json}, written by
 * {@code generate.mjs}: an independent JavaScript implementation of docs/protocol.md's "Accounts" (Argon2id from the
 * hash-wasm npm package, the rest from Node's crypto module), never looking at this package. Each test runs every
 * vector and lists all that fail, so one run shows the whole extent of a disagreement.
 */
class AccountVectorsTest {
    private static final JsonNode VECTORS = TestVectors.load("vellum/vellum-v1.json").get("accounts");
    private static final JsonNode KEYS = VECTORS.get("keys");
    private static final AccountId ACCOUNT = AccountId.fromBytes(hex(KEYS, "accountId"));

    /** The wrapping keys the sealed-keys vectors name, derived once (one of them costs a 64 MiB Argon2id). */
    private static final Map<String, WrappingKey> WRAPPING_KEYS = new HashMap<>();

    @BeforeAll
    static void deriveTheNamedWrappingKeys() throws Exception {
        JsonNode passphrase = VECTORS.get("passphraseKeys").get(0);
        WRAPPING_KEYS.put("passphraseKeys 1", derive(passphrase).wrappingKey());
        WRAPPING_KEYS.put("recoveryKeys 1", recoveryKey(VECTORS.get("recoveryKeys").get(0)).wrappingKey());
        WRAPPING_KEYS.put("session", WrappingKey.ofSessionSecret(SessionSecret.fromBytes(hex(KEYS, "sessionSecret"))));
    }

    @Test
    void accountId_bytesAndText() throws Exception {
        assertEquals(KEYS.get("accountIdText").asText(), ACCOUNT.toString());
        assertEquals(ACCOUNT, AccountId.parse(KEYS.get("accountIdText").asText()));
    }

    @Test
    void usernames_normalFormOrRefused() {
        checkAll("usernames", v -> {
            String input = new String(hex(v, "inputUtf8"), StandardCharsets.UTF_8);
            try {
                String normal = Username.parse(input).value();
                return v.has("normal") ? expect("normal form", v.get("normal").asText(), normal)
                        : "accepted as " + normal + ", expected refused (" + v.get("refused").asText() + ")";
            } catch (InvalidUsernameException e) {
                return v.has("refused") ? null : "refused (" + e.getMessage() + "), expected " + v.get("normal");
            }
        });
    }

    @Test
    void passphraseKeys_argon2idThenTheHkdfSplit() {
        checkAll("passphraseKeys", v -> {
            Argon2idParameters cost = costOf(v);
            byte[] passphrase = hex(v, "passphraseUtf8");
            String problems = expect("secret", v.get("secret").asText(),
                    Hex.toHexString(Argon2id.hash(passphrase, hex(v, "salt"), cost, 32)));
            PassphraseKeys keys = derive(v);
            problems = join(problems, expect("wrapping key", v.get("wrappingKey").asText(), bytesOf(keys.wrappingKey())));
            return join(problems, expect("auth key", v.get("authKey").asText(), Hex.toHexString(keys.authKey().toBytes())));
        });
    }

    @Test
    void passphraseKeys_firstVectorIsAtTheAccountCost() {
        // The browser derives with AccountKdf.COST; the vectors' real-cost entry must be that cost, not a cheap one.
        assertEquals(AccountKdf.COST, costOf(VECTORS.get("passphraseKeys").get(0)));
    }

    @Test
    void standInSalts() {
        checkAll("standInSalts", v -> expect("salt", v.get("salt").asText(), Hex.toHexString(
                AccountSalt.standIn(hex(v, "serverSecret"), Username.parse(v.get("username").asText())).toBytes())));
    }

    @Test
    void authKeyHashes_encodedAndMatched() {
        checkAll("authKeyHashes", v -> {
            AuthKey key = AuthKey.fromBytes(hex(v, "authKey"));
            String problems = expect("encoded", v.get("encoded").asText(),
                    Hex.toHexString(AuthKeyHash.create(key, new FixedRandomSource(hex(v, "hashSalt"))).encode()));
            AuthKeyHash stored = AuthKeyHash.decode(hex(v, "encoded"));
            byte[] other = hex(v, "authKey");
            other[31] ^= 1;
            if (!stored.matches(key) || stored.matches(AuthKey.fromBytes(other))) {
                problems = join(problems, "matches() does not tell its key from another");
            }
            return problems;
        });
    }

    @Test
    void recoveryKeys_displayAndTheirTwoKeys() {
        checkAll("recoveryKeys", v -> {
            RecoveryKey key = recoveryKey(v);
            String problems = expect("display", v.get("display").asText(), key.display());
            problems = join(problems, expect("wrapping key", v.get("wrappingKey").asText(), bytesOf(key.wrappingKey())));
            return join(problems, expect("auth key", v.get("authKey").asText(), Hex.toHexString(key.authKey().toBytes())));
        });
    }

    @Test
    void recoveryKeys_parsedFromWhatPeopleType() {
        Map<String, String> displayOfKey = new HashMap<>();
        for (JsonNode k : VECTORS.get("recoveryKeys")) {
            displayOfKey.put(k.get("key").asText(), k.get("display").asText());
        }
        checkAll("recoveryKeyParsing", v -> {
            try {
                String display = RecoveryKey.parse(v.get("input").asText()).display();
                return v.has("key") ? expect("key", displayOfKey.get(v.get("key").asText()), display)
                        : "accepted as " + display + ", expected refused";
            } catch (InvalidRecoveryKeyException e) {
                return v.has("key") ? "refused (" + e.getMessage() + ")" : null;
            }
        });
    }

    @Test
    void sealedKeys_allFourPurposes_sealAndOpen() {
        checkAll("sealedKeys", v -> {
            SealedKeys.Purpose purpose = purpose(v.get("purpose").asInt());
            WrappingKey key = WRAPPING_KEYS.get(v.get("wrappingKeyFrom").asText());
            List<IdentityKeyPair> pairs = new ArrayList<>();
            for (JsonNode name : v.get("pairs")) {
                pairs.add(pairNamed(name.asText()));
            }
            byte[] sealed = hex(v, "sealed");
            String problems = expect("sealed", v.get("sealed").asText(), Hex.toHexString(SealedKeys.seal(purpose,
                    AccountId.fromBytes(hex(v, "accountId")), pairs, key, new FixedRandomSource(hex(v, "nonce")))));
            try {
                SealedKeys.checkForm(sealed, purpose);
                List<IdentityKeyPair> opened = SealedKeys.open(sealed, purpose, ACCOUNT, key);
                return join(problems, expect("opened private keys", privateBytes(pairs), privateBytes(opened)));
            } catch (InvalidMessageException | AuthenticationFailedException e) {
                return join(problems, "the vector's bundle is refused: " + e);
            }
        });
    }

    @Test
    void sealedKeys_refusedBundles_neverOpen() {
        checkAll("sealedKeysRefused", v -> {
            SealedKeys.Purpose purpose = purpose(v.get("purpose").asInt());
            byte[] sealed = hex(v, "sealed");
            String problems = null;
            try {
                SealedKeys.open(sealed, purpose, AccountId.fromBytes(hex(v, "accountId")),
                        WRAPPING_KEYS.get(v.get("wrappingKeyFrom").asText()));
                problems = "opened";
            } catch (InvalidMessageException | AuthenticationFailedException e) {
                // refused, as it must be
            }
            boolean formRefused;
            try {
                SealedKeys.checkForm(sealed, purpose);
                formRefused = false;
            } catch (InvalidMessageException e) {
                formRefused = true;
            }
            if (formRefused != v.get("form").asBoolean()) {
                problems = join(problems, "checkForm " + (formRefused ? "refused" : "accepted") + " it");
            }
            return problems;
        });
    }

    @Test
    void deviceCertificates_issuedParsedAndVerified() {
        List<PublicIdentity> devices = devices();
        checkAll("deviceCertificates", v -> {
            Username username = Username.parse(v.get("username").asText());
            PublicIdentity device = devices.get(v.get("device").asInt() - 1);
            long issuedAt = v.get("issuedAtMillis").asLong();
            DeviceCertificate issued = DeviceCertificate.issue(identity(KEYS.get("identity")), ACCOUNT, username,
                    device, issuedAt);
            String problems = expect("encoded", v.get("encoded").asText(), Hex.toHexString(issued.encode()));

            DeviceCertificate parsed = DeviceCertificate.parse(hex(v, "encoded"));
            parsed.verify();
            if (!parsed.accountId().equals(ACCOUNT) || !parsed.username().equals(username)
                    || !parsed.device().equals(device) || parsed.issuedAtMillis() != issuedAt
                    || !parsed.identity().equals(identity(KEYS.get("identity")).publicIdentity())) {
                problems = join(problems, "parsed fields differ from the inputs");
            }
            return problems;
        });
    }

    @Test
    void deviceCertificates_refusedByParseOrVerify() {
        checkAll("deviceCertificatesRefused", v -> {
            boolean atParse = v.get("stage").asText().equals("parse");
            DeviceCertificate parsed;
            try {
                parsed = DeviceCertificate.parse(hex(v, "encoded"));
            } catch (InvalidMessageException e) {
                return atParse ? null : "refused at parse (" + e.getMessage() + "), expected at verify";
            }
            try {
                parsed.verify();
                return "parsed and verified";
            } catch (InvalidSignatureException e) {
                return atParse ? "parsed, refused only at verify" : null;
            }
        });
    }

    @Test
    void loginProofs_signedAndVerified() {
        List<JsonNode> devices = new ArrayList<>();
        KEYS.get("devices").forEach(devices::add);
        checkAll("loginProofs", v -> {
            IdentityKeyPair device = identity(devices.get(v.get("device").asInt() - 1));
            LoginChallenge challenge = LoginChallenge.fromBytes(hex(v, "challenge"));
            AccountId account = AccountId.fromBytes(hex(v, "accountId"));
            String problems = expect("signature", v.get("signature").asText(),
                    Hex.toHexString(LoginProof.sign(device, challenge, account)));
            LoginProof.verify(device.publicIdentity(), challenge, account, hex(v, "signature"));
            try {
                LoginProof.verify(device.publicIdentity(), challenge,
                        AccountId.fromBytes(hex(KEYS, "otherAccountId")), hex(v, "signature"));
                problems = join(problems, "verified for another account");
            } catch (InvalidSignatureException e) {
                // bound to the account, as it must be
            }
            return problems;
        });
    }

    @Test
    void noteItemsV3_sealedWithTheCredentialAndParsed() {
        Map<String, DeviceCertificate> certificates = new HashMap<>();
        checkAll("noteItemsV3", v -> {
            NoteKeys keys = NoteKeys.fromSecret(SymmetricKey.fromBytes(hex(v, "secret")));
            IdentityKeyPair author = pairNamed(v.get("author").asText());
            DeviceCertificate credential = certificates.computeIfAbsent(v.get("credential").asText(),
                    AccountVectorsTest::certificateNamed);
            NoteItemKind kind = NoteItemKind.fromCode(v.get("kind").asInt());
            NoteItem sealed = new NoteItemCipher(keys, author, credential, new FixedRandomSource(hex(v, "nonce")))
                    .seal(kind, v.get("covers").asLong(), v.get("sequence").asLong(),
                            UpdateHash.fromBytes(hex(v, "previousHash")), hex(v, "body"));
            String problems = expect("encoded", v.get("encoded").asText(), Hex.toHexString(sealed.encode()));

            NoteItem parsed = NoteItem.parse(hex(v, "encoded"));
            parsed.verifyForStorage();
            if (parsed.credential() == null || !Arrays.equals(credential.encode(), parsed.credential().encode())) {
                problems = join(problems, "the parsed item does not carry the credential");
            }
            problems = join(problems, expect("chain hash", v.get("chainHash").asText(),
                    Hex.toHexString(parsed.hash().toBytes())));
            return join(problems, expect("body", v.get("body").asText(), Hex.toHexString(
                    new NoteItemCipher(keys, author, credential, bytes -> {
                        throw new AssertionError("opening needs no randomness");
                    }).open(parsed))));
        });
    }

    @Test
    void noteItemsV3_refusedByTheParser() {
        checkAll("noteItemsV3Refused", v -> {
            try {
                NoteItem.parse(hex(v, "encoded"));
                return "parsed";
            } catch (InvalidMessageException e) {
                return null;
            }
        });
    }

    // --- Helpers -------------------------------------------------------------------------------------------

    /** One vector's check: null if it passes, else what is wrong. */
    @FunctionalInterface
    private interface VectorCheck {
        String problems(JsonNode vector) throws Exception;
    }

    /** Runs every vector of a section and fails with all the failing tcIds at once (Tink's style). */
    private static void checkAll(String section, VectorCheck check) {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode v : VECTORS.get(section)) {
            count++;
            String problems;
            try {
                problems = check.problems(v);
            } catch (Exception | AssertionError e) {
                problems = "threw " + e;
            }
            if (problems != null) {
                failures.add(section + " " + v.get("tcId").asText()
                        + (v.has("reason") ? " (" + v.get("reason").asText() + ")" : "") + ": " + problems);
            }
        }
        assertTrue(count > 0, "no vectors in " + section);
        assertEquals(List.of(), failures);
    }

    private static String expect(String what, String expected, String actual) {
        return expected.equals(actual) ? null : what + " is " + actual + ", expected " + expected;
    }

    private static String join(String first, String second) {
        return first == null ? second : second == null ? first : first + "; " + second;
    }

    private static Argon2idParameters costOf(JsonNode v) {
        return new Argon2idParameters(v.get("memoryKiB").asInt(), v.get("iterations").asInt(),
                v.get("parallelism").asInt());
    }

    private static PassphraseKeys derive(JsonNode v) {
        return AccountKdf.derive(new String(hex(v, "passphraseUtf8"), StandardCharsets.UTF_8),
                AccountSalt.fromBytes(hex(v, "salt")), costOf(v));
    }

    /** A recovery key made from the vector's 20 bytes, the way {@code generate} draws them. */
    private static RecoveryKey recoveryKey(JsonNode v) {
        return RecoveryKey.generate(new FixedRandomSource(hex(v, "key")));
    }

    private static String bytesOf(WrappingKey key) {
        return Hex.toHexString(key.key().exportBytes());
    }

    private static SealedKeys.Purpose purpose(int code) {
        for (SealedKeys.Purpose p : SealedKeys.Purpose.values()) {
            if (p.code() == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("no purpose " + code);
    }

    private static IdentityKeyPair identity(JsonNode keys) {
        return IdentityKeyPair.of(Ed25519PrivateKey.fromSeed(hex(keys, "signingSeed")),
                X25519PrivateKey.fromBytes(hex(keys, "agreementPrivate")));
    }

    private static IdentityKeyPair pairNamed(String name) {
        if (name.equals("identity")) {
            return identity(KEYS.get("identity"));
        }
        if (name.startsWith("device ")) {
            return identity(KEYS.get("devices").get(Integer.parseInt(name.substring(7)) - 1));
        }
        throw new IllegalArgumentException("no key pair named " + name);
    }

    private static List<PublicIdentity> devices() {
        List<PublicIdentity> devices = new ArrayList<>();
        KEYS.get("devices").forEach(d -> devices.add(identity(d).publicIdentity()));
        return devices;
    }

    private static DeviceCertificate certificateNamed(String name) {
        int index = Integer.parseInt(name.substring("deviceCertificates ".length())) - 1;
        try {
            return DeviceCertificate.parse(hex(VECTORS.get("deviceCertificates").get(index), "encoded"));
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("certificate vector " + name + " does not parse", e);
        }
    }

    /** Each pair's Ed25519 seed then X25519 scalar, as the sealed plaintext lists them. */
    private static String privateBytes(List<IdentityKeyPair> pairs) {
        byte[] all = new byte[0];
        for (IdentityKeyPair pair : pairs) {
            all = Bytes.concat(all, pair.signingKey().exportSeed(KeyAccess.get()),
                    pair.agreementKey().exportBytes(KeyAccess.get()));
        }
        return Hex.toHexString(all);
    }
}
