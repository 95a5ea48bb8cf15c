package dev.vellum.client.conformance;

import static dev.vellum.testing.Wycheproof.Outcome.ACCEPTED_CORRECTLY;
import static dev.vellum.testing.Wycheproof.Outcome.ACCEPTED_WRONG_OUTPUT;
import static dev.vellum.testing.Wycheproof.Outcome.REJECTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.client.testing.BrowserCrypto;
import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.aead.internal.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.hpke.HpkeCiphertext;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentRecord;
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
import dev.vellum.testing.TestVectors;
import dev.vellum.testing.Wycheproof;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared crypto as TeaVM compiled it to WebAssembly GC, inside Chromium: every Wycheproof case, and values
 * that cross between the browser and the JVM in both directions, so a miscompilation cannot pass unnoticed.
 */
@Tag("browser")
class BrowserConformanceTest {
    private static final JvmSecureRandomSource RANDOM = new JvmSecureRandomSource();
    private static BrowserCrypto browser;

    @BeforeAll
    static void loadModuleInChromium() {
        browser = BrowserCrypto.start();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Nested
    class WycheproofInChromium {
        @Test
        void xchacha20Poly1305() {
            runInBrowser("xchacha20_poly1305_test.json",
                    "c => ({ opened: unhex(vellum.xchachaDecrypt(hex(c.key), hex(c.iv), hex(c.ct + c.tag), hex(c.aad))),"
                            + " sealed: c.iv.length !== 48 ? null"
                            + "   : unhex(vellum.xchachaEncrypt(hex(c.key), hex(c.iv), hex(c.msg), hex(c.aad))) })",
                    BrowserConformanceTest::judgeAead);
        }

        @Test
        void chacha20Poly1305() {
            runInBrowser("chacha20_poly1305_test.json",
                    "c => ({ opened: unhex(vellum.chachaDecrypt(hex(c.key), hex(c.iv), hex(c.ct + c.tag), hex(c.aad))),"
                            + " sealed: unhex(vellum.chachaEncrypt(hex(c.key), hex(c.iv), hex(c.msg), hex(c.aad))) })",
                    BrowserConformanceTest::judgeAead);
        }

        @Test
        void x25519() {
            runInBrowser("x25519_test.json", "c => unhex(vellum.x25519(hex(c.private), hex(c.public)))",
                    (test, shared) -> rejected(shared, "InvalidPublicKeyException") ? REJECTED
                            : shared.equals(test.get("shared").asText()) ? ACCEPTED_CORRECTLY : ACCEPTED_WRONG_OUTPUT);
        }

        @Test
        void ed25519() {
            runInBrowser("ed25519_test.json", "c => vellum.ed25519Verify(hex(c.pk), hex(c.msg), hex(c.sig))",
                    (test, verified) -> rejected(verified, "InvalidSignatureException", "InvalidPublicKeyException")
                            ? REJECTED : Boolean.TRUE.equals(verified) ? ACCEPTED_CORRECTLY : ACCEPTED_WRONG_OUTPUT);
        }

        @Test
        void hkdfSha256() {
            runInBrowser("hkdf_sha256_test.json",
                    "c => unhex(vellum.hkdfSha256(hex(c.ikm), hex(c.salt), hex(c.info), c.size))",
                    (test, okm) -> rejected(okm, "IllegalArgumentException") ? REJECTED
                            : okm.equals(test.get("okm").asText()) ? ACCEPTED_CORRECTLY : ACCEPTED_WRONG_OUTPUT);
        }

        @Test
        void hmacSha256() {
            runInBrowser("hmac_sha256_test.json", "c => unhex(vellum.hmacSha256(hex(c.key), hex(c.msg)))",
                    (test, mac) -> ((String) mac).startsWith(test.get("tag").asText()) ? ACCEPTED_CORRECTLY : REJECTED);
        }
    }

    @Nested
    class RfcVectorsInChromium {
        @Test
        void rfc7748_x25519() {
            JsonNode file = TestVectors.load("rfc/rfc7748-x25519.json");
            for (JsonNode v : file.get("tests")) {
                assertEquals(v.get("output").asText(), browser.evaluate(
                        "v => unhex(vellum.x25519(hex(v.scalar), hex(v.u)))", fields(v)), v.get("tcId").asText());
            }
            JsonNode dh = file.get("dh").get(0);
            assertEquals(List.of(dh.get("alicePublic").asText(), dh.get("shared").asText()), browser.evaluate(
                    "v => [unhex(vellum.x25519PublicKey(hex(v.alicePrivate))),"
                            + " unhex(vellum.x25519(hex(v.bobPrivate), hex(v.alicePublic)))]", fields(dh)));
        }

        @Test
        void rfc8032_ed25519() {
            for (JsonNode v : TestVectors.load("rfc/rfc8032-ed25519.json").get("tests")) {
                assertEquals(List.of(v.get("publicKey").asText(), v.get("signature").asText(), true),
                        browser.evaluate("v => [unhex(vellum.ed25519PublicKey(hex(v.secretKey))),"
                                + " unhex(vellum.ed25519Sign(hex(v.secretKey), hex(v.message))),"
                                + " vellum.ed25519Verify(hex(v.publicKey), hex(v.message), hex(v.signature))]",
                                fields(v)), v.get("tcId").asText());
            }
        }

        @Test
        void rfc8439_chacha20Poly1305() {
            for (JsonNode v : TestVectors.load("rfc/rfc8439-chacha20poly1305.json").get("tests")) {
                String sealed = v.get("ciphertext").asText() + v.get("tag").asText();
                assertEquals(List.of(sealed, v.get("plaintext").asText()), browser.evaluate(
                        "v => [unhex(vellum.chachaEncrypt(hex(v.key), hex(v.nonce), hex(v.plaintext), hex(v.aad))),"
                                + " unhex(vellum.chachaDecrypt(hex(v.key), hex(v.nonce), hex(v.ciphertext + v.tag),"
                                + " hex(v.aad)))]", fields(v)), v.get("tcId").asText());
            }
        }

        @Test
        void rfc5869_hkdfSha256() {
            for (JsonNode v : TestVectors.load("rfc/rfc5869-hkdf-sha256.json").get("tests")) {
                assertEquals(v.get("okm").asText(), browser.evaluate(
                        "v => unhex(vellum.hkdfSha256(hex(v.ikm), hex(v.salt), hex(v.info), v.length))", fields(v)));
            }
        }

        @Test
        void rfc9180_hpke_receiverOpensBaseAndAuthMessages() {
            for (JsonNode v : TestVectors.load("rfc/rfc9180-hpke-x25519-sha256-chacha20poly1305.json").get("tests")) {
                JsonNode first = v.get("encryptions").get(0);
                Map<String, Object> args = fields(v);
                args.put("ct", first.get("ct").asText());
                args.put("aad", first.get("aad").asText());
                args.put("sender", v.has("pkSm") ? v.get("pkSm").asText() : null);
                assertEquals(first.get("pt").asText(), browser.evaluate("v => unhex(vellum.hpkeOpen(hex(v.enc),"
                        + " hex(v.ct), hex(v.skRm), hex(v.sender), hex(v.info), hex(v.aad)))", args));
            }
        }

        @Test
        void rfc9106_argon2id() {
            JsonNode v = TestVectors.load("rfc/rfc9106-argon2id.json").get("tests").get(0);

            assertEquals(v.get("tag").asText(), browser.evaluate("v => unhex(vellum.argon2id(hex(v.password),"
                    + " hex(v.salt), hex(v.secret), hex(v.associatedData), v.memoryKiB, v.passes, v.parallelism,"
                    + " v.tagLength))", fields(v)));
        }

        @Test
        void rfc7693_blake2b() {
            JsonNode v = TestVectors.load("rfc/rfc7693-blake2b.json").get("tests").get(0);

            assertEquals(v.get("digest").asText(), browser.evaluate(
                    "v => unhex(vellum.blake2b(null, hex(v.message), v.digestLength))", fields(v)));
        }

    }

    /**
     * The {@code accounts} vectors of {@code testvectors/vellum/vellum-v1.json} (from generate.mjs, an independent
     * implementation of docs/protocol.md) in the WebAssembly build, as {@code AccountVectorsTest} runs them on the JVM.
     * Each test sends every vector of a section to the page in one call and compares the whole list of results.
     */
    @Nested
    class AccountVectorsInChromium {
        private static final JsonNode ACCOUNTS = TestVectors.load("vellum/vellum-v1.json").get("accounts");
        private static final JsonNode KEYS = ACCOUNTS.get("keys");

        /** Installs page helpers: the wrapping keys the sealed-keys vectors name, derived once in the module. */
        @BeforeAll
        static void deriveTheNamedWrappingKeysInTheBrowser() {
            Map<String, Object> args = fields(ACCOUNTS.get("passphraseKeys").get(0));
            args.put("recoveryKey", ACCOUNTS.get("recoveryKeys").get(0).get("key").asText());
            args.put("sessionSecret", KEYS.get("sessionSecret").asText());
            browser.evaluate("v => { window.wrappingKeys = {"
                    + " 'passphraseKeys 1': vellum.passphraseKeys(v.passphrase, hex(v.salt), v.memoryKiB, v.iterations,"
                    + "   v.parallelism).wrappingKey,"
                    + " 'recoveryKeys 1': vellum.recoveryKeyOf(hex(v.recoveryKey)).wrappingKey,"
                    + " session: vellum.sessionWrappingKey(hex(v.sessionSecret)) }; }", args);
        }

        @Test
        void usernames() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("usernames", v -> {
                expected.add(v.has("normal") ? v.get("normal").asText() : failure("InvalidUsernameException"));
                return Map.of("input", new String(Hex.decode(v.get("inputUtf8").asText()), StandardCharsets.UTF_8));
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => vellum.username(c.input))", cases));
        }

        @Test
        void passphraseKeys_authKeys() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("passphraseKeys", v -> {
                expected.add(v.get("authKey").asText());
                return fields(v);
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => unhex(vellum.passphraseKeys(c.passphrase,"
                    + " hex(c.salt), c.memoryKiB, c.iterations, c.parallelism).authKey))", cases));
        }

        @Test
        void standInSalts() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("standInSalts", v -> {
                expected.add(v.get("salt").asText());
                return fields(v);
            });
            assertEquals(expected, browser.evaluate(
                    "cases => cases.map(c => unhex(vellum.standInSalt(hex(c.serverSecret), c.username)))", cases));
        }

        @Test
        void recoveryKeys_displayAndAuthKey() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("recoveryKeys", v -> {
                expected.add(List.of(v.get("display").asText(), v.get("authKey").asText()));
                return fields(v);
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => vellum.recoveryKeyOf(hex(c.key)))"
                    + ".map(k => [k.display, unhex(k.authKey)])", cases));
        }

        @Test
        void recoveryKeys_parsedFromWhatPeopleType() {
            Map<String, String> displayOfKey = new HashMap<>();
            ACCOUNTS.get("recoveryKeys").forEach(k -> displayOfKey.put(k.get("key").asText(), k.get("display").asText()));
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("recoveryKeyParsing", v -> {
                expected.add(v.has("key") ? displayOfKey.get(v.get("key").asText())
                        : failure("InvalidRecoveryKeyException"));
                return fields(v);
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => vellum.recoveryKey(c.input))"
                    + ".map(k => k.failure !== undefined ? k : k.display)", cases));
        }

        @Test
        void sealedKeys_allFourPurposes_sealedAndOpened() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("sealedKeys", v -> {
                StringBuilder privateKeys = new StringBuilder();
                v.get("pairs").forEach(name -> privateKeys.append(privateKeysNamed(name.asText())));
                expected.add(List.of(v.get("sealed").asText(), privateKeys.toString(), true));
                Map<String, Object> c = fields(v);
                c.put("privateKeys", privateKeys.toString());
                return c;
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => ["
                    + " unhex(vellum.sealKeys(c.purpose, hex(c.accountId), hex(c.privateKeys),"
                    + "   wrappingKeys[c.wrappingKeyFrom], hex(c.nonce))),"
                    + " unhex(vellum.openKeys(hex(c.sealed), c.purpose, hex(c.accountId), wrappingKeys[c.wrappingKeyFrom])),"
                    + " vellum.checkSealedKeysForm(hex(c.sealed), c.purpose)])", cases));
        }

        @Test
        @SuppressWarnings("unchecked")
        void sealedKeys_refusedBundles_neverOpen() {
            List<Map<String, Object>> cases = cases("sealedKeysRefused", AccountVectorsInChromium::fieldsOf);
            List<List<Object>> results = (List<List<Object>>) browser.evaluate("cases => cases.map(c => ["
                    + " unhex(vellum.openKeys(hex(c.sealed), c.purpose, hex(c.accountId), wrappingKeys[c.wrappingKeyFrom])),"
                    + " vellum.checkSealedKeysForm(hex(c.sealed), c.purpose)])", cases);
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Map<String, Object> c = cases.get(i);
                Object opened = results.get(i).get(0);
                Object form = results.get(i).get(1);
                if (!rejected(opened, "InvalidMessageException", "AuthenticationFailedException")) {
                    failures.add(c.get("tcId") + ": opened");
                }
                if (Boolean.TRUE.equals(c.get("form")) != rejected(form, "InvalidMessageException")) {
                    failures.add(c.get("tcId") + ": checkSealedKeysForm gave " + form);
                }
            }
            assertEquals(List.of(), failures);
        }

        @Test
        void deviceCertificates_issuedAndVerified() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("deviceCertificates", v -> {
                expected.add(List.of(v.get("encoded").asText(), KEYS.get("accountIdText").asText() + " "
                        + v.get("username").asText() + " " + v.get("issuedAtMillis").asLong()));
                Map<String, Object> c = fieldsOf(v);
                JsonNode device = KEYS.get("devices").get(v.get("device").asInt() - 1);
                c.put("deviceSigning", device.get("signingPublic").asText());
                c.put("deviceAgreement", device.get("agreementPublic").asText());
                c.put("identitySeed", KEYS.get("identity").get("signingSeed").asText());
                c.put("identityAgreementPrivate", KEYS.get("identity").get("agreementPrivate").asText());
                return c;
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => ["
                    + " unhex(vellum.issueDeviceCertificate(hex(c.identitySeed), hex(c.identityAgreementPrivate),"
                    + "   hex(c.accountId), c.username, hex(c.deviceSigning), hex(c.deviceAgreement), c.issuedAtMillis)),"
                    + " vellum.verifyDeviceCertificate(hex(c.encoded))])", cases));
        }

        @Test
        @SuppressWarnings("unchecked")
        void deviceCertificates_refusedByParseOrVerify() {
            List<String> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("deviceCertificatesRefused", v -> {
                expected.add(v.get("tcId").asText() + " " + v.get("stage").asText());
                return fields(v);
            });
            List<Object> results = (List<Object>) browser.evaluate(
                    "cases => cases.map(c => vellum.verifyDeviceCertificate(hex(c.encoded)))", cases);
            List<String> stages = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                stages.add(cases.get(i).get("tcId") + " " + stageOf(results.get(i)));
            }
            assertEquals(expected, stages);
        }

        /**
         * Where the page refused a certificate: parsing throws InvalidMessageException (InvalidUsernameException for
         * the username), verifying InvalidSignatureException; any other kind fails in {@link #rejected}.
         */
        private static String stageOf(Object result) {
            if (rejected(result, "InvalidMessageException", "InvalidUsernameException", "InvalidSignatureException")) {
                return ((Map<?, ?>) result).get("failure").equals("InvalidSignatureException") ? "verify" : "parse";
            }
            return "accepted";
        }

        @Test
        void loginProofs() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("loginProofs", v -> {
                expected.add(v.get("signature").asText());
                Map<String, Object> c = fields(v);
                JsonNode device = KEYS.get("devices").get(v.get("device").asInt() - 1);
                c.put("seed", device.get("signingSeed").asText());
                c.put("agreementPrivate", device.get("agreementPrivate").asText());
                return c;
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => unhex(vellum.loginProof(hex(c.seed),"
                    + " hex(c.agreementPrivate), hex(c.challenge), hex(c.accountId))))", cases));
        }

        @Test
        void noteItemsV3_sealedWithTheCredentialAndChecked() {
            String credential = ACCOUNTS.get("deviceCertificates").get(0).get("encoded").asText();
            JsonNode author = KEYS.get("devices").get(0);
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = cases("noteItemsV3", v -> {
                assertEquals("deviceCertificates 1", v.get("credential").asText());
                assertEquals("device 1", v.get("author").asText());
                expected.add(List.of(v.get("encoded").asText(), credential));
                Map<String, Object> c = fields(v);
                c.put("credentialBytes", credential);
                c.put("seed", author.get("signingSeed").asText());
                c.put("agreementPrivate", author.get("agreementPrivate").asText());
                return c;
            });
            assertEquals(expected, browser.evaluate("cases => cases.map(c => ["
                    + " unhex(vellum.sealCredentialedNoteItem(hex(c.secret), hex(c.seed), hex(c.agreementPrivate),"
                    + "   hex(c.credentialBytes), c.kind, c.covers, c.sequence, hex(c.previousHash), hex(c.nonce),"
                    + "   hex(c.body))),"
                    + " unhex(vellum.noteItemCredential(hex(c.encoded)))])", cases));

            List<Object> refused = new ArrayList<>();
            List<Map<String, Object>> bad = cases("noteItemsV3Refused", v -> {
                refused.add(failure("InvalidMessageException"));
                return fields(v);
            });
            assertEquals(refused, browser.evaluate(
                    "cases => cases.map(c => unhex(vellum.noteItemCredential(hex(c.encoded))))", bad));
        }

        private static List<Map<String, Object>> cases(String section,
                                                       Function<JsonNode, Map<String, Object>> each) {
            List<Map<String, Object>> cases = new ArrayList<>();
            ACCOUNTS.get(section).forEach(v -> cases.add(each.apply(v)));
            assertNotEquals(0, cases.size(), "no vectors in " + section);
            return cases;
        }

        /** As {@link #fields}, but with 64-bit numbers (the issue time) kept whole and booleans kept booleans. */
        private static Map<String, Object> fieldsOf(JsonNode v) {
            Map<String, Object> map = fields(v);
            v.fields().forEachRemaining(field -> {
                if (field.getValue().isBoolean()) {
                    map.put(field.getKey(), field.getValue().asBoolean());
                } else if (field.getValue().isIntegralNumber() && !field.getValue().canConvertToInt()) {
                    // Playwright passes no Long; a millisecond time is exact in a double (below 2^53).
                    map.put(field.getKey(), (double) field.getValue().asLong());
                }
            });
            return map;
        }

        private static String privateKeysNamed(String name) {
            JsonNode pair = name.equals("identity") ? KEYS.get("identity")
                    : KEYS.get("devices").get(Integer.parseInt(name.substring("device ".length())) - 1);
            return pair.get("signingSeed").asText() + pair.get("agreementPrivate").asText();
        }
    }

    /**
     * Comment records and batches (comments-v1.json) read and signed by the WebAssembly build: every accepted record
     * reads to the same fields as on the JVM and signs again to the same bytes, and every refused one is refused at
     * the same stage (strict UTF-8 included, where a browser's class library could differ).
     */
    @Nested
    class CommentVectorsInChromium {
        private static final JsonNode COMMENTS = TestVectors.load("vellum/comments-v1.json");

        @Test
        void acceptedRecords_readTheSame_andSignToTheSameBytes() throws Exception {
            Map<String, JsonNode> authors = new HashMap<>();
            COMMENTS.get("authors").forEach(a -> authors.put(a.get("name").asText(), a));
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = new ArrayList<>();
            for (JsonNode v : COMMENTS.get("records")) {
                JsonNode author = authors.get(v.get("author").asText());
                String encoded = v.get("encoded").asText();
                expected.add(List.of(CommentConformance.summary(CommentRecord.parse(Hex.decode(encoded))), encoded));
                cases.add(Map.of("encoded", encoded, "seed", author.get("signingSeed").asText(),
                        "agreement", author.get("agreementPrivate").asText()));
            }
            assertEquals(expected, browser.evaluate("cases => cases.map(c => [vellum.commentCheck(hex(c.encoded)),"
                    + " unhex(vellum.commentResign(hex(c.encoded), hex(c.seed), hex(c.agreement)))])", cases));
        }

        @Test
        void refusedRecords_areRefusedAtTheSameStage() {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = new ArrayList<>();
            for (JsonNode v : COMMENTS.get("recordsRefused")) {
                expected.add(failure(v.get("stage").asText().equals("parse") ? "InvalidMessageException"
                        : "InvalidSignatureException"));
                cases.add(Map.of("encoded", v.get("encoded").asText()));
            }
            assertEquals(expected, browser.evaluate("cases => cases.map(c => vellum.commentCheck(hex(c.encoded)))",
                    cases));
        }

        @Test
        void batches_readTheSame() throws Exception {
            List<Object> expected = new ArrayList<>();
            List<Map<String, Object>> cases = new ArrayList<>();
            for (JsonNode v : COMMENTS.get("batches")) {
                StringBuilder summaries = new StringBuilder();
                for (CommentRecord record : CommentBatch.parse(Hex.decode(v.get("encoded").asText()))) {
                    summaries.append(CommentConformance.summary(record)).append('\n');
                }
                expected.add(summaries.toString());
                cases.add(Map.of("encoded", v.get("encoded").asText()));
            }
            for (JsonNode v : COMMENTS.get("batchesRefused")) {
                expected.add(failure("InvalidMessageException"));
                cases.add(Map.of("encoded", v.get("encoded").asText()));
            }
            assertEquals(expected, browser.evaluate("cases => cases.map(c => vellum.commentBatch(hex(c.encoded)))",
                    cases));
        }
    }

    @Test
    void randomInputs_browserCiphertextEqualsJvmCiphertext() {
        List<Map<String, String>> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int length : new int[] {0, 1, 15, 16, 17, 63, 64, 65, 1000, 70_000}) {
            byte[] key = RANDOM.randomBytes(32);
            byte[] nonce = RANDOM.randomBytes(24);
            byte[] ad = RANDOM.randomBytes(length % 40);
            byte[] plaintext = RANDOM.randomBytes(length);
            cases.add(Map.of("key", hex(key), "nonce", hex(nonce), "ad", hex(ad), "msg", hex(plaintext)));
            expected.add(hex(new InsecureNonceXChaCha20Poly1305(SymmetricKey.fromBytes(key))
                    .encrypt(nonce, plaintext, ad)));
        }
        Object actual = browser.evaluate("cases => cases.map(c => unhex(vellum.xchachaEncrypt(hex(c.key),"
                + " hex(c.nonce), hex(c.msg), hex(c.ad))))", cases);

        assertEquals(expected, actual);
    }

    /**
     * The browser build's AEAD on linear memory (the app's kept copy goes through it) seals as the JVM's
     * XChaCha20-Poly1305 does with the nonce it drew, byte for byte, after the clear prefix it was given, and opens
     * what the JVM sealed: every length to 200 bytes, the block edges near 4 KiB, 16 KiB (where it copies in the next
     * chunk) and 64 KiB, and a message larger than the memory it keeps between calls.
     */
    @Test
    void linearMemoryAead_sealsAndOpensAsTheJvm() {
        List<Map<String, String>> cases = new ArrayList<>();
        List<byte[]> plaintexts = new ArrayList<>();
        int[] lengths = IntStream.concat(IntStream.rangeClosed(0, 200),
                IntStream.of(4095, 4096, 4097, 16_383, 16_384, 16_385, 65_535, 65_536, 65_537,
                        (1 << 20) + 3, (4 << 20) + 5, 100)).toArray();
        for (int length : lengths) {
            byte[] plaintext = RANDOM.randomBytes(length);
            byte[] prefix = RANDOM.randomBytes(length % 3 == 0 ? 4 : 0);
            cases.add(Map.of("key", hex(RANDOM.randomBytes(32)), "prefix", hex(prefix),
                    "ad", hex(RANDOM.randomBytes(length % 37)), "msg", hex(plaintext)));
            plaintexts.add(plaintext);
        }
        @SuppressWarnings("unchecked")
        List<String> sealed = (List<String>) browser.evaluate("cases => cases.map(c =>"
                + " unhex(vellum.xchachaSealIntoJs(hex(c.key), hex(c.prefix), hex(c.msg), hex(c.ad))))", cases);

        List<Map<String, Object>> toOpen = new ArrayList<>();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, String> c = cases.get(i);
            byte[] prefix = Hex.decode(c.get("prefix"));
            byte[] nonce = Arrays.copyOfRange(Hex.decode(sealed.get(i)), prefix.length, prefix.length + 24);
            nonces.add(hex(nonce));
            byte[] jvm = new InsecureNonceXChaCha20Poly1305(SymmetricKey.fromBytes(Hex.decode(c.get("key"))))
                    .encrypt(nonce, plaintexts.get(i), Hex.decode(c.get("ad")));
            assertEquals(c.get("prefix") + hex(nonce) + hex(jvm), sealed.get(i), "length " + lengths[i]);
            toOpen.add(Map.of("key", c.get("key"), "sealed", sealed.get(i), "prefix", prefix.length, "ad",
                    c.get("ad")));
        }
        @SuppressWarnings("unchecked")
        List<String> opened = (List<String>) browser.evaluate("cases => cases.map(c =>"
                + " unhex(vellum.xchachaOpenFromJs(hex(c.key), hex(c.sealed), c.prefix, hex(c.ad))))", toOpen);

        assertEquals(cases.size(), nonces.size(), "a fresh nonce for every message");
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(cases.get(i).get("msg"), opened.get(i), "length " + lengths[i]);
        }
    }

    /**
     * A kept copy that was changed anywhere (nonce, ciphertext, tag), opened with another key or associated data, or
     * too short to be a message is refused with the same errors as the JVM's, and the next good one still opens.
     */
    @Test
    void linearMemoryAead_refusesEveryAlteredMessage() {
        byte[] key = RANDOM.randomBytes(32);
        byte[] ad = RANDOM.randomBytes(12);
        byte[] plaintext = RANDOM.randomBytes(100);
        byte[] sealed = new dev.vellum.crypto.aead.XChaCha20Poly1305(SymmetricKey.fromBytes(key), RANDOM)
                .encrypt(plaintext, ad);
        List<Map<String, String>> cases = new ArrayList<>();
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= (byte) (1 << (i % 8));
            cases.add(Map.of("key", hex(key), "sealed", hex(altered), "ad", hex(ad)));
        }
        cases.add(Map.of("key", hex(RANDOM.randomBytes(32)), "sealed", hex(sealed), "ad", hex(ad)));
        cases.add(Map.of("key", hex(key), "sealed", hex(sealed), "ad", hex(RANDOM.randomBytes(12))));
        cases.add(Map.of("key", hex(key), "sealed", hex(Arrays.copyOf(sealed, 39)), "ad", hex(ad)));
        cases.add(Map.of("key", hex(key), "sealed", hex(sealed), "ad", hex(ad)));

        @SuppressWarnings("unchecked")
        List<Object> results = (List<Object>) browser.evaluate("cases => cases.map(c => {"
                + " const r = vellum.xchachaOpenFromJs(hex(c.key), hex(c.sealed), 0, hex(c.ad));"
                + " return r instanceof Int8Array ? unhex(r) : r; })", cases);

        for (int i = 0; i < sealed.length + 2; i++) {
            assertTrue(rejected(results.get(i), "AuthenticationFailedException"), "case " + i + ": " + results.get(i));
        }
        assertTrue(rejected(results.get(sealed.length + 2), "InvalidMessageException"), "39 bytes");
        assertEquals(hex(plaintext), results.get(sealed.length + 3));
    }

    /**
     * Vellum's own ChaCha20-Poly1305 core as TeaVM compiled it, against BouncyCastle's on the JVM: every length up to
     * 200 bytes (all remainders mod 64 and 16) and the block edges around 4 KiB and 64 KiB.
     */
    @Test
    void randomInputs_browserCiphertextEqualsBouncyCastlesOnJvm() {
        List<Map<String, String>> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int[] lengths = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, 200),
                java.util.stream.IntStream.of(4095, 4096, 4097, 65_535, 65_536, 65_537)).toArray();
        for (int length : lengths) {
            byte[] key = RANDOM.randomBytes(32);
            byte[] nonce = RANDOM.randomBytes(24);
            byte[] ad = RANDOM.randomBytes(length % 37);
            byte[] plaintext = RANDOM.randomBytes(length);
            cases.add(Map.of("key", hex(key), "nonce", hex(nonce), "ad", hex(ad), "msg", hex(plaintext)));
            byte[] sealed = BouncyCastleXChaCha20Poly1305.seal(key, nonce, plaintext, ad);
            expected.add(hex(java.util.Arrays.copyOfRange(sealed, nonce.length, sealed.length)));
        }
        Object actual = browser.evaluate("cases => cases.map(c => unhex(vellum.xchachaEncrypt(hex(c.key),"
                + " hex(c.nonce), hex(c.msg), hex(c.ad))))", cases);

        assertEquals(expected, actual);
    }

    /**
     * Signing in the browser is Vellum's own nonce multiplication and scalar arithmetic on unsigned 64-bit
     * arithmetic as TeaVM compiles it: random keys and messages (and seeds of fixed byte patterns) sign as
     * BouncyCastle signs on the JVM, byte for byte (Ed25519 is deterministic).
     */
    @Test
    void ed25519Signatures_inBrowser_equalBouncyCastlesOnJvm() {
        List<Map<String, String>> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] seed = i < 8 ? new byte[32] : RANDOM.randomBytes(32);
            if (i < 8) {
                java.util.Arrays.fill(seed, (byte) (new int[] {0x00, 0xff, 0x88, 0x77, 0x0f, 0xf0, 0x80, 0x08}[i]));
            }
            byte[] message = RANDOM.randomBytes(i % 3 == 0 ? i * 7 : i % 130);
            cases.add(Map.of("seed", hex(seed), "msg", hex(message)));
            byte[] signature = new byte[64];
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
            expected.add(hex(signature));
        }
        Object actual = browser.evaluate("cases => cases.map(c => unhex(vellum.ed25519Sign(hex(c.seed), hex(c.msg))))",
                cases);

        assertEquals(expected, actual);
    }

    /**
     * The browser's SHA-512 is Vellum's own (a TeaVM stand-in for BouncyCastle's {@code SHA512Digest}, under every
     * Ed25519 signature there), the JVM's BouncyCastle's: the same digests on every length around the block edges.
     */
    @Test
    void sha512_inBrowser_equalsBouncyCastlesOnJvm() {
        List<String> messages = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int[] lengths = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, 300),
                java.util.stream.IntStream.of(4095, 4096, 4097, 65_537)).toArray();
        for (int length : lengths) {
            byte[] message = RANDOM.randomBytes(length);
            messages.add(hex(message));
            org.bouncycastle.crypto.digests.SHA512Digest digest = new org.bouncycastle.crypto.digests.SHA512Digest();
            digest.update(message, 0, length);
            byte[] out = new byte[64];
            digest.doFinal(out, 0);
            expected.add(hex(out));
        }
        Object actual = browser.evaluate("messages => messages.map(m => unhex(vellum.sha512(hex(m))))", messages);

        assertEquals(expected, actual);
    }

    @Test
    void committingAead_sealedInBrowser_opensOnJvmOnlyUnderItsKey() throws Exception {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        String sealed = (String) browser.evaluate("a => unhex(vellum.committingSeal(hex(a.key), hex(a.msg), hex(a.ad)))",
                Map.of("key", hex(key.exportBytes()), "msg", "00ff", "ad", "0102"));

        assertArrayEquals(Hex.decode("00ff"),
                CommittingXChaCha20Poly1305.decryptOnly(key).decrypt(Hex.decode(sealed), Hex.decode("0102")));
        byte[] otherKey = RANDOM.randomBytes(32);
        assertThrows(AuthenticationFailedException.class, () -> CommittingXChaCha20Poly1305
                .decryptOnly(SymmetricKey.fromBytes(otherKey)).decrypt(Hex.decode(sealed), Hex.decode("0102")));
        assertEquals(failure("AuthenticationFailedException"), browser.evaluate(
                "a => unhex(vellum.committingOpen(hex(a.key), hex(a.sealed), hex('0102')))",
                Map.of("key", hex(otherKey), "sealed", sealed)));
    }

    @Test
    void updateEnvelope_crossesBetweenBrowserAndJvm_bothWays() throws Exception {
        IdentityKeyPair author = IdentityKeyPair.generate(RANDOM);
        SymmetricKey contentKey = SymmetricKey.generate(RANDOM);
        WorkspaceId workspace = WorkspaceId.fromBytes(RANDOM.randomBytes(16));
        NoteId document = NoteId.random(RANDOM);
        Map<String, Object> args = new HashMap<>(identityArgs("author", author));
        args.put("contentKey", hex(contentKey.exportBytes()));
        args.put("workspace", hex(workspace.toBytes()));
        args.put("document", hex(document.toBytes()));
        args.put("msg", hex("typed in Chromium".getBytes(StandardCharsets.UTF_8)));

        String fromBrowser = (String) browser.evaluate("a => unhex(vellum.sealUpdate(hex(a.authorSeed),"
                + " hex(a.authorAgreementPrivate), hex(a.contentKey), hex(a.workspace), hex(a.document), 7, hex(a.msg)))",
                args);
        UpdateEnvelope parsed = UpdateEnvelope.parse(Hex.decode(fromBrowser));
        assertEquals(7, parsed.header().keyEpoch());
        assertEquals("typed in Chromium",
                new String(UpdateEnvelopeCipher.open(parsed, contentKey, author.publicIdentity()),
                        StandardCharsets.UTF_8));

        UpdateHeader header = new UpdateHeader(workspace, document, 7, IdentityKeyId.of(author.publicIdentity()), 1,
                UpdateHash.NONE);
        args.put("envelope", hex(UpdateEnvelopeCipher.seal(header, "typed on the JVM".getBytes(StandardCharsets.UTF_8),
                contentKey, author, RANDOM).encode()));
        String opened = (String) browser.evaluate("a => unhex(vellum.openUpdate(hex(a.envelope), hex(a.contentKey),"
                + " hex(a.authorSigning), hex(a.authorAgreement)))", args);
        assertEquals(hex("typed on the JVM".getBytes(StandardCharsets.UTF_8)), opened);
    }

    @Test
    void keyEnvelope_crossesBetweenBrowserAndJvm_bothWays() throws Exception {
        IdentityKeyPair owner = IdentityKeyPair.generate(RANDOM);
        IdentityKeyPair member = IdentityKeyPair.generate(RANDOM);
        SymmetricKey epochKey = SymmetricKey.generate(RANDOM);
        WorkspaceId workspace = WorkspaceId.fromBytes(RANDOM.randomBytes(16));
        Map<String, Object> args = new HashMap<>(identityArgs("owner", owner));
        args.putAll(identityArgs("member", member));
        args.put("workspace", hex(workspace.toBytes()));
        args.put("epochKey", hex(epochKey.exportBytes()));

        String fromBrowser = (String) browser.evaluate("a => unhex(vellum.sealKeyEnvelope(hex(a.ownerSeed),"
                + " hex(a.ownerAgreementPrivate), hex(a.memberSigning), hex(a.memberAgreement), hex(a.workspace), 2,"
                + " hex(a.epochKey)))", args);
        assertArrayEquals(epochKey.exportBytes(), KeyEnvelopeCipher.open(KeyEnvelope.parse(Hex.decode(fromBrowser)),
                member, owner.publicIdentity()).exportBytes());

        KeyEnvelopeHeader header = new KeyEnvelopeHeader(workspace, 2, IdentityKeyId.of(owner.publicIdentity()),
                IdentityKeyId.of(member.publicIdentity()));
        args.put("envelope", hex(KeyEnvelopeCipher.seal(header, epochKey, owner, member.publicIdentity(), new Hpke(RANDOM))
                .encode()));
        assertEquals(hex(epochKey.exportBytes()), browser.evaluate("a => unhex(vellum.openKeyEnvelope("
                + "hex(a.envelope), hex(a.memberSeed), hex(a.memberAgreementPrivate), hex(a.ownerSigning),"
                + " hex(a.ownerAgreement)))", args));
    }

    @Test
    void hpkeAuth_sealedInBrowser_opensOnJvm() throws Exception {
        IdentityKeyPair sender = IdentityKeyPair.generate(RANDOM);
        IdentityKeyPair recipient = IdentityKeyPair.generate(RANDOM);
        Map<String, Object> args = new HashMap<>(identityArgs("sender", sender));
        args.putAll(identityArgs("recipient", recipient));

        String sealed = (String) browser.evaluate("a => unhex(vellum.hpkeSeal(hex(a.recipientAgreement),"
                + " hex(a.senderAgreementPrivate), hex('01'), hex('02'), hex('cafe')))", args);
        byte[] bytes = Hex.decode(sealed);
        HpkeCiphertext message = new HpkeCiphertext(java.util.Arrays.copyOf(bytes, 32),
                java.util.Arrays.copyOfRange(bytes, 32, bytes.length));

        assertArrayEquals(Hex.decode("cafe"), Hpke.openAuth(message, recipient.agreementKey(),
                sender.publicIdentity().agreementKey(), Hex.decode("01"), Hex.decode("02")));
    }

    @Test
    void safetyNumber_isTheSameInBrowserAndOnJvm() {
        IdentityKeyPair alice = IdentityKeyPair.generate(RANDOM);
        IdentityKeyPair bob = IdentityKeyPair.generate(RANDOM);
        Map<String, Object> args = new HashMap<>(identityArgs("alice", alice));
        args.putAll(identityArgs("bob", bob));

        Object inBrowser = browser.evaluate("a => vellum.safetyNumber(hex(a.bobSigning), hex(a.bobAgreement),"
                + " hex(a.aliceSigning), hex(a.aliceAgreement))", args);

        assertEquals(SafetyNumber.of(alice.publicIdentity(), bob.publicIdentity()).digits(), inBrowser);
    }

    @Test
    void noteItem_crossesBetweenBrowserAndJvm_andNoncesAreFresh() throws Exception {
        NoteKeys keys = NoteKeys.generate(RANDOM);
        String secret = hex(keys.secret().exportBytes());
        String text = "Sealed in Chromium — ünïcödé ✓";
        assertEquals(keys.noteId().toString(), browser.evaluate("s => vellum.noteIdOf(hex(s))", secret));
        @SuppressWarnings("unchecked")
        List<String> sealed = (List<String>) browser.evaluate("a => [1, 2].map(() => unhex(vellum.sealNoteItem("
                + "hex(a.secret), a.text)))", Map.of("secret", secret, "text", text));
        NoteItemCipher jvm = new NoteItemCipher(keys, IdentityKeyPair.generate(RANDOM), RANDOM);
        for (String encoded : sealed) {
            NoteItem item = NoteItem.parse(Hex.decode(encoded));
            assertEquals(keys.noteId(), item.header().documentId());
            item.verifyForStorage();
            assertEquals(text, new String(jvm.open(item), StandardCharsets.UTF_8));
        }
        // Same key and text twice: only fresh keys and nonces from crypto.getRandomValues make these differ.
        assertNotEquals(sealed.get(0), sealed.get(1));

        byte[] fromJvm = jvm.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE,
                "from the JVM".getBytes(StandardCharsets.UTF_8)).encode();
        byte[] tampered = fromJvm.clone();
        tampered[200] ^= 1;
        @SuppressWarnings("unchecked")
        List<Object> opened = (List<Object>) browser.evaluate("a => [vellum.openNoteItem(hex(a.secret), hex(a.good)),"
                + " vellum.openNoteItem(hex(a.secret), hex(a.bad))]",
                Map.of("secret", secret, "good", hex(fromJvm), "bad", hex(tampered)));
        assertEquals("from the JVM", opened.get(0));
        // The same cause on both sides: the tampered byte breaks the signature before anything is decrypted.
        assertThrows(InvalidSignatureException.class, () -> jvm.open(NoteItem.parse(tampered)));
        assertEquals(failure("InvalidSignatureException"), opened.get(1));
    }

    /** Runs every case of a Wycheproof file in the browser, then judges each result as the JVM test does. */
    private static void runInBrowser(String file, String perCase, BiFunction<JsonNode, Object, Wycheproof.Outcome> judge) {
        JsonNode vectors = TestVectors.load("wycheproof/" + file);
        List<Map<String, Object>> cases = new ArrayList<>();
        for (JsonNode group : vectors.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                Map<String, Object> flat = fields(test);
                if (group.has("publicKey") && group.get("publicKey").has("pk")) {
                    flat.put("pk", group.get("publicKey").get("pk").asText());
                }
                cases.add(flat);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> results = (List<Object>) browser.evaluate("cases => cases.map(" + perCase + ")", cases);
        Iterator<Object> inOrder = results.iterator();
        Wycheproof.assertAllCasesBehave(file, (group, test) -> judge.apply(test, inOrder.next()));
    }

    /** A vector's scalar fields as a map for the page: strings stay strings, numbers stay numbers. */
    private static Map<String, Object> fields(JsonNode vector) {
        Map<String, Object> map = new HashMap<>();
        vector.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                map.put(field.getKey(), field.getValue().isNumber() ? field.getValue().asInt()
                        : field.getValue().asText());
            }
        });
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Wycheproof.Outcome judgeAead(JsonNode test, Object result) {
        Map<String, Object> r = (Map<String, Object>) result;
        Object opened = r.get("opened");
        if (rejected(opened, "AuthenticationFailedException", "InvalidMessageException", "IllegalArgumentException")) {
            return REJECTED;
        }
        boolean sealsTheSame = r.get("sealed") == null
                || rejected(r.get("sealed"), "IllegalArgumentException")
                || (test.get("ct").asText() + test.get("tag").asText()).equals(r.get("sealed"));
        return opened.equals(test.get("msg").asText()) && sealsTheSame ? ACCEPTED_CORRECTLY : ACCEPTED_WRONG_OUTPUT;
    }

    /** What an export returns when the code under test throws: the exception's kind. */
    private static Map<String, Object> failure(String kind) {
        return Map.of("failure", kind);
    }

    /**
     * Whether the browser rejected the input, with one of the exceptions the JVM code throws for it. A rejection
     * of any other kind fails the test: it would mean the build fails differently from the JVM.
     */
    private static boolean rejected(Object result, String... expectedKinds) {
        if (!(result instanceof Map<?, ?> map) || !map.containsKey("failure")) {
            return false;
        }
        Object kind = map.get("failure");
        if (!List.of(expectedKinds).contains(kind)) {
            throw new AssertionError("rejected as " + kind + ", expected one of " + List.of(expectedKinds));
        }
        return true;
    }

    private static Map<String, Object> identityArgs(String name, IdentityKeyPair identity) {
        return Map.of(
                name + "Seed", hex(identity.signingKey().exportSeed(KeyAccess.get())),
                name + "AgreementPrivate", hex(identity.agreementKey().exportBytes(KeyAccess.get())),
                name + "Signing", hex(identity.publicIdentity().signingKey().toBytes()),
                name + "Agreement", hex(identity.publicIdentity().agreementKey().toBytes()));
    }

    private static String hex(byte[] bytes) {
        return Hex.toHexString(bytes);
    }
}
