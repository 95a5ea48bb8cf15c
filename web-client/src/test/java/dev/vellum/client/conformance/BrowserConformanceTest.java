package dev.vellum.client.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import dev.vellum.client.testing.Browsers;
import dev.vellum.crypto.aead.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import dev.vellum.testing.TestVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared cipher as TeaVM compiled it to WebAssembly GC, inside Chromium, and compares every result with
 * the JVM's, so a miscompilation cannot pass unnoticed.
 */
class BrowserConformanceTest {
    private static final Path MODULE_DIR = Path.of("target/teavm/conformance");
    private static final String ORIGIN = "http://conformance.test";
    private static final JvmSecureRandomSource RANDOM = new JvmSecureRandomSource();

    private static Playwright playwright;
    private static Browser browser;
    private static Page page;

    @BeforeAll
    static void loadModuleInChromium() {
        playwright = Browsers.startPlaywright();
        browser = Browsers.launchChromium(playwright);
        page = browser.newPage();
        page.route(ORIGIN + "/**", BrowserConformanceTest::serveFromModuleDir);
        page.navigate(ORIGIN + "/index.html");
        page.evaluate("async () => { window.vellum = (await TeaVM.wasmGC.load('/conformance.wasm')).exports;"
                + " window.hex = h => new Int8Array((h.match(/../g) || []).map(b => parseInt(b, 16)));"
                + " window.unhex = a => a === null ? null"
                + "   : Array.from(new Uint8Array(a.buffer, a.byteOffset, a.length),"
                + "       b => b.toString(16).padStart(2, '0')).join(''); }");
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
        playwright.close();
    }

    @Test
    void wycheproofXChaCha20Poly1305_browserAgreesWithJvmOnEveryCase() {
        JsonNode file = TestVectors.load("wycheproof/xchacha20_poly1305_test.json");
        List<Map<String, String>> cases = new ArrayList<>();
        for (JsonNode group : file.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                Map<String, String> c = new HashMap<>();
                for (String field : List.of("key", "iv", "aad", "msg", "ct", "tag", "result")) {
                    c.put(field, test.get(field).asText());
                }
                c.put("tcId", test.get("tcId").asText());
                cases.add(c);
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) page.evaluate("cases => cases.map(c => ({"
                + " tcId: c.tcId,"
                + " opened: unhex(vellum.xchachaDecrypt(hex(c.key), hex(c.iv), hex(c.ct + c.tag), hex(c.aad))),"
                + " sealed: c.iv.length === 48 ? unhex(vellum.xchachaEncrypt(hex(c.key), hex(c.iv), hex(c.msg),"
                + "   hex(c.aad))) : null }))", cases);

        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, String> c = cases.get(i);
            Map<String, Object> r = results.get(i);
            boolean valid = !"invalid".equals(c.get("result"));
            Object opened = r.get("opened");
            if (valid && !c.get("msg").equals(opened)) {
                failures.add("tcId " + c.get("tcId") + ": valid case not opened correctly in the browser");
            } else if (!valid && opened != null) {
                failures.add("tcId " + c.get("tcId") + ": invalid case accepted in the browser");
            }
            if (valid && r.get("sealed") != null && !(c.get("ct") + c.get("tag")).equals(r.get("sealed"))) {
                failures.add("tcId " + c.get("tcId") + ": browser ciphertext differs from the vector");
            }
        }
        assertEquals(file.get("numberOfTests").asInt(), results.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
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
            cases.add(Map.of("key", Hex.toHexString(key), "nonce", Hex.toHexString(nonce),
                    "ad", Hex.toHexString(ad), "msg", Hex.toHexString(plaintext)));
            expected.add(Hex.toHexString(new InsecureNonceXChaCha20Poly1305(SymmetricKey.fromBytes(key))
                    .encrypt(nonce, plaintext, ad)));
        }
        Object actual = page.evaluate("cases => cases.map(c => unhex(vellum.xchachaEncrypt(hex(c.key), hex(c.nonce),"
                + " hex(c.msg), hex(c.ad))))", cases);

        assertEquals(expected, actual);
    }

    @Test
    void revisionSealedInBrowser_opensOnJvm_andNoncesAreFresh() throws Exception {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        NoteId noteId = NoteId.random(RANDOM);
        String text = "Sealed in Chromium — ünïcödé ✓";
        @SuppressWarnings("unchecked")
        List<String> sealed = (List<String>) page.evaluate("a => [1, 2].map(() => unhex(vellum.sealRevision("
                + "hex(a.key), a.noteId, 5, a.text)))",
                Map.of("key", Hex.toHexString(key.exportBytes()), "noteId", noteId.toString(), "text", text));

        NoteRevisionCipher jvm = new NoteRevisionCipher(key, RANDOM);
        for (String hex : sealed) {
            EncryptedRevision revision = EncryptedRevision.parse(Hex.decode(hex));
            assertEquals(RevisionHeader.linkShared(noteId, 5), revision.header());
            assertEquals(text, jvm.open(revision));
        }
        // Same key and text twice: only fresh nonces from crypto.getRandomValues make these differ.
        assertNotEquals(sealed.get(0), sealed.get(1));
    }

    @Test
    void revisionSealedOnJvm_opensInBrowser_andTamperingIsRejected() {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        String text = "Sealed on the JVM\nsecond line";
        byte[] encoded = new NoteRevisionCipher(key, RANDOM)
                .seal(RevisionHeader.linkShared(NoteId.random(RANDOM), 9), text).encode();
        byte[] tampered = encoded.clone();
        tampered[20] ^= 1;

        Map<String, String> args = Map.of("key", Hex.toHexString(key.exportBytes()),
                "good", Hex.toHexString(encoded), "bad", Hex.toHexString(tampered));
        @SuppressWarnings("unchecked")
        List<String> opened = (List<String>) page.evaluate(
                "a => [vellum.openRevision(hex(a.key), hex(a.good)), vellum.openRevision(hex(a.key), hex(a.bad))]",
                args);

        assertEquals(text, opened.get(0));
        assertNull(opened.get(1));
    }

    private static void serveFromModuleDir(Route route) {
        String path = route.request().url().substring(ORIGIN.length());
        if (path.equals("/index.html")) {
            route.fulfill(new Route.FulfillOptions().setContentType("text/html")
                    .setBody("<!DOCTYPE html><script src=\"/classes.wasm-runtime.js\"></script>"));
            return;
        }
        Path file = MODULE_DIR.resolve(path.substring(1)).normalize();
        if (!file.startsWith(MODULE_DIR) || !Files.isRegularFile(file)) {
            route.fulfill(new Route.FulfillOptions().setStatus(404));
            return;
        }
        try {
            route.fulfill(new Route.FulfillOptions()
                    .setContentType(path.endsWith(".wasm") ? "application/wasm" : "text/javascript")
                    .setBodyBytes(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
