package dev.vellum.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the web app this server serves by one value: the SHA-256 of its {@code index.html}. That page pins every
 * script by its SHA-384 (Subresource Integrity) and boot.js pins the wasm, so the value covers all the code that
 * runs in the browser. Printed at start so that anyone can compare it with what their own browser received
 * ({@code curl -s https://host/ | sha256sum}) or with a build made from the same sources.
 */
public final class AppBuild {
    private static final String INDEX = "webroot/index.html";

    private AppBuild() {
    }

    /** Lower-case hex, as {@code sha256sum} prints it. */
    public static String indexSha256() {
        try (InputStream in = AppBuild.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is not on the class path: the web app is missing");
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
