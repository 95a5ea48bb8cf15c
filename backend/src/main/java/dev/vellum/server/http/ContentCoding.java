package dev.vellum.server.http;

/**
 * The content codings static files are sent in. Each but identity is a sibling file the build pre-compressed
 * (web-client's PackWebroot), so the server never compresses at run time.
 */
enum ContentCoding {
    BROTLI("br", ".br"),
    GZIP("gzip", ".gz"),
    IDENTITY("identity", "");

    private final String token;
    private final String suffix;

    ContentCoding(String token, String suffix) {
        this.token = token;
        this.suffix = suffix;
    }

    /** As in {@code Accept-Encoding} and {@code Content-Encoding}. */
    String token() {
        return token;
    }

    /** What the build appends to a file's name for this coding. */
    String suffix() {
        return suffix;
    }
}
