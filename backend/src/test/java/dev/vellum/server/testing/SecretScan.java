package dev.vellum.server.testing;

import dev.vellum.encoding.Base64Url;
import dev.vellum.server.account.SessionEvents;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for a secret, or a plaintext, where it must never be: in the bytes of the database's files and in the
 * server's log, raw and in every text form the code base writes bytes in (hex, base64, base64url, at each
 * alignment inside a longer text), and text as UTF-8 and UTF-16.
 */
public final class SecretScan {
    private static final String LOGGED_WARNING = "ignored a malformed session-ended event";

    private SecretScan() {
    }

    /** Every file under the server's data folder, one after the other, as a thief who copied the folder has them. */
    public static byte[] databaseFiles(Path dataDir) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    /**
     * The server's log as captured, once the capture is shown to see what the server's own loggers write (else a
     * clean log proves nothing): the server is made to log a warning, and the capture must hold it.
     */
    public static byte[] serverLog(RunningServer server, LogCapture log) throws InterruptedException {
        server.vertx().eventBus().publish(SessionEvents.ADDRESS, new JsonObject().put("account", "not an id"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!log.text().contains(LOGGED_WARNING) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (!log.text().contains(LOGGED_WARNING)) {
            throw new AssertionError("the capture misses the server's log");
        }
        return log.text().getBytes(StandardCharsets.UTF_8);
    }

    /** Hex (both cases), and base64 and base64url at each of the three alignments inside a longer text. */
    public static List<String> forms(byte[] secret) {
        List<String> forms = new ArrayList<>();
        forms.add(HexFormat.of().formatHex(secret));
        forms.add(HexFormat.of().withUpperCase().formatHex(secret));
        for (int skip = 0; skip < 3; skip++) {
            byte[] tail = Arrays.copyOfRange(secret, skip, secret.length);
            String standard = Base64.getEncoder().withoutPadding().encodeToString(tail);
            String url = Base64Url.encode(tail);
            // The last characters may mix with what follows the secret; the rest is fixed wherever it stands.
            forms.add(standard.substring(0, standard.length() - 2));
            forms.add(url.substring(0, url.length() - 2));
        }
        return forms;
    }

    /** Adds to {@code found} where {@code form} (as UTF-8, or UTF-16 in the database) occurs. */
    public static void check(List<String> found, String what, String form, byte[] database, byte[] logBytes) {
        byte[] ascii = form.getBytes(StandardCharsets.UTF_8);
        byte[] utf16 = form.getBytes(StandardCharsets.UTF_16BE);
        if (indexOf(database, ascii) >= 0 || indexOf(database, utf16) >= 0) {
            found.add(what + " in the database as " + form);
        }
        if (indexOf(logBytes, ascii) >= 0) {
            found.add(what + " in the log as " + form);
        }
    }

    /** Adds to {@code found} where the bytes occur, raw or in any of their {@link #forms}. */
    public static void scanBytes(List<String> found, String name, byte[] secret, byte[] database, byte[] logBytes) {
        if (indexOf(database, secret) >= 0 || indexOf(logBytes, secret) >= 0) {
            found.add(name + " (raw)");
        }
        for (String form : forms(secret)) {
            check(found, name, form, database, logBytes);
        }
    }

    /** Adds to {@code found} where the text occurs as it is, or its UTF-8 bytes in any of their {@link #forms}. */
    public static void scanText(List<String> found, String name, String text, byte[] database, byte[] logBytes) {
        check(found, name, text, database, logBytes);
        for (String form : forms(text.getBytes(StandardCharsets.UTF_8))) {
            check(found, name, form, database, logBytes);
        }
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
