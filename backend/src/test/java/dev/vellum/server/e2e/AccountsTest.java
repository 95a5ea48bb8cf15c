package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static dev.vellum.server.testing.SecretScan.check;
import static dev.vellum.server.testing.SecretScan.forms;
import static dev.vellum.server.testing.SecretScan.indexOf;
import static dev.vellum.server.testing.SecretScan.scanBytes;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.vellum.client.account.AccountMessages;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.kdf.Argon2id;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.encoding.Base64Url;
import dev.vellum.server.testing.AccountProbe;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.SecretScan;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Accounts in Chromium, each browser context a separate browser: Alice signs up on her laptop, logs out and in,
 * adds her phone, changes her passphrase there, revokes the laptop, and recovers with her recovery key on a third
 * browser after making a new recovery key; Bob signs up and deletes his account, and his name stays taken. Then
 * neither the database files nor the server's log hold any passphrase, private key, recovery key or wrapping key,
 * in any encoding.
 */
@BrowserTest(captureServerLog = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsTest {
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String FIRST_PASSPHRASE = "violet kettle marches slowly";
    private static final String SECOND_PASSPHRASE = "orange lantern hums at dawn";
    private static final String RECOVERED_PASSPHRASE = "seven quiet herons fishing";
    /** Typed at sign-up with "é" as one code point (NFC)... */
    private static final String BOB_PASSPHRASE = "bob's copper caf\u00e9 teapot sings";
    /** ...and to confirm the deletion as "e" and a combining accent (NFD), as another keyboard may send it. */
    private static final String BOB_PASSPHRASE_DECOMPOSED = "bob's copper cafe\u0301 teapot sings";

    private static RunningServer server;
    private static Browser browser;
    private static LogCapture log;
    private static AccountProbe probe;
    /** Every passphrase typed, and every private key recovered along the way: none may reach disk or log. */
    private static final List<String> passphrases = new ArrayList<>(
            List.of(FIRST_PASSPHRASE, SECOND_PASSPHRASE, RECOVERED_PASSPHRASE, BOB_PASSPHRASE,
                    BOB_PASSPHRASE_DECOMPOSED));
    private static final List<byte[]> privateKeys = new ArrayList<>();
    /** Every recovery key shown (as displayed), and every wrapping key derived: none may reach disk or log either. */
    private static final List<String> recoveryKeys = new ArrayList<>();
    private static final List<byte[]> wrappingKeys = new ArrayList<>();

    private static Page laptop;
    private static Page phone;
    private static String recoveryKey;

    @BeforeAll
    static void start(RunningServer runningServer, Browser chromium, LogCapture capture) throws IOException {
        server = runningServer;
        browser = chromium;
        log = capture;
        probe = new AccountProbe(server);
        Files.createDirectories(SHOTS);
        // Argon2id runs in the page for every login, change and deletion: on this shared 2-core machine a few of
        // them in a row take longer than the default 5 s.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void defaultTimeoutAgain() {
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
    }

    @Test
    @Order(1)
    void signUp_makesTheKeysHere_showsTheRecoveryKeyOnce_andLogsIn() throws Exception {
        laptop = browser.newContext().newPage();
        laptop.navigate(server.url("/"));
        assertThat(button(laptop, "New note")).isVisible();
        assertThat(link(laptop, "Sign up")).isVisible();
        assertThat(link(laptop, "Log in")).isVisible();
        shot(laptop, "account-01-home-signed-out");
        link(laptop, "Sign up").click();
        assertThat(laptop).hasURL(server.url("/signup"));

        field(laptop, "Username").fill("Al ice");
        field(laptop, "Passphrase").fill("password123");
        assertThat(laptop.getByText("Weak.", new Page.GetByTextOptions().setExact(false))).isVisible();
        field(laptop, "Repeat passphrase").fill("password123");
        button(laptop, "Sign up").click();
        assertThat(alert(laptop)).containsText("This username is not allowed");
        field(laptop, "Username").fill("alice");
        button(laptop, "Sign up").click();
        assertThat(alert(laptop)).containsText("This passphrase is too weak");
        shot(laptop, "account-02-signup-weak");

        field(laptop, "Passphrase").fill(FIRST_PASSPHRASE);
        assertThat(laptop.locator("#signup-strength-text")).containsText("Strong");
        field(laptop, "Repeat passphrase").fill(FIRST_PASSPHRASE + "!");
        button(laptop, "Sign up").click();
        assertThat(alert(laptop)).containsText("The two passphrases differ");
        field(laptop, "Repeat passphrase").fill(FIRST_PASSPHRASE);
        assertThat(alert(laptop)).hasCount(0);
        shot(laptop, "account-03-signup-filled");
        button(laptop, "Sign up").click();
        shot(laptop, "account-03b-signup-working");

        assertThat(laptop.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Save your recovery key")))
                .isVisible();
        String label = laptop.getByLabel(Pattern.compile("^Recovery key ")).getAttribute("aria-label");
        recoveryKey = label.substring("Recovery key ".length());
        assertTrue(recoveryKey.matches("([0-9A-Z]{4}-){7}[0-9A-Z]{4}"), recoveryKey);
        shot(laptop, "account-04-recovery-key");
        Download download = laptop.waitForDownload(() -> link(laptop, "Download as file").click());
        assertEquals("vellum-recovery-key.txt", download.suggestedFilename());
        String file = Files.readString(download.path());
        assertTrue(file.contains(recoveryKey) && file.contains("alice"), file);
        recoveryKeys.add(recoveryKey);
        button(laptop, "I have saved it").click();

        assertThat(laptop.getByText("Logged in as alice")).isVisible();
        assertThat(laptop).hasURL(server.url("/"));
        shot(laptop, "account-05-home-signed-in");
        laptop.reload();
        assertThat(laptop.getByText("Logged in as alice")).isVisible();
        assertThat(button(laptop, "Log out")).isVisible();
        assertThat(link(laptop, "Your account and devices")).isVisible();
        collectKeys(laptop, "alice", FIRST_PASSPHRASE);
        privateKeys.addAll(AccountProbe.privateBytes(probe.identity("alice", FIRST_PASSPHRASE)));

        // "New note" works as before for a logged-in person.
        NotePage.pressNewNote(laptop);
        laptop.navigate(server.url("/"));
        assertThat(laptop.getByText("Logged in as alice")).isVisible();
    }

    @Test
    @Order(2)
    void takenUsername_andWrongPassphrase_getClearMessages_thatDoNotSayWhichIsWrong() {
        Page stranger = browser.newContext().newPage();
        stranger.navigate(server.url("/signup"));
        field(stranger, "Username").fill("ALICE");
        field(stranger, "Passphrase").fill("another fine passphrase");
        field(stranger, "Repeat passphrase").fill("another fine passphrase");
        button(stranger, "Sign up").click();
        assertThat(alert(stranger)).hasText("This username is taken. Choose another.");

        logIn(stranger, "alice", "violet kettle marches quickly");
        assertThat(alert(stranger)).hasText(AccountMessages.WRONG_CREDENTIALS);
        shot(stranger, "account-06-login-wrong");
        logIn(stranger, "nobody-here", FIRST_PASSPHRASE);
        assertThat(alert(stranger)).hasText(AccountMessages.WRONG_CREDENTIALS);
        stranger.context().close();
    }

    @Test
    @Order(3)
    void repeatedFailures_showTheWait() {
        Page guesser = browser.newContext().newPage();
        boolean limited = false;
        for (int attempt = 0; attempt < 8 && !limited; attempt++) {
            logIn(guesser, "mallory", "guess number " + attempt);
            assertThat(alert(guesser)).isVisible();
            limited = alert(guesser).textContent().startsWith("Too many attempts.");
        }
        assertTrue(limited, "no rate limit after 8 failures");
        assertThat(alert(guesser)).hasText(Pattern.compile("^Too many attempts\\. Try again in \\d+ seconds?\\.$"));
        shot(guesser, "account-07-rate-limited");
        guesser.context().close();
    }

    @Test
    @Order(4)
    void logoutAndLogin_onTheSameBrowser_reusesItsDevice() throws Exception {
        laptop.navigate(server.url("/"));
        byte[] before = AccountProbe.storedRecord(laptop, "alice");
        button(laptop, "Log out").click();
        assertThat(link(laptop, "Sign up")).isVisible();
        laptop.reload();
        assertThat(link(laptop, "Log in")).isVisible();
        assertThat(laptop.getByText("Logged in as alice")).isHidden();

        logIn(laptop, "alice", FIRST_PASSPHRASE);
        assertThat(laptop.getByText("Logged in as alice")).isVisible();
        UnlockedAccount again = probe.deviceKeys(laptop, "alice", FIRST_PASSPHRASE);
        assertEquals(dev.vellum.client.account.LocalDeviceRecord.decode(before).certificate(), again.certificate());
    }

    @Test
    @Order(5)
    void loginAsASecondDevice_isListedBesideTheFirst() throws Exception {
        phone = browser.newContext().newPage();
        phone.navigate(server.url("/login"));
        shot(phone, "account-08-login");
        logIn(phone, "alice", FIRST_PASSPHRASE);
        assertThat(phone.getByText("Logged in as alice")).isVisible();
        collectKeys(phone, "alice", FIRST_PASSPHRASE);
        link(phone, "Your account and devices").click();
        assertThat(phone.locator("#device-list li")).hasCount(2);
        assertThat(phone.locator("#device-list li[data-current=true]")).containsText("This device");
        shot(phone, "account-09-account-page");
    }

    @Test
    @Order(6)
    void revokingADevice_endsItsSession_andItsOldKeyIsRefused() throws Exception {
        laptop.navigate(server.url("/account"));
        String laptopDevice = laptop.locator("#device-list li[data-current=true] code").textContent();
        phone.navigate(server.url("/account"));
        button(phone, "Revoke Device " + laptopDevice).click();
        assertThat(phone.getByText("The device was revoked")).isVisible();
        assertThat(phone.locator("#device-list li[data-revoked=true]")).containsText(laptopDevice);
        shot(phone, "account-10-revoked");

        APIResponse session = laptop.request().get(server.url("/api/session"));
        assertEquals(401, session.status(), session.text());
        laptop.navigate(server.url("/"));
        assertThat(link(laptop, "Log in")).isVisible();
        assertThat(laptop.getByText("Logged in as alice")).isHidden();

        // Its old device key cannot log in again; the page says so, and the next login here is a new device.
        logIn(laptop, "alice", FIRST_PASSPHRASE);
        assertThat(alert(laptop)).containsText("revoked");
        shot(laptop, "account-11-login-revoked-device");
        assertNull(AccountProbe.storedRecord(laptop, "alice"));
        logIn(laptop, "alice", FIRST_PASSPHRASE);
        assertThat(laptop.getByText("Logged in as alice")).isVisible();
        collectKeys(laptop, "alice", FIRST_PASSPHRASE);
    }

    @Test
    @Order(7)
    void passphraseChange_refusesTheOld_acceptsTheNew_andTheOtherDeviceStaysLoggedIn_andKeepsItsDevice()
            throws Exception {
        phone.navigate(server.url("/account"));
        field(phone, "Current passphrase").fill("not my passphrase at all");
        field(phone, "New passphrase").fill(SECOND_PASSPHRASE);
        field(phone, "Repeat new passphrase").fill(SECOND_PASSPHRASE);
        button(phone, "Change passphrase").click();
        assertThat(phone.locator("#change-error")).hasText("The current passphrase is wrong.");
        field(phone, "Current passphrase").fill(FIRST_PASSPHRASE);
        button(phone, "Change passphrase").click();
        assertThat(phone.getByText("Your passphrase is changed.")).isVisible();

        laptop.reload();
        assertThat(laptop.getByText("Logged in as alice")).isVisible();

        Page other = browser.newContext().newPage();
        logIn(other, "alice", FIRST_PASSPHRASE);
        assertThat(alert(other)).hasText(AccountMessages.WRONG_CREDENTIALS);
        other.context().close();

        // The phone resealed its own device keys: logging in there again is the same device.
        phone.navigate(server.url("/"));
        button(phone, "Log out").click();
        assertThat(link(phone, "Log in")).isVisible();
        logIn(phone, "alice", SECOND_PASSPHRASE);
        assertThat(phone.getByText("Logged in as alice")).isVisible();

        // The laptop never saw the change: logging in there with the new passphrase opens its own device again
        // (sealed under the identity, which the new passphrase opens too), and registers none.
        byte[] laptopBefore = AccountProbe.storedRecord(laptop, "alice");
        laptop.navigate(server.url("/"));
        button(laptop, "Log out").click();
        assertThat(link(laptop, "Log in")).isVisible();
        logIn(laptop, "alice", SECOND_PASSPHRASE);
        assertThat(laptop.getByText("Logged in as alice")).isVisible();
        assertEquals(dev.vellum.client.account.LocalDeviceRecord.decode(laptopBefore).certificate(),
                probe.deviceKeys(laptop, "alice", SECOND_PASSPHRASE).certificate());

        phone.navigate(server.url("/account"));
        // The laptop's revoked device, the phone, and the laptop's new device: no fourth.
        assertThat(phone.locator("#device-list li")).hasCount(3);
    }

    @Test
    @Order(8)
    void tamperedBundle_isNeverUsed_andThePageSaysSo() {
        BrowserContext context = browser.newContext();
        context.route("**/api/login/start", route -> {
            APIResponse real = route.fetch();
            JsonObject body = new JsonObject(real.text());
            String bundle = body.getString("passphraseBundle");
            if (bundle != null) {
                byte[] bytes = Base64.getUrlDecoder().decode(bundle);
                bytes[bytes.length - 20] ^= 0x01;
                body.put("passphraseBundle", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            route.fulfill(new Route.FulfillOptions().setResponse(real).setBody(body.encode()));
        });
        Page page = context.newPage();
        logIn(page, "alice", SECOND_PASSPHRASE);
        assertThat(alert(page)).hasText(AccountMessages.UNOPENABLE_KEYS);
        shot(page, "account-12-tampered-bundle");
        assertNull(AccountProbe.storedRecord(page, "alice"));
        context.close();
    }

    @Test
    @Order(9)
    void aNewRecoveryKey_isShownOnceAndWorks_andAnOfflineLogoutSaysItDidNotReachTheServer()
            throws Exception {
        Page page = browser.newContext().newPage();
        logIn(page, "alice", SECOND_PASSPHRASE);
        assertThat(page.getByText("Logged in as alice")).isVisible();
        wrappingKeys.add(wrappingKey("alice", SECOND_PASSPHRASE));
        page.navigate(server.url("/account"));
        // (A wrong passphrase, and the old key's refusal, are RecoveryAndPassphraseChangeTest's: each failure here
        // would count against alice's login limit, which the last test's probe still needs.)
        field(page, "Passphrase for a new recovery key").fill(SECOND_PASSPHRASE);
        button(page, "New recovery key").click();

        assertThat(page.locator("#rekey-key span")).hasCount(8);
        String label = page.locator("#rekey-key").getAttribute("aria-label");
        String newKey = label.substring("Recovery key ".length());
        assertTrue(newKey.matches("([0-9A-Z]{4}-){7}[0-9A-Z]{4}") && !newKey.equals(recoveryKey), newKey);
        recoveryKeys.add(newKey);
        shot(page, "account-12b-new-recovery-key");
        Download download = page.waitForDownload(() -> link(page, "Download as file").click());
        assertTrue(Files.readString(download.path()).contains(newKey));
        button(page, "I have saved it").click();
        assertThat(page.getByText("Your new recovery key is saved.")).isVisible();
        assertThat(page.locator("#rekey-key span")).hasCount(0);
        recoveryKey = newKey; // the recovery below works with the new key

        // Offline, "Log out" cannot end the session on the server: it says so, and works once online again.
        page.context().setOffline(true);
        button(page, "Log out").click();
        assertThat(page.locator("#account-logout-problem")).hasText(AccountMessages.LOGOUT_NOT_REACHED);
        assertThat(page.getByText("Logged in as alice")).isVisible();
        shot(page, "account-12c-logout-offline");
        page.context().setOffline(false);
        button(page, "Log out").click();
        assertThat(link(page, "Log in")).isVisible();
        page.context().close();
    }

    @Test
    @Order(10)
    void recoveryWithTheRecoveryKey_setsANewPassphrase_andKeepsTheIdentity() throws Exception {
        IdentityKeyPair before = probe.identity("alice", SECOND_PASSPHRASE);
        Page fresh = browser.newContext().newPage();
        fresh.navigate(server.url("/login"));
        link(fresh, "Use your recovery key").click();
        field(fresh, "Username").fill("alice");
        field(fresh, "Recovery key").fill(recoveryKey.toLowerCase().replace("-", " "));
        field(fresh, "New passphrase").fill(RECOVERED_PASSPHRASE);
        field(fresh, "Repeat new passphrase").fill(RECOVERED_PASSPHRASE);
        shot(fresh, "account-13-recover");
        button(fresh, "Recover account").click();
        assertThat(fresh.getByText("Logged in as alice")).isVisible();
        collectKeys(fresh, "alice", RECOVERED_PASSPHRASE);
        NotePage.pressNewNote(fresh);
        NotePage.type(fresh, "An offline copy of this stays in the browser.");
        assertThat(NotePage.status(fresh)).hasText(NotePage.SAVED);
        assertTrue(databases(fresh).contains("vellum"));

        IdentityKeyPair after = probe.identity("alice", RECOVERED_PASSPHRASE);
        assertEquals(before.publicIdentity(), after.publicIdentity());
        Page other = browser.newContext().newPage();
        logIn(other, "alice", SECOND_PASSPHRASE);
        assertThat(alert(other)).hasText(AccountMessages.WRONG_CREDENTIALS);
        other.context().close();

        // Forgetting this browser: its keys and its offline note copies go, and it is logged out.
        fresh.navigate(server.url("/account"));
        button(fresh, "Log out and forget this device").click();
        assertThat(link(fresh, "Log in")).isVisible();
        assertNull(AccountProbe.storedRecord(fresh, "alice"));
        List<?> databases = databases(fresh);
        assertTrue(!databases.contains("vellum"), String.valueOf(databases));
        fresh.context().close();
    }

    @Test
    @Order(11)
    void deletingTheAccount_needsThePassphrase_andRemovesIt_andItsNameStaysTaken() throws Exception {
        Page bob = browser.newContext().newPage();
        bob.navigate(server.url("/signup"));
        field(bob, "Username").fill("bob");
        field(bob, "Passphrase").fill(BOB_PASSPHRASE);
        field(bob, "Repeat passphrase").fill(BOB_PASSPHRASE);
        button(bob, "Sign up").click();
        button(bob, "I have saved it").click();
        assertThat(bob.getByText("Logged in as bob")).isVisible();
        bob.navigate(server.url("/account"));
        field(bob, "Passphrase to confirm").fill("bob's tin teapot sings");
        button(bob, "Delete account").click();
        assertThat(bob.locator("#delete-error")).hasText(AccountMessages.WRONG_CREDENTIALS);
        wrappingKeys.add(wrappingKey("bob", BOB_PASSPHRASE));
        // The same passphrase, its accent typed as a separate combining mark: the page reads it in NFC.
        field(bob, "Passphrase to confirm").fill(BOB_PASSPHRASE_DECOMPOSED);
        button(bob, "Delete account").click();
        assertThat(link(bob, "Sign up")).isVisible();
        assertNull(AccountProbe.storedRecord(bob, "bob"));
        logIn(bob, "bob", BOB_PASSPHRASE);
        assertThat(alert(bob)).hasText(AccountMessages.WRONG_CREDENTIALS);

        // Readers show an author by name: a newcomer may not be "bob" again.
        bob.navigate(server.url("/signup"));
        field(bob, "Username").fill("bob");
        field(bob, "Passphrase").fill(BOB_PASSPHRASE);
        field(bob, "Repeat passphrase").fill(BOB_PASSPHRASE);
        button(bob, "Sign up").click();
        assertThat(alert(bob)).containsText("This username is taken");
        bob.context().close();
    }

    @Test
    @Order(12)
    void neitherTheDatabaseNorTheLog_holdsAPassphraseAPrivateKeyARecoveryKeyOrAWrappingKey() throws Exception {
        assertTrue(privateKeys.size() >= 8, "keys recovered: " + privateKeys.size());
        byte[] database = SecretScan.databaseFiles(server.dataDir());
        assertTrue(database.length > 0);
        byte[] logBytes = SecretScan.serverLog(server, log);

        // The scan sees what the database holds: the account's public key is there, in one form or another.
        byte[] publicKey = probe.identity("alice", RECOVERED_PASSPHRASE).publicIdentity().signingKey().toBytes();
        List<String> seen = new ArrayList<>();
        if (indexOf(database, publicKey) >= 0) {
            seen.add("raw");
        }
        for (String form : forms(publicKey)) {
            check(seen, "public key", form, database, new byte[0]);
        }
        assertTrue(!seen.isEmpty(), "the scan does not find even the public key in the database");

        List<String> found = new ArrayList<>();
        for (String passphrase : passphrases) {
            for (String form : forms(passphrase.getBytes(StandardCharsets.UTF_8))) {
                check(found, "passphrase " + passphrase, form, database, logBytes);
            }
            check(found, "passphrase " + passphrase, passphrase, database, logBytes);
        }
        for (byte[] key : privateKeys) {
            String name = "private key " + HexFormat.of().formatHex(key, 0, 4) + "…";
            if (indexOf(database, key) >= 0 || indexOf(logBytes, key) >= 0) {
                found.add(name + " (raw)");
            }
            for (String form : forms(key)) {
                check(found, name, form, database, logBytes);
            }
        }
        assertTrue(recoveryKeys.size() >= 2, "recovery keys shown: " + recoveryKeys.size());
        for (String shown : recoveryKeys) {
            String name = "recovery key " + shown.substring(0, 4) + "…";
            for (String form : List.of(shown, shown.replace("-", ""), shown.toLowerCase())) {
                check(found, name, form, database, logBytes);
            }
            byte[] bytes = crockford(shown);
            wrappingKeys.add(Hkdf.derive(bytes, new byte[0], Label.RECOVERY_WRAPPING_KEY, 32));
            scanBytes(found, name + " bytes", bytes, database, logBytes);
        }
        assertTrue(wrappingKeys.size() >= 6, "wrapping keys derived: " + wrappingKeys.size());
        for (byte[] key : wrappingKeys) {
            scanBytes(found, "wrapping key " + HexFormat.of().formatHex(key, 0, 4) + "…", key, database, logBytes);
        }
        assertEquals(List.of(), found);
    }

    /** A recovery key's 20 bytes from its displayed form (Crockford base32, most significant bits first). */
    private static byte[] crockford(String shown) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        byte[] bytes = new byte[20];
        long buffer = 0;
        int bits = 0;
        int at = 0;
        for (char c : shown.replace("-", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes[at++] = (byte) (buffer >>> bits);
            }
        }
        assertEquals(20, at, shown);
        return bytes;
    }

    /** The passphrase's wrapping key under the account's salt now: what a leak of it would open. */
    private static byte[] wrappingKey(String username, String passphrase) throws Exception {
        AccountProbe.Answer salt = probe.post("/api/accounts/salt", new JsonObject().put("username", username));
        byte[] secret = Argon2id.hash(passphrase.getBytes(StandardCharsets.UTF_8),
                Base64Url.decode(salt.body().getString("salt"), 16), AccountKdf.COST, 32);
        return Hkdf.derive(secret, new byte[0], Label.ACCOUNT_WRAPPING_KEY, 32);
    }

    // ---- helpers ----

    private static void collectKeys(Page page, String username, String passphrase) throws Exception {
        UnlockedAccount keys = probe.deviceKeys(page, username, passphrase);
        assertNotNull(keys);
        privateKeys.addAll(AccountProbe.privateBytes(keys.device()));
        privateKeys.addAll(AccountProbe.privateBytes(keys.identity()));
        wrappingKeys.add(wrappingKey(username, passphrase));
    }

    private static List<?> databases(Page page) {
        return (List<?>) page.evaluate("indexedDB.databases().then(list => list.map(d => d.name))");
    }

    private static void logIn(Page page, String username, String passphrase) {
        if (!page.url().endsWith("/login")) {
            page.navigate(server.url("/login"));
        }
        field(page, "Username").fill(username);
        field(page, "Passphrase").fill(passphrase);
        button(page, "Log in").click();
        // Done when the page leaves the form or says why not.
        assertThat(page.locator("#login-form[aria-busy=true]")).hasCount(0,
                new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
    }

    private static Locator field(Page page, String label) {
        // Every account page is in index.html at once: only the one on screen counts.
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true))
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setVisible(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The visible error line of the form on screen. */
    private static Locator alert(Page page) {
        return page.locator(".form-error:visible");
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
