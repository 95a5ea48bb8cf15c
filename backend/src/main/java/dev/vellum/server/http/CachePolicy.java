package dev.vellum.server.http;

/** How long browsers may keep a static file, as the build's manifest says. */
enum CachePolicy {
    /** Named after its content: a new build has a new name, so the old one never changes. */
    IMMUTABLE("public, max-age=31536000, immutable"),
    /** The page (served under every app path) and anything named by path alone: kept, but asked about each time. */
    REVALIDATE("no-cache");

    private final String cacheControl;

    CachePolicy(String cacheControl) {
        this.cacheControl = cacheControl;
    }

    String cacheControl() {
        return cacheControl;
    }

    /** The manifest's word for it. */
    static CachePolicy ofManifestWord(String word) {
        return switch (word) {
            case "immutable" -> IMMUTABLE;
            case "revalidate" -> REVALIDATE;
            default -> throw new IllegalStateException("webroot manifest: unknown cache policy '" + word + "'");
        };
    }
}
