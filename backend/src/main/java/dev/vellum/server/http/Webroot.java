package dev.vellum.server.http;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The web app's files, read once from the class path into memory (about 2.5 MB with their compressed siblings), as
 * the build's manifest lists them ({@code webroot.manifest}: one {@code <path> <immutable|revalidate>} per line,
 * written by web-client's PackWebroot). Only listed files are served: nothing else on the class path leaks out.
 */
final class Webroot {
    private static final String MANIFEST = "webroot.manifest";
    private static final String ROOT = "webroot";

    private final Map<String, WebAsset> assets;

    private Webroot(Map<String, WebAsset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** The app this server was built with, read on first use; every verticle shares it. */
    static Webroot bundled() {
        return Bundled.INSTANCE;
    }

    /** Reads {@code <prefix>webroot.manifest} and the files under {@code <prefix>webroot/} from {@code loader}. */
    static Webroot load(ClassLoader loader, String prefix) {
        String manifest = read(loader, prefix + MANIFEST)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException(prefix + MANIFEST
                        + " is not on the class path: the web app is missing"));
        Map<String, WebAsset> assets = new HashMap<>();
        for (String line : manifest.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            if (fields.length != 2 || !fields[0].startsWith("/")) {
                throw new IllegalStateException(MANIFEST + ": expected '<path> <policy>', got '" + line + "'");
            }
            assets.put(fields[0], asset(loader, prefix + ROOT, fields[0], CachePolicy.ofManifestWord(fields[1])));
        }
        return new Webroot(assets);
    }

    /** The file served under {@code path}, if the app has one. */
    Optional<WebAsset> asset(String path) {
        return Optional.ofNullable(assets.get(path));
    }

    private static WebAsset asset(ClassLoader loader, String root, String path, CachePolicy policy) {
        byte[] identity = read(loader, root + path).orElseThrow(() -> new IllegalStateException(
                MANIFEST + " lists " + path + ", which is not on the class path"));
        Map<ContentCoding, Buffer> bodies = new EnumMap<>(ContentCoding.class);
        bodies.put(ContentCoding.IDENTITY, Buffer.buffer(identity));
        for (ContentCoding coding : ContentCoding.values()) {
            if (coding != ContentCoding.IDENTITY) {
                // A missing sibling is normal (small files are not compressed): that coding is simply not offered.
                read(loader, root + path + coding.suffix()).ifPresent(bytes -> bodies.put(coding,
                        Buffer.buffer(bytes)));
            }
        }
        return new WebAsset(path, policy, sha256Prefix(identity), bodies);
    }

    private static Optional<byte[]> read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String sha256Prefix(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Loaded on first use: tests that never serve the app do not pay for reading it. */
    private static final class Bundled {
        static final Webroot INSTANCE = load(Webroot.class.getClassLoader(), "");
    }
}
