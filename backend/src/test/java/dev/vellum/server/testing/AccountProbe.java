package dev.vellum.server.testing;

import com.microsoft.playwright.Page;
import dev.vellum.client.account.KeysDoNotMatchException;
import dev.vellum.client.account.LocalDeviceRecord;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.VellumCryptoException;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.id.AccountId;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Plays the browser's account crypto from a test, with Java shared-crypto: fetches the salt and the sealed bundle
 * from the server's API and opens them with a known passphrase, and opens the device keys a browser context keeps
 * in IndexedDB. What it recovers is what a test then looks for where it must never be (the database, the log).
 */
public final class AccountProbe {
    private final RunningServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public AccountProbe(RunningServer server) {
        this.server = server;
    }

    /** POSTs JSON as the page would (same origin); answers the status and the parsed body (empty when none). */
    public Answer post(String path, JsonObject body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/json")
                .header("Origin", "http://localhost:" + server.port())
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(),
                response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body()));
    }

    public record Answer(int status, JsonObject body) {
    }

    /** The account's identity key pair, recovered the way a browser logging in recovers it. */
    public IdentityKeyPair identity(String username, String passphrase)
            throws IOException, InterruptedException, VellumCryptoException {
        Answer salt = post("/api/accounts/salt", new JsonObject().put("username", username));
        PassphraseKeys keys = AccountKdf.derive(passphrase,
                AccountSalt.fromBytes(Base64Url.decode(salt.body().getString("salt"), 16)));
        Answer start = post("/api/login/start", new JsonObject().put("username", username)
                .put("authKey", Base64Url.encode(keys.authKey().toBytes())));
        if (start.status() != 200) {
            throw new IllegalStateException("login/start answered " + start.status() + " " + start.body());
        }
        String bundle = start.body().getString("passphraseBundle");
        List<IdentityKeyPair> pairs = SealedKeys.open(Base64Url.decode(bundle, bundle.length() * 3 / 4),
                Purpose.ACCOUNT_PASSPHRASE, AccountId.parse(start.body().getString("accountId")),
                keys.wrappingKey());
        return pairs.get(0);
    }

    /** The bytes of this browser context's IndexedDB record for the username, or null. */
    public static byte[] storedRecord(Page page, String username) {
        Object numbers = page.evaluate("username => new Promise(resolve => {"
                + " const open = indexedDB.open('vellum-account', 1);"
                + " open.onupgradeneeded = () => open.result.createObjectStore('devices');"
                + " open.onerror = () => resolve(null);"
                + " open.onsuccess = () => {"
                + "   const get = open.result.transaction('devices').objectStore('devices').get(username);"
                + "   get.onsuccess = () => { open.result.close();"
                + "     resolve(get.result ? Array.from(new Uint8Array(get.result)) : null); };"
                + " }; })", username);
        if (numbers == null) {
            return null;
        }
        List<?> list = (List<?>) numbers;
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((Number) list.get(i)).intValue();
        }
        return bytes;
    }

    /**
     * This browser's device and identity keys, opened from its record as a login here would: with the identity
     * that the passphrase opens from the server's bundle.
     */
    public UnlockedAccount deviceKeys(Page page, String username, String passphrase)
            throws VellumCryptoException, KeysDoNotMatchException, IOException, InterruptedException {
        LocalDeviceRecord record = LocalDeviceRecord.decode(storedRecord(page, username));
        return record.openWithIdentity(identity(username, passphrase),
                AccountKdf.derive(passphrase, record.salt()).wrappingKey());
    }

    /** Both private keys of a pair, as raw bytes. */
    public static List<byte[]> privateBytes(IdentityKeyPair pair) {
        return List.of(pair.signingKey().exportSeed(KeyAccess.get()),
                pair.agreementKey().exportBytes(KeyAccess.get()));
    }
}
