package dev.vellum.server.http;

import static dev.vellum.server.http.ContentCoding.BROTLI;
import static dev.vellum.server.http.ContentCoding.GZIP;
import static dev.vellum.server.http.ContentCoding.IDENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    private static final Set<ContentCoding> ALL = EnumSet.allOf(ContentCoding.class);

    @Test
    void chromiumsHeader_getsBrotli() {
        assertEquals(BROTLI, AcceptEncoding.parse("gzip, deflate, br, zstd").choose(ALL));
    }

    @Test
    void noHeader_orAnEmptyOne_getsTheFileItself() {
        assertEquals(IDENTITY, AcceptEncoding.parse(null).choose(ALL));
        assertEquals(IDENTITY, AcceptEncoding.parse("").choose(ALL));
    }

    @Test
    void gzipOnly_getsGzip_andIdentityWhenThereIsNoGzipSibling() {
        assertEquals(GZIP, AcceptEncoding.parse("gzip").choose(ALL));
        assertEquals(IDENTITY, AcceptEncoding.parse("gzip").choose(EnumSet.of(IDENTITY, BROTLI)));
    }

    @Test
    void brotliRefusedWithQZero_fallsBackToGzip() {
        assertEquals(GZIP, AcceptEncoding.parse("br;q=0, gzip").choose(ALL));
    }

    @Test
    void clientsWeights_winOverTheServersPreference() {
        assertEquals(GZIP, AcceptEncoding.parse("br;q=0.5, gzip;q=0.9").choose(ALL));
        assertEquals(BROTLI, AcceptEncoding.parse("br;q=0.9, gzip;q=0.9").choose(ALL));
    }

    @Test
    void wildcard_acceptsWhatIsNotListed_andXGzipIsGzip() {
        assertEquals(BROTLI, AcceptEncoding.parse("*").choose(ALL));
        assertEquals(GZIP, AcceptEncoding.parse("*, br;q=0").choose(ALL));
        assertEquals(GZIP, AcceptEncoding.parse("x-gzip").choose(ALL));
    }

    @Test
    void identityOnly_orUnknownCodings_orMalformedWeights_getTheFileItself() {
        assertEquals(IDENTITY, AcceptEncoding.parse("identity").choose(ALL));
        assertEquals(IDENTITY, AcceptEncoding.parse("deflate, compress").choose(ALL));
        assertEquals(IDENTITY, AcceptEncoding.parse("br;q=abc, gzip;q=2").choose(ALL));
    }

    @Test
    void caseAndSpaces_doNotMatter() {
        assertEquals(BROTLI, AcceptEncoding.parse("  BR ; Q=1 ,GZIP").choose(ALL));
    }
}
