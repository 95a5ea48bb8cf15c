package dev.vellum.server.http;

import io.vertx.core.buffer.Buffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One static file, held in memory in every coding the build made of it, each with its own strong ETag: a gzip body
 * and a brotli body are different representations, so a cache must never take one for the other.
 */
final class WebAsset {
    private final String contentType;
    private final CachePolicy policy;
    private final Map<ContentCoding, Buffer> bodies;
    private final Map<ContentCoding, String> etags;

    /**
     * @param identityHash a hash of the file itself (hex), from which each representation's ETag is made
     * @param bodies the file ({@link ContentCoding#IDENTITY}, required) and each pre-compressed sibling found
     */
    WebAsset(String path, CachePolicy policy, String identityHash, Map<ContentCoding, Buffer> bodies) {
        if (!bodies.containsKey(ContentCoding.IDENTITY)) {
            throw new IllegalArgumentException(path + " has no uncompressed body");
        }
        this.contentType = contentTypeOf(path);
        this.policy = policy;
        this.bodies = Collections.unmodifiableMap(new EnumMap<>(bodies));
        Map<ContentCoding, String> tags = new EnumMap<>(ContentCoding.class);
        for (ContentCoding coding : bodies.keySet()) {
            String suffix = coding == ContentCoding.IDENTITY ? "" : "-" + coding.token();
            tags.put(coding, "\"" + identityHash + suffix + "\"");
        }
        this.etags = Collections.unmodifiableMap(tags);
    }

    String contentType() {
        return contentType;
    }

    CachePolicy policy() {
        return policy;
    }

    Set<ContentCoding> codings() {
        return bodies.keySet();
    }

    /** Whether the response depends on Accept-Encoding, so that caches must key on it ({@code Vary}). */
    boolean hasVariants() {
        return bodies.size() > 1;
    }

    Buffer body(ContentCoding coding) {
        return bodies.get(coding);
    }

    String etag(ContentCoding coding) {
        return etags.get(coding);
    }

    private static String contentTypeOf(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            // WebAssembly.compileStreaming refuses any other type.
            case "wasm" -> "application/wasm";
            case "svg" -> "image/svg+xml";
            case "json" -> "application/json";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
