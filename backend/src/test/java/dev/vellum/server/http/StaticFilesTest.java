package dev.vellum.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import dev.vellum.server.testing.RunningServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server serving the real build: content negotiation (brotli, gzip, the file itself), HEAD, ranges
 * ignored, 304s for a matching ETag, content-named assets kept for a year and the page revalidated, the page
 * under every app path, and Subresource Integrity holding for every coding (a browser checks the decoded body).
 */
class StaticFilesTest {
    private static final String CHROMIUM = "gzip, deflate, br, zstd";
    private static final Pattern PINNED = Pattern.compile("(?:href|src)=\"([^\"]+)\" integrity=\"sha384-([^\"]+)\"");
    private static final Pattern WASM = Pattern.compile(
            "WASM_SHA384 = '([^']+)';\\s*var WASM_URL = '(/app/vellum\\.[0-9a-f]{16}\\.wasm)'");

    @TempDir
    static Path dataDir;
    private static RunningServer server;
    private static HttpClient http;
    /** Every file index.html pins, by its served path, with its base64 SHA-384; the wasm as boot.js pins it. */
    private static final Map<String, String> pinned = new LinkedHashMap<>();
    private static String wasmPath;

    @BeforeAll
    static void start() throws Exception {
        Brotli4jLoader.ensureAvailability();
        server = RunningServer.start(dataDir);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String html = new String(get("/", null).body(), StandardCharsets.UTF_8);
        Matcher m = PINNED.matcher(html);
        while (m.find()) {
            pinned.put(m.group(1), m.group(2));
        }
        String bootPath = pinned.keySet().stream().filter(p -> p.startsWith("/boot.")).findFirst().orElseThrow();
        Matcher wasm = WASM.matcher(new String(get(bootPath, null).body(), StandardCharsets.UTF_8));
        assertTrue(wasm.find(), "boot.js names and pins the wasm");
        wasmPath = wasm.group(2);
        pinned.put(wasmPath, wasm.group(1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void wasm_isSentAsBrotliToChromium_asGzipToGzipOnly_andItselfToOthers_eachDecodingToThePinnedFile()
            throws Exception {
        HttpResponse<byte[]> br = get(wasmPath, CHROMIUM);
        HttpResponse<byte[]> gz = get(wasmPath, "gzip");
        HttpResponse<byte[]> plain = get(wasmPath, null);

        assertEquals("br", header(br, "content-encoding"));
        assertEquals("gzip", header(gz, "content-encoding"));
        assertEquals("", header(plain, "content-encoding"));
        for (HttpResponse<byte[]> response : List.of(br, gz, plain)) {
            assertEquals(200, response.statusCode());
            assertEquals("application/wasm", header(response, "content-type"));
            assertEquals("Accept-Encoding", header(response, "vary"));
            assertEquals("public, max-age=31536000, immutable", header(response, "cache-control"));
            assertEquals(WebRoutes.CONTENT_SECURITY_POLICY, header(response, "content-security-policy"));
        }
        assertEquals(pinned.get(wasmPath), sha384(unbrotli(br.body())));
        assertEquals(pinned.get(wasmPath), sha384(gunzip(gz.body())));
        assertEquals(pinned.get(wasmPath), sha384(plain.body()));
        assertTrue(br.body().length < gz.body().length && gz.body().length < plain.body().length / 2,
                "brotli " + br.body().length + " < gzip " + gz.body().length + " < half of " + plain.body().length);
        assertNotEquals(header(br, "etag"), header(gz, "etag"));
        assertNotEquals(header(gz, "etag"), header(plain, "etag"));
    }

    @Test
    void everyPinnedFile_matchesItsIntegrity_inEveryCoding() throws Exception {
        assertEquals(5, pinned.size(), "the stylesheet, three scripts and the wasm: " + pinned.keySet());
        for (Map.Entry<String, String> file : pinned.entrySet()) {
            assertTrue(file.getKey().matches("/(app/)?[a-z.-]+\\.[0-9a-f]{16}\\.(css|js|wasm)"), file.getKey());
            assertEquals(file.getValue(), sha384(decoded(get(file.getKey(), CHROMIUM))), file.getKey() + " br");
            assertEquals(file.getValue(), sha384(decoded(get(file.getKey(), "gzip"))), file.getKey() + " gzip");
            assertEquals(file.getValue(), sha384(get(file.getKey(), null).body()), file.getKey());
        }
    }

    @Test
    void head_sendsTheSameHeaders_andNoBody() throws Exception {
        HttpResponse<byte[]> get = get(wasmPath, CHROMIUM);
        HttpResponse<byte[]> head = http.send(request(wasmPath, CHROMIUM).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(Integer.toString(get.body().length), header(head, "content-length"));
        for (String name : List.of("content-encoding", "content-type", "etag", "vary", "cache-control")) {
            assertEquals(header(get, name), header(head, name), name);
        }
        HttpResponse<byte[]> pageHead = http.send(request("/signup", null).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pageHead.statusCode());
        assertEquals(Integer.toString(get("/", null).body().length), header(pageHead, "content-length"));
    }

    @Test
    void range_isIgnored_andTheWholeRepresentationSent() throws Exception {
        HttpResponse<byte[]> ranged = http.send(request(wasmPath, "gzip").header("Range", "bytes=0-9").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, ranged.statusCode());
        assertEquals("", header(ranged, "content-range"));
        assertEquals(pinned.get(wasmPath), sha384(gunzip(ranged.body())));
    }

    @Test
    void matchingEtag_gets304WithNoBody_forAssetsAndThePage() throws Exception {
        for (String path : List.of(wasmPath, "/", "/n/AAAAAAAAAAAAAAAAAAAAAA")) {
            HttpResponse<byte[]> first = get(path, CHROMIUM);
            String etag = header(first, "etag");

            HttpResponse<byte[]> again = http.send(request(path, CHROMIUM).header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> weak = http.send(request(path, CHROMIUM)
                    .header("If-None-Match", "\"other\", W/" + etag).build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> otherCoding = http.send(request(path, "gzip").header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertEquals(304, again.statusCode(), path);
            assertEquals(0, again.body().length, path);
            assertEquals(etag, header(again, "etag"), path);
            assertEquals(header(first, "cache-control"), header(again, "cache-control"), path);
            assertEquals(304, weak.statusCode(), path);
            // The client cached brotli and now takes only gzip: it gets the gzip body, not a 304.
            assertEquals(200, otherCoding.statusCode(), path);
            assertEquals("gzip", header(otherCoding, "content-encoding"), path);
        }
    }

    @Test
    void thePage_isServedUnderEveryAppPath_revalidated_withTheCspAndTheBuildHash() throws Exception {
        byte[] index = get("/index.html", null).body();
        assertEquals(AppBuild.indexSha256(), hex(MessageDigest.getInstance("SHA-256").digest(index)));
        List<String> paths = List.of("/", "/index.html", "/n/AAAAAAAAAAAAAAAAAAAAAA", "/signup", "/login",
                "/recover", "/account", "/w/abc", "/w/abc/n/def", "/join/xyz");
        String etag = null;
        for (String path : paths) {
            HttpResponse<byte[]> response = get(path, CHROMIUM);
            assertEquals(200, response.statusCode(), path);
            assertEquals("br", header(response, "content-encoding"), path);
            assertArrayEquals(index, unbrotli(response.body()), path);
            assertEquals("text/html; charset=utf-8", header(response, "content-type"), path);
            assertEquals("no-cache", header(response, "cache-control"), path);
            assertEquals(WebRoutes.CONTENT_SECURITY_POLICY, header(response, "content-security-policy"), path);
            assertTrue(etag == null || etag.equals(header(response, "etag")), path + " is the same page");
            etag = header(response, "etag");
        }
    }

    @Test
    void aFileTooSmallToCompress_isSentAsItself_whatEverTheClientAccepts() throws Exception {
        String favicon = new String(get("/", null).body(), StandardCharsets.UTF_8)
                .replaceAll("(?s).*<link rel=\"icon\" href=\"([^\"]+)\".*", "$1");
        assertTrue(favicon.matches("/favicon\\.[0-9a-f]{16}\\.svg"), favicon);

        HttpResponse<byte[]> response = get(favicon, CHROMIUM);

        assertEquals(200, response.statusCode());
        assertEquals("", header(response, "content-encoding"));
        assertEquals("image/svg+xml", header(response, "content-type"));
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("<svg"));
    }

    @Test
    void oldNames_siblingsAndTheManifest_areNotServed() throws Exception {
        List<String> served = new ArrayList<>();
        for (String path : List.of("/app/vellum.wasm", "/boot.js", "/vellum.css", wasmPath + ".br",
                wasmPath + ".gz", "/webroot.manifest", "/index.html.br")) {
            if (get(path, CHROMIUM).statusCode() != 404) {
                served.add(path);
            }
        }
        assertEquals(List.of(), served);
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding)
            throws IOException, InterruptedException {
        return http.send(request(path, acceptEncoding).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(String path, String acceptEncoding) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (acceptEncoding != null) {
            builder.header("Accept-Encoding", acceptEncoding);
        }
        return builder;
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private static byte[] decoded(HttpResponse<byte[]> response) throws IOException {
        return switch (header(response, "content-encoding")) {
            case "br" -> unbrotli(response.body());
            case "gzip" -> gunzip(response.body());
            case "" -> response.body();
            default -> throw new AssertionError("unexpected coding " + header(response, "content-encoding"));
        };
    }

    private static byte[] unbrotli(byte[] body) throws IOException {
        var result = Decoder.decompress(body);
        assertEquals(DecoderJNI.Status.DONE, result.getResultStatus());
        return result.getDecompressedData();
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static String sha384(byte[] content) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(content));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
