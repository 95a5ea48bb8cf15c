package dev.vellum.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Reading the build's manifest and siblings (test resources under statictest/, shaped as PackWebroot writes). */
class WebrootTest {
    private final Webroot webroot = Webroot.load(WebrootTest.class.getClassLoader(), "statictest/");

    @Test
    void aMissingPrecompressedSibling_isNotOffered_soThatClientGetsTheFileItself() {
        WebAsset script = webroot.asset("/app.js").orElseThrow();

        assertEquals(EnumSet.of(ContentCoding.IDENTITY, ContentCoding.BROTLI), script.codings());
        assertEquals(ContentCoding.IDENTITY, AcceptEncoding.parse("gzip, deflate").choose(script.codings()));
        assertEquals(ContentCoding.BROTLI, AcceptEncoding.parse("gzip, br").choose(script.codings()));
    }

    @Test
    void eachRepresentation_hasItsOwnEtag_andTheManifestsPolicy() {
        WebAsset page = webroot.asset("/page.html").orElseThrow();

        assertNotEquals(page.etag(ContentCoding.IDENTITY), page.etag(ContentCoding.GZIP));
        assertTrue(page.hasVariants());
        assertEquals(CachePolicy.REVALIDATE, page.policy());
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertEquals(CachePolicy.IMMUTABLE, webroot.asset("/app.js").orElseThrow().policy());
    }

    @Test
    void onlyListedFiles_areServed() {
        assertFalse(webroot.asset("/app.js.br").isPresent());
        assertFalse(webroot.asset("/webroot.manifest").isPresent());
        assertFalse(webroot.asset("/../webroot.manifest").isPresent());
    }

    @Test
    void aMissingManifest_failsAtStart() {
        assertThrows(IllegalStateException.class,
                () -> Webroot.load(WebrootTest.class.getClassLoader(), "nothing-here/"));
    }
}
